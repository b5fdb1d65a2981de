import { parseArgs } from 'node:util';

/**
 * The command line as `fieldbook` reads it: every option any command takes, parsed strictly
 * (an option no command takes is a usage error, as is a value missing after one). Which
 * command takes which option is checked after (./commands.ts). This module imports nothing
 * else, so `fieldbook --version` loads none of the services.
 */
export const cliOptions = {
  // Global: every command takes these.
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  as: { type: 'string' },
  user: { type: 'string' },
  'password-file': { type: 'string' },
  'read-only': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'V', default: false },
  // Commands' own.
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
  'skip-bad-rows': { type: 'boolean', default: false },
  rejects: { type: 'string' },
  'category-map': { type: 'string', multiple: true },
  map: { type: 'string', multiple: true },
  mapping: { type: 'string' },
  to: { type: 'string' },
  from: { type: 'string' },
  months: { type: 'string' },
  category: { type: 'string', multiple: true },
  by: { type: 'string' },
  top: { type: 'string' },
  threshold: { type: 'string' },
  region: { type: 'string' },
  tier: { type: 'string', multiple: true },
  today: { type: 'string' },
  tables: { type: 'string' },
  language: { type: 'string' },
  zip: { type: 'boolean', default: false },
  plain: { type: 'boolean', default: false },
  batch: { type: 'boolean', default: false },
  atomic: { type: 'boolean', default: false },
  admin: { type: 'string' },
  purpose: { type: 'string' },
  for: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  supervisor: { type: 'string' },
  'new-password-file': { type: 'string' },
} as const;

export type OptionName = keyof typeof cliOptions;

/** The options every command takes. */
export const globalOptions: readonly OptionName[] = [
  'db',
  'json',
  'as',
  'user',
  'password-file',
  'read-only',
  'help',
  'version',
];

/** The parsed values: strings and booleans as given, defaults filled in. */
export type Flags = ReturnType<typeof parseWith>['values'];

function parseWith(argv: readonly string[]) {
  return parseArgs({ args: [...argv], allowPositionals: true, tokens: true, options: cliOptions });
}

/** A command line `fieldbook` cannot run: exit code 2, the message on stderr. */
export class UsageError extends Error {}

export interface CommandLine {
  /** The command and its arguments (`['anniversaries', 'on', '2026-09-25']`). */
  readonly command: readonly string[];
  readonly flags: Flags;
  /** The options given on this command line (not filled in by a default), in order. */
  readonly given: readonly OptionName[];
}

export function parseCommandLine(argv: readonly string[]): CommandLine {
  let parsed: ReturnType<typeof parseWith>;
  try {
    parsed = parseWith(argv);
  } catch (error) {
    // parseArgs names the option: "Unknown option '--bogus'", "Option '--db <value>' argument missing".
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const given: OptionName[] = [];
  for (const token of parsed.tokens) {
    if (token.kind === 'option' && !given.includes(token.name as OptionName))
      given.push(token.name as OptionName);
  }
  return { command: parsed.positionals, flags: parsed.values, given };
}

/** `--NAME` needs a whole number: the number, `fallback` when not given. */
export function wholeNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} needs a whole number, not "${value}"`);
  return Number(value);
}

/** `--NAME` must be one of `allowed`: the value, undefined when not given. */
export function choiceOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  name: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}
