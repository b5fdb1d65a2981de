import { chmodSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * Where Fieldbook keeps its database when no path is given: the same folder Electron's
 * `app.getPath('userData')` uses for an app named Fieldbook, so the CLI and the desktop app
 * open the same book. `FIELDBOOK_DB` overrides it.
 */
export const appName = 'Fieldbook';
export const databaseFileName = 'fieldbook.db';

export function defaultDataDirectory(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), appName);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', appName);
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), appName);
}

export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  return env['FIELDBOOK_DB'] ?? join(defaultDataDirectory(process.platform, env), databaseFileName);
}

/**
 * Creates a folder only its owner can enter (0700), tightening it if it exists: the book holds
 * customers' personal data, and its WAL, copies and exports land beside it, each readable by
 * anyone on the computer under the usual umask. Windows keeps the per-user ACL of %APPDATA%.
 */
export function ensurePrivateDirectory(
  directory: string,
  platform: NodeJS.Platform = process.platform,
): void {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  if (platform !== 'win32') chmodSync(directory, 0o700);
}

/**
 * Makes the folder a database file goes into: Fieldbook's own data folder private (created or
 * tightened); any other folder, created private if it is missing, else left as the user has it
 * (`--db /tmp/x.db` must not change /tmp).
 */
export function prepareDatabaseDirectory(databasePath: string, env: NodeJS.ProcessEnv = process.env): void {
  const directory = dirname(resolve(databasePath));
  if (directory === resolve(defaultDataDirectory(process.platform, env))) ensurePrivateDirectory(directory);
  else mkdirSync(directory, { recursive: true, mode: 0o700 });
}
