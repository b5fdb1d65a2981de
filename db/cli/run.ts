import { userInfo } from 'node:os';
import { operationNames } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import { storageFault } from '../faults';
import { actorOf } from '../handlers/settings';
import { defaultDatabasePath, prepareDatabaseDirectory } from '../paths';
import { openFieldbook, type Fieldbook } from '../service';
import { UsageError, type CommandLine } from './args';
import { runAudit, runBackup } from './backups';
import { runBatch } from './batch';
import { runCall } from './call';
import { checkCommandLine, helpText } from './commands';
import { runDoctor } from './doctor';
import { runExportCsv } from './exportCsv';
import { formatError } from './format';
import type { CliHost } from './host';
import { runImport, runImports } from './imports';
import { runEveryday } from './everyday';
import { runStats } from './stats';
import { storageNotice } from './storage';
import { runMerge, runSync } from './sync';
import { runUsers, signInPassword, unwrapResult } from './users';
import { createAccessGate, type AccessGate } from '../access/gate';
import { emptyKeyring, findWrappedKey, readKeyring, unwrapUserKeys } from '../access/keyring';
import type { RequestContext, SessionUser } from '../../shared/types';

/** What a command's runner gets: the book, who acts, the command line, and where output goes. */
export interface CommandContext {
  readonly fieldbook: Fieldbook;
  /** Who acts, and the signed-in user's role and scope on a book with users. */
  readonly request: RequestContext;
  readonly line: CommandLine;
  readonly host: CliHost;
  /** A result: JSON with --json, else the text `human` makes. */
  readonly show: (value: unknown, human: () => string) => void;
  readonly print: (text: string) => void;
}

/** Runs a parsed command line (./main.ts has answered --version); returns the exit status. */
export async function runCommandLine(
  line: CommandLine,
  print: (text: string) => void,
  host: CliHost,
): Promise<number> {
  const { flags } = line;
  let fieldbook: Fieldbook | undefined;
  let door: AccessGate | undefined;
  try {
    const [name, ...rest] = line.command;
    if (name === 'help' || (flags.help && name !== undefined)) {
      print(helpText(name === 'help' ? rest[0] : name));
      return 0;
    }
    if (flags.help) {
      print(helpText());
      return 0;
    }
    checkCommandLine(line);
    const db = flags.db ?? defaultDatabasePath();
    const show = (value: unknown, human: () => string) =>
      print(flags.json ? JSON.stringify(value, null, 2) : human());
    if (name === 'operations') {
      if (rest.length > 0) throw new UsageError('operations takes no arguments');
      show(operationNames, () => operationNames.join('\n'));
      return 0;
    }
    // The doctor looks without opening the book the usual way (which may create or upgrade it).
    if (name === 'doctor')
      return await runDoctor(
        db,
        host,
        show,
        flags.user === undefined ? null : await dataKeyFor(db, flags.user, line),
      );
    if (name === 'call' && flags.batch) {
      // Before the book opens: a batch mistyped is refused without touching it.
      if (rest.length > 0)
        throw new UsageError('call --batch reads its operations from stdin: give no OPERATION or JSON');
    } else if (flags.atomic) throw new UsageError('--atomic goes with call --batch');
    // A folder that cannot be written is no error here: the book then opens read-only.
    if (!flags['read-only']) tryToPrepare(db);
    // A lookup does not pay for the integrity check; a write checks first.
    const options = { readonly: flags['read-only'], integrityCheck: 'first-write', idleCheckMs: 0 } as const;
    let request: RequestContext;
    if (readKeyring(db) !== null || (name === 'init' && flags.admin !== undefined)) {
      // A book with users: signed in, as the app is, or not opened at all.
      door = createAccessGate(db, options);
      const current = await signIn(door, line);
      fieldbook = current.fieldbook;
      if (flags.as !== undefined)
        throw new UsageError('--as is for books without users: give --user instead');
      request = { actor: current.user.code, user: current.user };
    } else {
      if (name === 'users')
        throw new UsageError('This book has no users yet: fieldbook init --admin CODE --name NAME');
      fieldbook = await openFieldbook(db, options);
      request = { actor: flags.as ?? actorOf(fieldbook.db, userInfo().username) };
    }
    const notice = storageNotice(fieldbook.storage());
    if (notice) console.error(notice);
    const context: CommandContext = { fieldbook, request, line, host, show, print };
    if (name === 'users' && door) return await runUsers(context, door, rest);
    return await runCommand(context, name ?? '', rest, db);
  } catch (error) {
    return failed(error, flags.json, fieldbook, print);
  } finally {
    if (door) door.close();
    else fieldbook?.close();
  }
}

/** The book's key for the doctor, who looks without opening the book the usual way. */
async function dataKeyFor(db: string, code: string, line: CommandLine): Promise<Buffer> {
  const entry = findWrappedKey(readKeyring(db) ?? emptyKeyring(), code);
  const key = entry ? ((await unwrapUserKeys(entry, signInPassword(line.flags)))?.dataKey ?? null) : null;
  if (!key) throw new ApiError('WRONG_PASSWORD', 'The user code or the password is not right');
  return key;
}

/** Signs in with --user and the password (or sets up the first user: init --admin). */
async function signIn(
  door: AccessGate,
  line: CommandLine,
): Promise<{ fieldbook: Fieldbook; user: SessionUser }> {
  const { flags } = line;
  if (line.command[0] === 'init' && flags.admin !== undefined) {
    if (flags.name === undefined) throw new UsageError('init --admin CODE needs --name NAME');
    unwrapResult(
      await door.call('session.setUp', {
        code: flags.admin,
        name: flags.name,
        password: signInPassword(flags),
      }),
    );
  } else {
    if (flags.user === undefined)
      throw new UsageError(
        'This book has users: sign in with --user CODE and --password-file F (or $FIELDBOOK_PASSWORD)',
      );
    unwrapResult(await door.call('session.signIn', { code: flags.user, password: signInPassword(flags) }));
  }
  const current = door.current();
  if (!current) throw new ApiError('SIGNED_OUT', 'The book is locked: sign in');
  return current;
}

async function runCommand(
  context: CommandContext,
  name: string,
  args: readonly string[],
  db: string,
): Promise<number> {
  switch (name) {
    case 'init':
      if (args.length > 0) throw new UsageError('init takes no arguments');
      context.show({ ok: true, db }, () => `Database ready: ${db}`);
      return 0;
    case 'import':
      return runImport(context, args);
    case 'imports':
      runImports(context, args);
      return 0;
    case 'sync':
      runSync(context, args);
      return 0;
    case 'merge':
      runMerge(context, args);
      return 0;
    case 'export-csv':
      if (args.length > 0) throw new UsageError(`export-csv takes no arguments, only options`);
      runExportCsv(context);
      return 0;
    case 'stats':
      runStats(context, args);
      return 0;
    case 'backup':
      return runBackup(context, args);
    case 'audit':
      return runAudit(context, args);
    case 'call':
      return context.line.flags.batch ? runBatch(context) : runCall(context, args);
    default:
      runEveryday(context, name, args);
      return 0;
  }
}

/** The exit status and the one line on stderr (or the error as JSON with --json) for a failure. */
function failed(
  error: unknown,
  json: boolean,
  fieldbook: Fieldbook | undefined,
  print: (text: string) => void,
): number {
  if (error instanceof UsageError) {
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
  const message = error instanceof Error ? error.message : String(error);
  console.error(`fieldbook: ${message.split('\n', 1)[0] ?? ''}`);
  return 1;
}

function tryToPrepare(databasePath: string): void {
  try {
    prepareDatabaseDirectory(databasePath);
  } catch (error) {
    if (storageFault(error) === null) throw error;
  }
}
