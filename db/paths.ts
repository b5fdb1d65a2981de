import { homedir } from 'node:os';
import { join } from 'node:path';

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
