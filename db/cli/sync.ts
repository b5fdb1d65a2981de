import { readFileSync, writeFileSync } from 'node:fs';
import type {
  SyncEntityCounts,
  SyncExport,
  SyncImportResult,
  SyncPreview,
  SyncScopeOutcome,
} from '../../shared/types';
import { ApiError, type ApiResult } from '../../shared/errors';
import { UsageError, type Flags } from './args';
import type { CommandContext } from './run';
import { forgetExport } from '../sync/export';

/**
 * `fieldbook sync export|preview|import` and `fieldbook merge FILE…` for head office: the same
 * operations as the app. The passphrase is read from a file (`--passphrase-file`, else
 * $FIELDBOOK_SYNC_PASSPHRASE), never from the command line, where other users could see it.
 */
export const syncUsage = `  sync export [--full] --out FILE [--passphrase-file F]
                                 write this device's changes since its last export (or all)
  sync export --for CODE [--purpose P] --out FILE
                                 (admin) a head-office file for one user: all their accounts;
                                 they can join from it on a new computer
  sync preview FILE [--passphrase-file F]
                                 what importing FILE would do: new, changed, older, conflicts
  sync import FILE [--passphrase-file F]
                                 import FILE in one transaction (again: "already imported")`;

export const mergeUsage = `  merge FILE… [--passphrase-file F]
                                 import many files in turn and sum up`;

function passphraseOf(flags: Flags): string {
  const file = flags['passphrase-file'];
  const text = file ? readFileSync(file, 'utf8') : process.env['FIELDBOOK_SYNC_PASSPHRASE'];
  if (text === undefined) throw new UsageError('give the team passphrase with --passphrase-file FILE');
  return text.replace(/\r?\n$/, '');
}

function unwrap<T>(result: ApiResult<unknown>): T {
  if (!result.ok) throw ApiError.fromData(result.error);
  return result.value as T;
}

function formatCounts(
  entities: Readonly<Record<string, SyncEntityCounts>>,
  totals: SyncEntityCounts,
): string {
  const line = (name: string, c: SyncEntityCounts) =>
    `  ${name.padEnd(12)} new ${c.new}, changed ${c.changed}, older ${c.ignoredOlder}, conflicts ${c.conflicts}`;
  return [...Object.entries(entities).map(([name, c]) => line(name, c)), line('total', totals)].join('\n');
}

/** What the file leaves out here, hands away and had refused: one line each, when any. */
function formatScope(outcome: SyncScopeOutcome): string[] {
  return [
    ...(outcome.outsideScope > 0
      ? [`  left out: ${outcome.outsideScope} rows of accounts that are not yours`]
      : []),
    ...(outcome.leaving > 0
      ? [`  leaving this book: ${outcome.leaving} accounts handed to someone else`]
      : []),
    ...(outcome.refusedTotal > 0
      ? [
          `  refused: ${outcome.refusedTotal} changes the signer may not make`,
          ...outcome.refused.map((refusal) => `    ${refusal.entity} ${refusal.rowId}: ${refusal.reason}`),
        ]
      : []),
  ];
}

export function runSync(context: CommandContext, args: readonly string[]): void {
  const { fieldbook, show } = context;
  const { flags } = context.line;
  const [command = '', ...files] = args;
  const call = <T>(name: string, input: unknown) =>
    unwrap<T>(fieldbook.dispatch(name, input, context.request));
  const read = (file: string) => readFileSync(file).toString('base64');
  if (command === 'export') {
    if (!flags.out || files.length > 0)
      throw new UsageError('usage: fieldbook sync export [--full] --out FILE');
    const exported = call<SyncExport>('sync.export', {
      full: flags.full,
      passphrase: passphraseOf(flags),
      ...(flags.for === undefined ? {} : { forUser: flags.for }),
      ...(flags.purpose === undefined ? {} : { purpose: flags.purpose }),
    });
    try {
      writeFileSync(flags.out, Buffer.from(exported.contentBase64, 'base64'));
    } catch (error) {
      // A file that was not written is no export: the next one must carry the same changes.
      forgetExport(fieldbook.db, exported.manifest.bundleId, context.request.actor);
      throw error;
    }
    const { contentBase64: _bytes, ...summary } = exported;
    show(
      { ...summary, file: flags.out },
      () =>
        `Exported ${exported.manifest.opCount} rows${exported.full ? ' (full)' : ''} to ${flags.out ?? ''}`,
    );
    return;
  }
  if (command === 'preview' || command === 'import') {
    const [file] = files;
    if (file === undefined || files.length > 1) throw new UsageError(`usage: fieldbook sync ${command} FILE`);
    const input = { contentBase64: read(file), passphrase: passphraseOf(flags) };
    if (command === 'preview') {
      const preview = call<SyncPreview>('sync.preview', input);
      show(preview, () =>
        [
          `${file}: from ${preview.manifest.sourceNode}, made ${preview.manifest.createdAt}, ${preview.manifest.opCount} rows`,
          ...(preview.manifest.exporter ? [`  signed by ${preview.manifest.exporter}`] : []),
          preview.alreadyImported
            ? '  already imported: importing it again changes nothing'
            : formatCounts(preview.entities, preview.totals),
          ...formatScope(preview),
          ...(preview.sharedNumbersTotal > 0
            ? [
                `  warning: ${preview.sharedNumbersTotal} pairs of accounts would share a customer number or credit code`,
                ...preview.sharedNumbers.map(
                  (pair) =>
                    `    ${pair.value}: ${pair.incoming.name} (${pair.incoming.id}) and ${pair.other.name} (${pair.other.id})`,
                ),
              ]
            : []),
        ].join('\n'),
      );
      return;
    }
    const result = call<SyncImportResult>('sync.import', input);
    show(result, () =>
      result.alreadyImported
        ? `${file}: already imported, 0 changes`
        : [`${file}: imported`, formatCounts(result.entities, result.totals), ...formatScope(result)].join(
            '\n',
          ),
    );
    return;
  }
  throw new UsageError(`usage:\n${syncUsage}`);
}

/** Imports every file in turn (each in its own transaction) and sums up. */
export function runMerge(context: CommandContext, files: readonly string[]): void {
  const { fieldbook, show } = context;
  if (files.length === 0) throw new UsageError('usage: fieldbook merge FILE…');
  const passphrase = passphraseOf(context.line.flags);
  const results: (SyncImportResult & { file: string })[] = [];
  for (const file of files) {
    const result = unwrap<SyncImportResult>(
      fieldbook.dispatch(
        'sync.import',
        { contentBase64: readFileSync(file).toString('base64'), passphrase },
        context.request,
      ),
    );
    results.push({ ...result, file });
  }
  const totals = { new: 0, changed: 0, ignoredOlder: 0, conflicts: 0 };
  for (const { totals: t } of results) {
    totals.new += t.new;
    totals.changed += t.changed;
    totals.ignoredOlder += t.ignoredOlder;
    totals.conflicts += t.conflicts;
  }
  show({ files: results, totals }, () =>
    [
      ...results.map((r) =>
        r.alreadyImported
          ? `${r.file}: already imported, 0 changes`
          : `${r.file}: new ${r.totals.new}, changed ${r.totals.changed}, older ${r.totals.ignoredOlder}, conflicts ${r.totals.conflicts}`,
      ),
      `Merged ${files.length} files: new ${totals.new}, changed ${totals.changed}, older ${totals.ignoredOlder}, conflicts ${totals.conflicts}`,
    ].join('\n'),
  );
}
