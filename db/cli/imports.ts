import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  importMatchKeys,
  importOnExisting,
  type ImportKind,
  type ImportMatchKey,
  type ImportOnExisting,
} from '../../shared/domain/importFields';
import { consumptionCategories } from '../../shared/schemas';
import type {
  ImportCategoryMap,
  ImportPreview,
  ImportRecord,
  ImportRejects,
  ImportRevertResult,
  ImportSettings,
  StagedImport,
} from '../../shared/types';
import { rowErrorText } from '../imports/rejectTexts';
import { choiceOf, UsageError, wholeNumber } from './args';
import { unwrap } from './everyday';
import {
  checkHeaders,
  parseCategoryMap,
  parseMap,
  readMappingFile,
  type GivenSettings,
} from './importMapping';
import type { CommandContext } from './run';

/**
 * `fieldbook import consumption|accounts FILE`, `fieldbook imports list|revert|rejects`: the app's
 * import through the same operations. The columns are the ones given (`--map`, `--mapping`),
 * else the ones last used for the file's headers, else those guessed from them.
 */
export const importUsage = `  import consumption|accounts FILE [--map 'HEADER=FIELD,…' | --mapping FILE.json]
         [--match customerNo|creditCode|phone] [--existing create|update|skip]
         [--category-map NAME=CATEGORY,…] [--dry-run]
         [--skip-bad-rows [--rejects FILE] [--language zh-CN|en]]
                                 import a CSV file (UTF-8 or GB18030) in one transaction;
                                 a bad row refuses the file, unless --skip-bad-rows: then
                                 the good rows are imported, the bad ones written to FILE.
                                 --dry-run writes nothing and exits 3 if a row is bad.
                                 Columns: --map names each column's field (客户编号=customerNo);
                                 without it, the last mapping used for these headers, else
                                 a guess from the header names`;

export const importsUsage = `  imports list [--limit N]       recent imports
  imports revert ID              undo an import (rows edited since are left alone)
  imports rejects ID --out FILE [--language zh-CN|en]
                                 the rows an import left out, to correct and import again`;

/** The exit status of a dry run that found rows with errors (0: none). */
export const dryRunFoundErrors = 3;

function languageOf(value: string | undefined): 'zh-CN' | 'en' {
  return choiceOf(value, ['zh-CN', 'en'] as const, 'language') ?? 'zh-CN';
}

/** Rows described on a terminal; the rest are counted (all of them: `--json`, or the rejects file). */
const errorsShown = 20;

function describeErrors(preview: ImportPreview): string {
  const lines = preview.errors
    .slice(0, errorsShown)
    .map(
      (error) =>
        `  row ${error.row}, ${error.column ?? '(whole row)'} ${JSON.stringify(error.value)}: ${rowErrorText(error.code, 'en')}`,
    );
  const more = preview.errorTotal - lines.length;
  const unknown = preview.unknownCategories.map((entry) => `${entry.name}=CATEGORY`);
  return [
    ...lines,
    ...(more > 0 ? [`  … and ${more} more`] : []),
    ...(unknown.length > 0 && preview.errors.some((error) => error.code === 'invalid_category')
      ? [
          `  services the file names that Fieldbook does not: map them with --category-map ${unknown.join(',')}`,
          `  (CATEGORY one of ${consumptionCategories.join(', ')})`,
        ]
      : []),
  ].join('\n');
}

/** The settings of this run: given ones first, then those remembered for the headers, then defaults. */
function settingsFor(
  kind: ImportKind,
  staged: StagedImport,
  given: GivenSettings,
  flags: { match: string | undefined; existing: string | undefined; categoryMap: ImportCategoryMap },
): ImportSettings {
  const remembered = staged.remembered?.kind === kind ? staged.remembered : null;
  const matchKey: ImportMatchKey =
    choiceOf(flags.match, importMatchKeys, 'match') ?? given.matchKey ?? remembered?.matchKey ?? 'customerNo';
  const onExisting: ImportOnExisting =
    choiceOf(flags.existing, importOnExisting, 'existing') ??
    given.onExisting ??
    remembered?.onExisting ??
    'skip';
  const mapping = given.mapping ?? remembered?.mapping ?? staged.suggested[kind];
  if (kind === 'accounts') return { kind, mapping, matchKey, onExisting };
  const categoryMap = {
    ...remembered?.categoryMap,
    ...given.categoryMap,
    ...flags.categoryMap,
  };
  return { kind, mapping, matchKey, onExisting, categoryMap };
}

export function runImport(context: CommandContext, args: readonly string[]): number {
  const { flags } = context.line;
  const [kind, file, ...extra] = args;
  if ((kind !== 'consumption' && kind !== 'accounts') || file === undefined || extra.length > 0)
    throw new UsageError(`usage:\n${importUsage}`);
  if (flags.rejects !== undefined && !flags['skip-bad-rows'])
    throw new UsageError('--rejects FILE goes with --skip-bad-rows (without it a bad row refuses the file)');
  if (flags.map !== undefined && flags.mapping !== undefined)
    throw new UsageError('give the columns once: --map or --mapping, not both');
  if (kind === 'accounts' && flags['category-map'] !== undefined)
    throw new UsageError('--category-map is for bills (import consumption): accounts have no services');
  const language = languageOf(flags.language);
  // The given settings are read before the file: a mistyped field is refused at once.
  const categoryMap = parseCategoryMap(flags['category-map'] ?? []);
  const given: GivenSettings =
    flags.map !== undefined
      ? { mapping: parseMap(flags.map, kind) }
      : flags.mapping !== undefined
        ? readMappingFile(flags.mapping, kind)
        : {};
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  const call = <T>(name: string, input: unknown) =>
    unwrap<T>(context.fieldbook.dispatch(name, input, context.request));
  const staged = call<StagedImport>('imports.stage', {
    fileName: basename(file),
    contentBase64: bytes.toString('base64'),
  });
  if (given.mapping) checkHeaders(given.mapping, staged.headers, file);
  const settings = settingsFor(kind, staged, given, {
    match: flags.match,
    existing: flags.existing,
    categoryMap,
  });
  const input = {
    stageId: staged.stageId,
    ...settings,
    badRows: flags['skip-bad-rows'] ? ('skip' as const) : ('refuse' as const),
  };
  const preview = call<ImportPreview>('imports.preview', input);
  const summary = `${staged.fileName} (${staged.encoding}, ${staged.rowCount} rows): ${JSON.stringify(preview.counts)}`;
  if (flags['dry-run']) {
    context.show({ dryRun: true, mapping: settings.mapping, settings, ...preview }, () =>
      [
        `Dry run, nothing written. ${summary}`,
        `Mapping: ${JSON.stringify(settings.mapping)}`,
        describeErrors(preview),
      ]
        .filter(Boolean)
        .join('\n'),
    );
    return preview.errorTotal > 0 ? dryRunFoundErrors : 0;
  }
  if (preview.errorTotal > 0 && !flags['skip-bad-rows']) {
    // Same refusal the apply gives (IMPORT_HAS_ERRORS), with the rows to fix on stderr.
    process.stderr.write(`${summary}\n${describeErrors(preview)}\n`);
    call('imports.apply', input);
  }
  const record = call<ImportRecord>('imports.apply', input);
  // Its bills recorded and rolled up now, not at the book's next use (the app's job thread does the same).
  unwrap(context.fieldbook.dispatch('imports.settle', {}, { actor: 'fieldbook' }));
  const left = record.counts.errors;
  if (left > 0 && flags.rejects !== undefined) {
    const rejects = call<ImportRejects>('imports.rejects', { id: record.id, language });
    writeFileSync(flags.rejects, Buffer.from(rejects.contentBase64, 'base64'));
  }
  const leftOut =
    left === 0
      ? ''
      : `\n${left} rows with errors were left out${flags.rejects === undefined ? ` (get them with: fieldbook imports rejects ${record.id} --out FILE)` : `, written to ${flags.rejects}`}:\n${describeErrors(preview)}`;
  context.show(
    { ...record, ...(flags.rejects !== undefined && left > 0 ? { rejectsFile: flags.rejects } : {}) },
    () =>
      `Imported ${summary}${leftOut}\nImport ${record.id} (revert with: fieldbook imports revert ${record.id})`,
  );
  return 0;
}

export function runImports(context: CommandContext, args: readonly string[]): void {
  const { flags } = context.line;
  const [verb, id, ...extra] = args;
  const call = <T>(name: string, input: unknown) =>
    unwrap<T>(context.fieldbook.dispatch(name, input, context.request));
  if (extra.length > 0 || (verb === 'list') !== (id === undefined))
    throw new UsageError(`usage:\n${importsUsage}`);
  if (verb === 'list') {
    const records = call<ImportRecord[]>('imports.list', { limit: wholeNumber(flags.limit, 'limit', 50) });
    context.show(
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
  if (verb === 'rejects') {
    const out = flags.out;
    if (out === undefined) throw new UsageError('usage: fieldbook imports rejects ID --out FILE');
    const rejects = call<ImportRejects>('imports.rejects', { id, language: languageOf(flags.language) });
    writeFileSync(out, Buffer.from(rejects.contentBase64, 'base64'));
    context.show(
      { ...rejects, contentBase64: undefined, file: out },
      () => `Wrote the ${rejects.rows} rows left out to ${out}`,
    );
    return;
  }
  const result = call<ImportRevertResult>('imports.revert', { id });
  context.show(result, () => `Reverted ${result.import.fileName}: ${JSON.stringify(result.counts)}`);
}
