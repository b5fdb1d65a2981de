import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  importMatchKeys,
  importOnExisting,
  type ImportMatchKey,
  type ImportOnExisting,
} from '../../shared/domain/importFields';
import { categoryKey } from '../../shared/domain/importValues';
import { ApiError, type ApiResult } from '../../shared/errors';
import { consumptionCategories } from '../../shared/schemas';
import type {
  ConsumptionCategory,
  ImportCategoryMap,
  ImportPreview,
  ImportRecord,
  ImportRejects,
  ImportRevertResult,
  RequestContext,
  StagedImport,
} from '../../shared/types';
import type { Fieldbook } from '../service';

/**
 * `fieldbook import consumption|accounts FILE`, `fieldbook imports list`, `fieldbook imports
 * revert ID`: the app's import through the same operations. The mapping is the one last used
 * for the file's headers, else the one guessed from them.
 */
export interface ImportCommandOptions {
  readonly match: string | undefined;
  readonly existing: string | undefined;
  readonly dryRun: boolean;
  readonly limit: number | undefined;
  readonly imports: ImportFlags;
}

/** The import's own flags, parsed by main.ts with `importCliOptions`. */
export interface ImportFlags {
  /** Import the good rows; the bad ones go to `--rejects FILE` (or `imports rejects ID`). */
  readonly skipBadRows: boolean;
  readonly rejects: string | undefined;
  /** `NAME=category`: a service name of the file read as one of Fieldbook's categories. */
  readonly categoryMap: readonly string[] | undefined;
  /** The rejects file's error column: zh-CN (default) or en. */
  readonly language: string | undefined;
  readonly out: string | undefined;
}

export const importCliOptions = {
  'skip-bad-rows': { type: 'boolean', default: false },
  rejects: { type: 'string' },
  'category-map': { type: 'string', multiple: true },
} as const;

export const importUsage = `  import consumption|accounts FILE [--match customerNo|creditCode|phone]
         [--existing create|update|skip] [--dry-run] [--category-map NAME=CATEGORY]…
         [--skip-bad-rows [--rejects FILE] [--language zh-CN|en]]
                                 import a CSV file (UTF-8 or GB18030) in one transaction;
                                 a bad row refuses the file, unless --skip-bad-rows: then
                                 the good rows are imported, the bad ones written to FILE
  imports list                   recent imports
  imports revert ID              undo an import (rows edited since are left alone)
  imports rejects ID --out FILE [--language zh-CN|en]
                                 the rows an import left out, to correct and import again`;

/** `云计算=cloud` → { [categoryKey('云计算')]: 'cloud' }; a category must be one of Fieldbook's. */
export function parseCategoryMap(pairs: readonly string[]): ImportCategoryMap {
  const map: Record<string, ConsumptionCategory> = {};
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    const name = pair.slice(0, at).trim();
    const category = pair.slice(at + 1).trim();
    if (at < 0 || name === '' || !(consumptionCategories as readonly string[]).includes(category))
      throw new ImportUsageError(
        `--category-map takes NAME=CATEGORY, CATEGORY one of ${consumptionCategories.join(', ')} (service categories are fixed), not "${pair}"`,
      );
    map[categoryKey(name)] = category as ConsumptionCategory;
  }
  return map;
}

function languageOf(value: string | undefined): 'zh-CN' | 'en' {
  return choice(value, ['zh-CN', 'en'] as const, 'language') ?? 'zh-CN';
}

export class ImportUsageError extends Error {}

function unwrap<T>(result: ApiResult<unknown>): T {
  if (!result.ok) throw ApiError.fromData(result.error);
  return result.value as T;
}

function choice<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  name: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new ImportUsageError(`--${name} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

function describeErrors(preview: ImportPreview): string {
  const lines = preview.errors.map(
    (error) =>
      `  row ${error.row}, ${error.column ?? '(whole row)'}: ${error.code} ${JSON.stringify(error.value)}`,
  );
  const more = preview.errorTotal - preview.errors.length;
  return [...lines, ...(more > 0 ? [`  … and ${more} more`] : [])].join('\n');
}

export function runImport(
  fieldbook: Fieldbook,
  args: readonly string[],
  options: ImportCommandOptions,
  context: RequestContext,
  show: (value: unknown, human: () => string) => void,
): void {
  const [kind, file] = args;
  const flags = options.imports;
  if ((kind !== 'consumption' && kind !== 'accounts') || file === undefined)
    throw new ImportUsageError(`usage:\n${importUsage}`);
  if (flags.rejects !== undefined && !flags.skipBadRows)
    throw new ImportUsageError(
      '--rejects FILE goes with --skip-bad-rows (without it a bad row refuses the file)',
    );
  const language = languageOf(flags.language);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new ImportUsageError(`cannot read ${file}`);
  }
  const call = <T>(name: string, input: unknown) => unwrap<T>(fieldbook.dispatch(name, input, context));
  const staged = call<StagedImport>('imports.stage', {
    fileName: basename(file),
    contentBase64: bytes.toString('base64'),
  });
  const remembered = staged.remembered?.kind === kind ? staged.remembered : null;
  const matchKey: ImportMatchKey =
    choice(options.match, importMatchKeys, 'match') ?? remembered?.matchKey ?? 'customerNo';
  const onExisting: ImportOnExisting =
    choice(options.existing, importOnExisting, 'existing') ?? remembered?.onExisting ?? 'skip';
  const given = parseCategoryMap(flags.categoryMap ?? []);
  const input = {
    stageId: staged.stageId,
    kind,
    mapping: remembered?.mapping ?? staged.suggested[kind],
    matchKey,
    onExisting,
    badRows: flags.skipBadRows ? ('skip' as const) : ('refuse' as const),
    ...(kind === 'consumption' ? { categoryMap: { ...remembered?.categoryMap, ...given } } : {}),
  };
  const preview = call<ImportPreview>('imports.preview', input);
  const summary = `${staged.fileName} (${staged.encoding}, ${staged.rowCount} rows): ${JSON.stringify(preview.counts)}`;
  if (options.dryRun || (preview.errorTotal > 0 && !flags.skipBadRows)) {
    if (!options.dryRun) {
      // Same refusal the apply would give, with the rows to fix on stderr.
      process.stderr.write(`${summary}\n${describeErrors(preview)}\n`);
      call('imports.apply', input);
    }
    show({ dryRun: true, mapping: input.mapping, ...preview }, () =>
      [
        `Dry run, nothing written. ${summary}`,
        `Mapping: ${JSON.stringify(input.mapping)}`,
        describeErrors(preview),
      ]
        .filter(Boolean)
        .join('\n'),
    );
    return;
  }
  const record = call<ImportRecord>('imports.apply', input);
  const left = record.counts.errors;
  if (left > 0 && flags.rejects !== undefined) {
    const rejects = call<ImportRejects>('imports.rejects', { id: record.id, language });
    writeFileSync(flags.rejects, Buffer.from(rejects.contentBase64, 'base64'));
  }
  const leftOut =
    left === 0
      ? ''
      : `\n${left} rows with errors were left out${flags.rejects === undefined ? ` (get them with: fieldbook imports rejects ${record.id} --out FILE)` : `, written to ${flags.rejects}`}:\n${describeErrors(preview)}`;
  show(
    { ...record, ...(flags.rejects !== undefined && left > 0 ? { rejectsFile: flags.rejects } : {}) },
    () =>
      `Imported ${summary}${leftOut}\nImport ${record.id} (revert with: fieldbook imports revert ${record.id})`,
  );
}

export function runImports(
  fieldbook: Fieldbook,
  args: readonly string[],
  options: ImportCommandOptions,
  context: RequestContext,
  show: (value: unknown, human: () => string) => void,
): void {
  const [verb, id] = args;
  if (verb === 'list') {
    const records = unwrap<ImportRecord[]>(
      fieldbook.dispatch('imports.list', { limit: options.limit ?? 50 }, context),
    );
    show(
      records,
      () =>
        records
          .map(
            (record) =>
              `${record.id}  ${record.at}  ${record.kind}  ${record.fileName}  ${record.actor}  ` +
              `${JSON.stringify(record.counts)}${record.revertedAt ? `  reverted ${record.revertedAt}` : ''}`,
          )
          .join('\n') || 'No imports yet.',
    );
    return;
  }
  if (verb === 'rejects' && id !== undefined) {
    const out = options.imports.out;
    if (out === undefined) throw new ImportUsageError('usage: fieldbook imports rejects ID --out FILE');
    const rejects = unwrap<ImportRejects>(
      fieldbook.dispatch('imports.rejects', { id, language: languageOf(options.imports.language) }, context),
    );
    writeFileSync(out, Buffer.from(rejects.contentBase64, 'base64'));
    show(
      { ...rejects, contentBase64: undefined, file: out },
      () => `Wrote the ${rejects.rows} rows left out to ${out}`,
    );
    return;
  }
  if (verb === 'revert' && id !== undefined) {
    const result = unwrap<ImportRevertResult>(fieldbook.dispatch('imports.revert', { id }, context));
    show(result, () => `Reverted ${result.import.fileName}: ${JSON.stringify(result.counts)}`);
    return;
  }
  throw new ImportUsageError(`usage:\n${importUsage}`);
}
