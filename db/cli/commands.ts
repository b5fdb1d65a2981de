import { globalOptions, UsageError, type CommandLine, type OptionName } from './args';
import { auditUsage, backupUsage } from './backups';
import { exportCsvUsage } from './exportCsv';
import { importUsage, importsUsage } from './imports';
import { statsUsage } from './stats';
import { mergeUsage, syncUsage } from './sync';
import { usersUsage } from './users';

/**
 * Every command `fieldbook` runs, with its help text and the options it takes. An option a
 * command does not take is a usage error naming it (`anniversaries upcoming --to …` would
 * otherwise be silently ignored), so a script never runs with a setting it did not get.
 */
interface Command {
  /** Its lines in the help, two-column, each starting with two spaces. */
  readonly usage: string;
  /** Its verbs and the options each takes; or, for a command without verbs, its options. */
  readonly verbs?: Readonly<Record<string, readonly OptionName[]>>;
  readonly options?: readonly OptionName[];
}

const window = ['to', 'from', 'months', 'category'] as const;
const scope = ['owner', 'region', 'tier'] as const;

export const commands: Readonly<Record<string, Command>> = {
  init: {
    usage: `  init [--admin CODE --name NAME] create the database (or bring it up to date); with
                                 --admin, its first user, and the book is encrypted from then on`,
    options: ['admin', 'name'],
  },
  seed: {
    usage: '  seed [--accounts N] [--seed S] fill it with realistic demo data (deterministic)',
    options: ['accounts', 'seed'],
  },
  lookup: {
    usage: `  lookup QUERY [--limit N]       find accounts by phone (or its last 4+ digits), name,
                                 pinyin, initials, customer number or credit code`,
    options: ['limit'],
  },
  accounts: {
    usage: `  accounts show ID|NUMBER        one account with phones, relationships, visits,
                                 consumption and anniversaries`,
    verbs: { show: [] },
  },
  anniversaries: {
    usage: `  anniversaries upcoming [--from YYYY-MM-DD] [--days N] [--owner M] [--tier T]
                                 birthdays, founding days… in the N days (30) from a
                                 day (today)
  anniversaries on DATE [--owner M] [--tier T]
                                 is this date special for any key customer? (YYYY-MM-DD)`,
    verbs: {
      upcoming: ['from', 'days', 'owner', 'tier', 'limit'],
      on: ['owner', 'tier', 'limit'],
    },
  },
  import: {
    usage: importUsage,
    options: [
      'match',
      'existing',
      'dry-run',
      'map',
      'mapping',
      'category-map',
      'skip-bad-rows',
      'rejects',
      'language',
    ],
  },
  imports: {
    usage: importsUsage,
    verbs: { list: ['limit'], revert: [], rejects: ['out', 'language'] },
  },
  stats: {
    usage: statsUsage,
    verbs: {
      account: window,
      group: window,
      portfolio: [...window, ...scope, 'top'],
      pareto: [...window, ...scope, 'by', 'top'],
      slipping: ['to', 'category', ...scope, 'threshold'],
      coverage: ['today', ...scope],
      rebuild: [],
    },
  },
  sync: {
    usage: syncUsage,
    verbs: {
      export: ['full', 'out', 'passphrase-file', 'for', 'purpose'],
      preview: ['passphrase-file'],
      import: ['passphrase-file'],
    },
  },
  merge: { usage: mergeUsage, options: ['passphrase-file'] },
  'export-csv': {
    usage: exportCsvUsage,
    options: [
      'out',
      'tables',
      'language',
      'owner',
      'region',
      'tier',
      'from',
      'to',
      'zip',
      'plain',
      'purpose',
    ],
  },
  backup: {
    usage: backupUsage,
    verbs: { create: [], list: [], verify: [], restore: [], remove: [] },
  },
  audit: { usage: auditUsage, verbs: { verify: [] } },
  users: {
    usage: usersUsage,
    verbs: {
      list: [],
      add: ['name', 'role', 'supervisor', 'new-password-file'],
      role: [],
      disable: [],
      enable: [],
      passwd: ['new-password-file'],
    },
  },
  call: {
    usage: `  call OPERATION [JSON|-]        run one operation of the API (input as JSON, or - for stdin)
  call --batch [--atomic]        run many: one {"op":…,"input":…} per line on stdin, one
                                 result per line on stdout (docs: README, "Batch mode");
                                 --atomic: all in one transaction, all or nothing`,
    options: ['batch', 'atomic'],
  },
  operations: { usage: "  operations                     list the operations 'call' accepts", options: [] },
  doctor: {
    usage: `  doctor                         what support asks for first: versions, the book, its
                                 schema, integrity, locks, copies, job thread, log`,
    options: [],
  },
  help: { usage: "  help [COMMAND]                 this help, or one command's", options: [] },
};

const header =
  'Usage: fieldbook [--db PATH] [--json] [--user CODE --password-file F] [--read-only] <command> [arguments]';

const footer = `Options:
  --db PATH      database file (default: $FIELDBOOK_DB or the app's data folder)
  --json         machine-readable output
  --user CODE    sign in to a book with users (all books set up with init --admin);
  --password-file F
                 the password on the first line of F (or in $FIELDBOOK_PASSWORD)
  --as MANAGER   on a book without users: who is making changes (default: the
                 manager code in Settings, else your user name)
  --read-only    open the book for reading only: nothing is written to it (chosen
                 by itself, with a notice, when the book cannot be written)
  --help, -h     this help (also: fieldbook help COMMAND, fieldbook COMMAND --help)
  --version, -V  the version of fieldbook

Exit status: 0 done; 1 refused (by the API, the book or the disk: one line on stderr,
its code first); 2 bad usage; 3 a dry run (import --dry-run) found rows with errors.`;

/** The whole help, or one command's (`help import`). */
export function helpText(command?: string): string {
  if (command === undefined)
    return [header, '', 'Commands:', ...Object.values(commands).map((entry) => entry.usage), '', footer].join(
      '\n',
    );
  const entry = commands[command];
  if (entry === undefined) throw new UsageError(unknownCommand(command));
  return [header, '', entry.usage, '', footer].join('\n');
}

function unknownCommand(name: string): string {
  return `unknown command "${name}"; the commands are: ${Object.keys(commands).join(', ')} (fieldbook --help)`;
}

/**
 * Checks the command exists, has a verb it knows, and was given only options it takes; throws
 * a usage error saying which, and what it does take.
 */
export function checkCommandLine(line: CommandLine): void {
  const [name, verb] = line.command;
  if (name === undefined) throw new UsageError(helpText());
  const entry = commands[name];
  if (entry === undefined) throw new UsageError(unknownCommand(name));
  let taken: readonly OptionName[] = entry.options ?? [];
  let what = name;
  if (entry.verbs) {
    const verbs = Object.keys(entry.verbs);
    if (verb === undefined || !verbs.includes(verb))
      throw new UsageError(
        `${name} ${verb === undefined ? 'needs' : `does not know "${verb}"; it takes`} one of: ${verbs.join(', ')}\n\n${entry.usage}`,
      );
    taken = entry.verbs[verb] ?? [];
    what = `${name} ${verb}`;
  }
  const foreign = line.given.filter((option) => !globalOptions.includes(option) && !taken.includes(option));
  if (foreign.length > 0) {
    const takes =
      taken.length === 0
        ? 'it takes no options of its own'
        : `it takes ${taken.map((o) => `--${o}`).join(', ')}`;
    throw new UsageError(`${what} does not take ${foreign.map((o) => `--${o}`).join(', ')}: ${takes}`);
  }
}
