import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../shared/errors';
import { csvExportInput, csvExportTables } from '../../shared/schemas';
import { exportCsv } from '../exports/index';
import { zipFilesOnDisk } from '../exports/zip';
import { roleRefusal } from '../access/roles';
import { ownersInScope, scopeRefusal } from '../access/scope';
import { UsageError } from './args';
import type { CommandContext } from './run';

/** `fieldbook export-csv`: every table streamed to its own file, any size (5 million bills). */
export const exportCsvUsage = `  export-csv --out DIR [--tables a,b] [--language zh-CN|en] [--owner M]
        [--region R] [--tier T] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--zip] [--plain]
        [--purpose TEXT]
                                 CSV files for head office: UTF-8 with BOM for Excel
                                 (phones and numbers kept as text), or --plain for other
                                 programs (no BOM, every value as it is; not for Excel);
                                 tables: ${csvExportTables.join(', ')}`;

export interface ExportCsvSummary {
  readonly directory: string;
  readonly files: readonly { table: string; path: string; rows: number }[];
  readonly zip: string | null;
  readonly seconds: number;
}

const dayStamp = (date = new Date()) =>
  `${date.getFullYear()}${String(date.getMonth() + 1).padStart(2, '0')}${String(date.getDate()).padStart(2, '0')}`;

export function runExportCsv(context: CommandContext): void {
  const { fieldbook, show } = context;
  const { flags } = context.line;
  if (!flags.out) throw new UsageError(`usage:\n${exportCsvUsage}`);
  const parsed = csvExportInput.safeParse({
    tables: flags.tables ? flags.tables.split(',').map((table) => table.trim()) : [...csvExportTables],
    ...(flags.language !== undefined ? { language: flags.language } : {}),
    ...(flags.owner !== undefined ? { owner: flags.owner } : {}),
    ...(flags.region !== undefined ? { region: flags.region } : {}),
    ...(flags.tier !== undefined ? { tiers: flags.tier } : {}),
    ...(flags.from !== undefined ? { from: flags.from } : {}),
    ...(flags.to !== undefined ? { to: flags.to } : {}),
    ...(flags.purpose !== undefined ? { purpose: flags.purpose } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? '');
    const where = issue ? `--${field === 'tiers' ? 'tier' : field}: ` : '';
    throw new ApiError('VALIDATION_FAILED', `${where}${issue?.message ?? 'invalid options'}`);
  }
  // Streamed here rather than dispatched: the role and the scope are held here the same way.
  const { user } = context.request;
  const refused = user
    ? (roleRefusal('exports.csv', user) ?? scopeRefusal(fieldbook.db, 'exports.csv', parsed.data, user))
    : null;
  if (refused) throw refused;
  const { tables, language, owner, region, tiers, from, to, purpose } = parsed.data;
  const directory = flags.out;
  mkdirSync(directory, { recursive: true });
  const started = performance.now();
  const paths = new Map<string, string>();
  const rows = exportCsv(
    fieldbook.db,
    context.request.actor,
    {
      tables,
      language,
      filters: { owners: ownersInScope(owner, context.request), region, tiers, from, to },
      style: flags.plain ? 'plain' : 'excel',
      purpose,
    },
    (table) => {
      const path = join(directory, table.fileName);
      paths.set(table.table, path);
      const fd = openSync(path, 'w');
      return {
        write: (chunk) => void writeSync(fd, chunk),
        close: () => closeSync(fd),
      };
    },
  );
  const files = tables.map((table) => ({ table, path: paths.get(table) ?? '', rows: rows[table] ?? 0 }));
  let zip: string | null = null;
  if (flags.zip) {
    zip = join(directory, `fieldbook-export-${dayStamp()}.zip`);
    zipFilesOnDisk(
      zip,
      files.map((file) => ({ name: file.path.slice(directory.length + 1), path: file.path })),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  const summary: ExportCsvSummary = { directory, files, zip, seconds };
  show(summary, () =>
    [
      ...files.map((file) => `${String(file.rows).padStart(10)} rows  ${file.path}`),
      ...(zip ? [`zip: ${zip}`] : []),
      `${seconds.toFixed(1)} s`,
    ].join('\n'),
  );
}
