import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { operationNames } from '../../shared/api';
import { ApiError, type ApiResult } from '../../shared/errors';
import type { AccountDetail, AnniversaryWindow, LookupResult } from '../../shared/types';
import { actorOf } from '../handlers/settings';
import { defaultDatabasePath, prepareDatabaseDirectory } from '../paths';
import { openFieldbook, writeRefusal, type Fieldbook } from '../service';
import { seedDatabase } from '../seed';
import { storageFault } from '../faults';
import { formatAnniversaries, formatDetail, formatError, formatLookup } from './format';
import { storageNotice } from './storage';
import { runStats, statsOptions, statsUsage, type StatsFlags } from './stats';
import {
  importCliOptions,
  ImportUsageError,
  importUsage,
  runImport,
  runImports,
  type ImportFlags,
} from './imports';
import { runMerge, runSync, SyncUsageError, syncUsage, type SyncFlags } from './sync';
import {
  ExportCsvUsageError,
  exportCsvOptions,
  exportCsvUsage,
  runExportCsv,
  type ExportCsvFlags,
} from './exportCsv';

/**
 * `fieldbook`: the same services as the app, for head office, scripts and benchmarks. Every
 * command takes `--db PATH` and `--json`; bad input exits non-zero with one line on stderr.
 */
const usage = `Usage: fieldbook [--db PATH] [--json] [--as MANAGER] [--read-only] <command> [arguments]

Commands:
  init                           create the database (or bring it up to date)
  seed [--accounts N] [--seed S] fill it with realistic demo data (deterministic)
  lookup QUERY [--limit N]       find accounts by phone (or its last 4+ digits), name,
                                 pinyin, initials, customer number or credit code
  accounts show ID|NUMBER        one account with phones, relationships, visits,
                                 consumption and anniversaries
  anniversaries upcoming [--days N] [--owner M]
                                 birthdays, founding days… in the next N days (30)
  anniversaries on DATE [--owner M]
                                 is this date special for any key customer? (YYYY-MM-DD)
${importUsage}
${statsUsage}
${syncUsage}
${exportCsvUsage}
  call OPERATION [JSON|-]        run any operation of the API (input as JSON, or - for stdin)
  operations                     list the operations 'call' accepts

Options:
  --db PATH      database file (default: $FIELDBOOK_DB or the app's data folder)
  --json         machine-readable output
  --as MANAGER   who is making changes (default: the manager code in Settings,
                 else your user name)
  --read-only    open the book for reading only: nothing is written to it (chosen
                 by itself, with a notice, when the book cannot be written)`;

class UsageError extends Error {}

interface Options {
  readonly db: string;
  readonly json: boolean;
  readonly readOnly: boolean;
  /** `--as`; when absent, the manager code set in Settings, else the OS user. */
  readonly actor: string | undefined;
  /** `--limit`; each command has its own default. */
  readonly limit: number | undefined;
  readonly accounts: number;
  readonly seed: number;
  readonly days: number;
  readonly owner: string | undefined;
  readonly match: string | undefined;
  readonly existing: string | undefined;
  readonly dryRun: boolean;
  readonly imports: ImportFlags;
  readonly stats: StatsFlags;
  readonly sync: SyncFlags;
  readonly exportCsv: ExportCsvFlags;
}

function integer(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} needs a whole number, not "${value}"`);
  return Number(value);
}

function parse(argv: readonly string[]): { options: Options; command: string[] } {
  try {
    return parseOptions(argv);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function parseOptions(argv: readonly string[]): { options: Options; command: string[] } {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      json: { type: 'boolean', default: false },
      'read-only': { type: 'boolean', default: false },
      as: { type: 'string' },
      limit: { type: 'string' },
      accounts: { type: 'string' },
      seed: { type: 'string' },
      days: { type: 'string' },
      owner: { type: 'string' },
      match: { type: 'string' },
      existing: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      out: { type: 'string' },
      'passphrase-file': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      ...statsOptions,
      ...exportCsvOptions,
      ...importCliOptions,
    },
  });
  if (values.help || positionals.length === 0) throw new UsageError(usage);
  return {
    command: positionals,
    options: {
      db: values.db ?? defaultDatabasePath(),
      json: values.json,
      readOnly: values['read-only'],
      actor: values.as,
      limit: values.limit === undefined ? undefined : integer(values.limit, 'limit', 20),
      accounts: integer(values.accounts, 'accounts', 1000),
      seed: integer(values.seed, 'seed', 1),
      days: integer(values.days, 'days', 30),
      owner: values.owner,
      match: values.match,
      existing: values.existing,
      dryRun: values['dry-run'],
      imports: {
        skipBadRows: values['skip-bad-rows'],
        rejects: values.rejects,
        categoryMap: values['category-map'],
        language: values.language,
        out: values.out,
      },
      sync: { full: values.full, out: values.out, passphraseFile: values['passphrase-file'] },
      exportCsv: {
        out: values.out,
        tables: values.tables,
        language: values.language,
        owner: values.owner,
        region: values.region,
        tiers: values.tier,
        from: values.from,
        to: values.to,
        zip: values.zip,
      },
      stats: {
        to: values.to,
        from: values.from,
        months: values.months,
        category: values.category,
        by: values.by,
        top: values.top,
        threshold: values.threshold,
        region: values.region,
        tier: values.tier,
        today: values.today,
        owner: values.owner,
      },
    },
  };
}

function unwrap<T>(result: ApiResult<T>): T {
  if (!result.ok) throw ApiError.fromData(result.error);
  return result.value;
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`the input is not valid JSON: ${text.slice(0, 60)}`);
  }
}

async function run(fieldbook: Fieldbook, command: string[], options: Options, print: (text: string) => void) {
  const actor = options.actor ?? actorOf(fieldbook.db, userInfo().username);
  const context = { actor };
  const show = (value: unknown, human: () => string) =>
    print(options.json ? JSON.stringify(value, null, 2) : human());
  const [name, ...rest] = command;
  switch (name) {
    case 'init':
      show({ ok: true, db: options.db }, () => `Database ready: ${options.db}`);
      return;
    case 'seed': {
      const refused = writeRefusal(fieldbook.storage());
      if (refused) throw refused;
      const summary = seedDatabase(fieldbook.db, {
        accounts: options.accounts,
        seed: options.seed,
        actor,
        ...(options.json ? {} : { onProgress: reportProgress }),
      });
      if (!options.json) process.stderr.write('\n');
      show(summary, () => `Seeded ${options.db}:\n${JSON.stringify(summary, null, 2)}`);
      return;
    }
    case 'lookup': {
      const query = rest.join(' ');
      if (query.trim() === '') throw new UsageError('lookup needs a query, e.g. fieldbook lookup 8000');
      const result = unwrap(
        fieldbook.dispatch('lookup.search', { query, limit: options.limit ?? 20 }, context),
      ) as LookupResult;
      show(result, () => formatLookup(result));
      return;
    }
    case 'accounts': {
      const [verb, reference] = rest;
      if (verb !== 'show' || reference === undefined)
        throw new UsageError('usage: fieldbook accounts show ID|NUMBER');
      const id = resolveAccount(fieldbook, reference, context);
      const detail = unwrap(fieldbook.dispatch('accounts.detail', { id }, context)) as AccountDetail;
      show(detail, () => formatDetail(detail));
      return;
    }
    case 'anniversaries': {
      const [verb, date] = rest;
      const filters = {
        limit: options.limit ?? 200,
        ...(options.owner ? { owner: options.owner } : {}),
      };
      let window: AnniversaryWindow;
      if (verb === 'upcoming') {
        window = unwrap(
          fieldbook.dispatch('anniversaries.upcoming', { days: options.days, ...filters }, context),
        ) as AnniversaryWindow;
      } else if (verb === 'on' && date !== undefined) {
        window = unwrap(
          fieldbook.dispatch('anniversaries.onDate', { date, ...filters }, context),
        ) as AnniversaryWindow;
      } else {
        throw new UsageError(
          'usage: fieldbook anniversaries upcoming [--days N] | anniversaries on YYYY-MM-DD',
        );
      }
      show(window, () => formatAnniversaries(window));
      return;
    }
    case 'import':
      return runImport(fieldbook, rest, options, context, show);
    case 'imports':
      return runImports(fieldbook, rest, options, context, show);
    case 'sync': {
      const [verb = '', ...files] = rest;
      runSync(fieldbook, verb, files, options.sync, context, show);
      return;
    }
    case 'export-csv':
      if (rest.length > 0) throw new UsageError(`usage:\n${exportCsvUsage}`);
      runExportCsv(fieldbook, options.exportCsv, context, show);
      return;
    case 'merge':
      runMerge(fieldbook, rest, options.sync, context, show);
      return;
    case 'stats': {
      const resolve = (reference: string) => resolveAccount(fieldbook, reference, context);
      if (!runStats(fieldbook, rest, options.stats, context, show, resolve))
        throw new UsageError(`usage:\n${statsUsage}`);
      return;
    }
    case 'call': {
      const [operation, input] = rest;
      if (operation === undefined) throw new UsageError('usage: fieldbook call OPERATION [JSON|-]');
      const text = input === '-' ? readFileSync(0, 'utf8') : (input ?? '{}');
      const value = unwrap(fieldbook.dispatch(operation, readJson(text), context));
      print(JSON.stringify(value, null, 2));
      return;
    }
    case 'operations':
      show(operationNames, () => operationNames.join('\n'));
      return;
    default:
      throw new UsageError(`unknown command "${name ?? ''}"\n\n${usage}`);
  }
}

function resolveAccount(fieldbook: Fieldbook, reference: string, context: { actor: string }): string {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(reference)) return reference.toLowerCase();
  const account = unwrap(fieldbook.dispatch('accounts.findByNumber', { customerNo: reference }, context));
  if (account === null || typeof account !== 'object' || !('id' in account)) {
    throw new ApiError('NOT_FOUND', `No account with number ${reference}`);
  }
  return String(account.id);
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}

function reportProgress(progress: { phase: string; done: number; total: number }): void {
  process.stderr.write(`\r${progress.phase}: ${progress.done}/${progress.total}    `);
}

/** Runs the CLI; returns the exit code (0 ok, 1 rejected by the API, 2 bad usage). */
export async function main(
  argv: readonly string[],
  print = (text: string) => console.log(text),
): Promise<number> {
  let json = argv.includes('--json');
  let fieldbook: Fieldbook | undefined;
  try {
    const { options, command } = parse(argv);
    json = options.json;
    // A folder that cannot be written is no error here: the book then opens read-only.
    if (!options.readOnly) tryToPrepare(options.db);
    // A lookup does not pay for the integrity check; a write checks first.
    fieldbook = await openFieldbook(options.db, {
      readonly: options.readOnly,
      integrityCheck: 'first-write',
    });
    const notice = storageNotice(fieldbook.storage());
    if (notice) console.error(notice);
    await run(fieldbook, command, options, print);
    return 0;
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof ImportUsageError ||
      error instanceof SyncUsageError ||
      error instanceof ExportCsvUsageError
    ) {
      console.error(error.message.startsWith('Usage:') ? error.message : `fieldbook: ${error.message}`);
      return 2;
    }
    // Stacks go to the log beside the book (the dispatcher and openFieldbook log their own).
    if (!(error instanceof ApiError)) fieldbook?.log('cli', error);
    // A storage fault met outside the dispatcher (seeding, writing an export file) is typed too.
    const typed = error instanceof ApiError ? error : storageFault(error);
    if (typed) {
      if (json) print(JSON.stringify({ ok: false, error: typed.toData() }, null, 2));
      else console.error(`fieldbook: ${formatError(typed.toData())}`);
      return 1;
    }
    console.error(`fieldbook: ${firstLine(error instanceof Error ? error.message : String(error))}`);
    return 1;
  } finally {
    fieldbook?.close();
  }
}

function tryToPrepare(databasePath: string): void {
  try {
    prepareDatabaseDirectory(databasePath);
  } catch (error) {
    if (storageFault(error) === null) throw error;
  }
}
