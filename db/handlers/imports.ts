import type { ApiEvents, ApiHandlers, OperationName, ParsedInputOf } from '../../shared/api';
import {
  headerSetKey,
  importKinds,
  resolveColumns,
  suggestMapping,
  type ImportKind,
  type ImportMapping,
} from '../../shared/domain/importFields';
import { ApiError } from '../../shared/errors';
import { importMaxFileBytes } from '../../shared/schemas';
import type { ImportPreview, ImportSettings, SessionUser } from '../../shared/types';
import { validationMessages } from '../../shared/validationMessages';
import { importWritesOutOfScope } from '../access/scope';
import type { Db } from '../connection';
import { newId } from '../ids';
import { applyImport } from '../imports/apply';
import { settleImports } from '../imports/settle';
import type { ImportPlan } from '../imports/plan';
import { importPlanners } from '../imports/planners';
import { readCsv } from '../imports/readCsv';
import { rejectsFile } from '../imports/rejects';
import { findRejects, insertRejects } from '../queries/importRejects';
import { revertImport } from '../imports/revert';
import { StagingArea, type StagingLimits } from '../imports/staging';
import { findImport, listImports, rememberSettings, rememberedSettings } from '../queries/imports';

type ImportOps = Extract<OperationName, `imports.${string}`>;
type ImportOptions = ParsedInputOf<'imports.preview'>;

export interface ImportServices {
  /** Reports an apply's progress (the service forwards it to windows as `import.progress`). */
  readonly progress?: (event: ApiEvents['import.progress']) => void;
  readonly limits?: Partial<StagingLimits>;
}

const sampleRows = 10;

function previewOf(plan: ImportPlan): ImportPreview {
  return {
    counts: plan.counts,
    errors: plan.errors,
    errorTotal: plan.errorTotal,
    unknownCategories: plan.unknownCategories,
  };
}

export function importHandlers(db: Db, services: ImportServices = {}): Pick<ApiHandlers, ImportOps> {
  const staging = new StagingArea({ maxFileBytes: importMaxFileBytes, maxFiles: 3, ...services.limits });

  /** Checks the mapping against the file and works out what the import would do. */
  const plan = (input: ImportOptions, actor: string): { plan: ImportPlan; settings: ImportSettings } => {
    const file = staging.get(input.stageId);
    const { columns, problems } = resolveColumns(file.headers, input.kind, input.mapping, input.matchKey);
    if (problems.length > 0) {
      const issues = problems.map(([field, key]) => ({
        path: ['mapping', field],
        code: key,
        message: validationMessages[key].en,
      }));
      throw new ApiError(
        'VALIDATION_FAILED',
        `mapping.${problems[0]?.[0] ?? ''}: ${issues[0]?.message ?? ''}`,
        {
          issues,
        },
      );
    }
    const options = {
      columns,
      matchKey: input.matchKey,
      onExisting: input.onExisting,
      headers: file.headers,
      actor,
      categoryMap: input.categoryMap,
    };
    // Remembered with the mapping: next month's file names its services the same way.
    const settings: ImportSettings = {
      kind: input.kind,
      mapping: input.mapping,
      matchKey: input.matchKey,
      onExisting: input.onExisting,
      ...(input.kind === 'consumption' ? { categoryMap: input.categoryMap } : {}),
    };
    return { plan: importPlanners[input.kind](db, file.rows, options), settings };
  };

  /**
   * The last preview's plan, reused by an apply of the same file and options while nothing
   * synced has changed since (the change counter is the same): the file is then checked once.
   */
  let lastPreview: { key: string; changes: number; planned: ReturnType<typeof plan> } | null = null;
  const changeCounter = () =>
    (db.statement('SELECT seq FROM sync_clock WHERE id = 1').get() as { seq: number }).seq;
  // What to do with bad rows does not change the plan: a preview serves either kind of apply.
  const previewKey = ({ badRows: _badRows, ...input }: ImportOptions, actor: string) =>
    JSON.stringify([input, actor]);

  /** A file that would write to accounts the user may not change is refused whole, nothing written. */
  const keptToScope = (planned: ImportPlan, user: SessionUser | undefined) => {
    const outside = user ? importWritesOutOfScope(db, planned.actions, user) : 0;
    if (outside > 0)
      throw new ApiError(
        'FORBIDDEN',
        `${outside} changes of this file are for accounts you may not change: take those rows out`,
        { details: { outside } },
      );
  };

  return {
    'imports.stage': ({ fileName, contentBase64 }) => {
      staging.checkSize(Math.floor((contentBase64.length * 3) / 4));
      const bytes = Buffer.from(contentBase64, 'base64');
      staging.checkSize(bytes.length);
      const table = readCsv(bytes);
      const stageId = newId();
      staging.add({ ...table, id: stageId, fileName, bytes: bytes.length });
      return {
        stageId,
        fileName,
        encoding: table.encoding,
        delimiter: table.delimiter,
        headers: table.headers,
        sample: table.rows.slice(0, sampleRows),
        rowCount: table.rows.length,
        remembered: rememberedSettings(db, headerSetKey(table.headers)),
        suggested: Object.fromEntries(
          importKinds.map((kind) => [kind, suggestMapping(table.headers, kind)]),
        ) as Record<ImportKind, ImportMapping>,
      };
    },

    'imports.preview': (input, { actor, user }) => {
      const planned = plan(input, actor);
      keptToScope(planned.plan, user);
      lastPreview = { key: previewKey(input, actor), changes: changeCounter(), planned };
      return previewOf(planned.plan);
    },

    'imports.apply': (input, { actor, user }) => {
      const file = staging.get(input.stageId);
      const reusable =
        lastPreview?.key === previewKey(input, actor) && lastPreview.changes === changeCounter();
      const { plan: result, settings } = reusable && lastPreview ? lastPreview.planned : plan(input, actor);
      lastPreview = null;
      keptToScope(result, user);
      if (result.errorTotal > 0 && input.badRows === 'refuse') {
        throw new ApiError(
          'IMPORT_HAS_ERRORS',
          `${result.counts.errors} rows have errors (${result.errorTotal} in all): nothing was imported`,
          {
            details: {
              counts: result.counts,
              errors: result.errors.slice(0, 20),
              errorTotal: result.errorTotal,
              unknownCategories: result.unknownCategories,
            },
          },
        );
      }
      const id = newId();
      db.transaction(() => {
        applyImport(db, {
          id,
          fileName: file.fileName,
          encoding: file.encoding,
          settings,
          counts: result.counts,
          actions: result.actions,
          actor,
          onProgress: (done, total) => services.progress?.({ stageId: input.stageId, done, total }),
        });
        // The rows left out, kept with the import for `imports.rejects` (any time, either language).
        if (result.rejected.length > 0) {
          const rejected = result.rejected.map(({ row, errors }) => ({
            row,
            cells: file.rows[row - 2] ?? [],
            errors,
          }));
          insertRejects(db, id, file.headers, rejected);
        }
        rememberSettings(db, headerSetKey(file.headers), settings, new Date().toISOString());
      });
      // Applied once: a second apply of the same file would double its bills.
      staging.drop(input.stageId);
      const record = findImport(db, id);
      if (!record) throw new Error(`import ${id} was not recorded`);
      return record;
    },

    'imports.settle': () => settleImports(db),

    'imports.list': (input) => listImports(db, input?.limit ?? 50),

    'imports.rejects': ({ id, language }) => {
      const record = findImport(db, id);
      const rejects = record ? findRejects(db, id) : null;
      if (!record || !rejects)
        throw new ApiError('NOT_FOUND', `Import ${id} left no rows out`, {
          details: { entity: 'import', id },
        });
      return rejectsFile(rejects, record, language);
    },

    'imports.revert': ({ id }, { actor, user }) => {
      // A manager's imports keep to their accounts (`keptToScope`): they undo their own only.
      const imported = findImport(db, id);
      if (user?.owners && imported && imported.actor.toLowerCase() !== user.code.toLowerCase())
        throw new ApiError(
          'FORBIDDEN',
          `Import ${id} was made by ${imported.actor}: only they or an administrator undo it`,
        );
      const { counts, conflicts } = revertImport(db, id, actor);
      const record = findImport(db, id);
      if (!record) throw new Error(`import ${id} vanished`);
      return { import: record, counts, conflicts };
    },
  };
}
