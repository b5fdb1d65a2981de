import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  importMatchKeys,
  importOnExisting,
  type ImportMatchKey,
  type ImportOnExisting,
} from '../../shared/domain/importFields';
import { ApiError, type ApiResult } from '../../shared/errors';
import type {
  ImportPreview,
  ImportRecord,
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
  if ((kind !== 'consumption' && kind !== 'accounts') || file === undefined)
    throw new ImportUsageError(
      'usage: fieldbook import consumption|accounts FILE [--match K] [--existing E] [--dry-run]',
    );
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
  const input = {
    stageId: staged.stageId,
    kind,
    mapping: remembered?.mapping ?? staged.suggested[kind],
    matchKey,
    onExisting,
  };
  const preview = call<ImportPreview>('imports.preview', input);
  const summary = `${staged.fileName} (${staged.encoding}, ${staged.rowCount} rows): ${JSON.stringify(preview.counts)}`;
  if (options.dryRun || preview.errorTotal > 0) {
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
  show(
    record,
    () => `Imported ${summary}\nImport ${record.id} (revert with: fieldbook imports revert ${record.id})`,
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
  if (verb === 'revert' && id !== undefined) {
    const result = unwrap<ImportRevertResult>(fieldbook.dispatch('imports.revert', { id }, context));
    show(result, () => `Reverted ${result.import.fileName}: ${JSON.stringify(result.counts)}`);
    return;
  }
  throw new ImportUsageError('usage: fieldbook imports list | imports revert ID');
}
