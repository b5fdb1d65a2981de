import { join } from 'node:path';

/**
 * Where `build/electron-native.mjs` puts better-sqlite3 built for Electron's ABI, so a
 * development run can use it while node_modules keeps the Node build that tests and the CLI
 * load. Packaged apps never use this: electron-builder rebuilds the module inside the app.
 * build/electron-native.mjs computes the same path; tests/electron keeps the two in step.
 */
export function electronNativeBindingPath(projectRoot: string, electronVersion: string): string {
  return join(projectRoot, '.cache', 'electron-native', electronVersion, 'better_sqlite3.node');
}
