// better-sqlite3-multiple-ciphers for Electron's ABI, in .cache/electron-native/<electron version>/, for
// development runs (`npm start`). node_modules/better-sqlite3-multiple-ciphers stays built for Node, so tests
// and the CLI keep working; Electron's main opens the database with this copy through
// better-sqlite3-multiple-ciphers's `nativeBinding` option. Packaged apps do not use it (electron-builder
// rebuilds the module inside the app).
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync } from 'node:fs';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fail, firstLine, isMain, projectRoot } from './common.mjs';

/** Where the Electron build goes; electron/nativeBinding.ts computes the same path at run time. */
export function electronNativeBindingPath(root, electronVersion) {
  return join(root, '.cache', 'electron-native', electronVersion, 'better_sqlite3.node');
}

const packageVersion = (directory, name) => {
  const file = join(directory, 'node_modules', name, 'package.json');
  if (!existsSync(file)) throw new Error(`${name} is not installed (no ${file}); run npm install`);
  return JSON.parse(readFileSync(file, 'utf8')).version;
};

async function electronRebuild(options) {
  const { rebuild } = await import('@electron/rebuild');
  await rebuild(options);
}

/**
 * Returns the path of the Electron build of better-sqlite3-multiple-ciphers, building it first unless a build
 * for this Electron version is cached. The module is copied into a scratch project and rebuilt
 * there (a prebuilt binary if one can be downloaded, else node-gyp against Electron's headers);
 * `rebuild` is @electron/rebuild's, replaceable in tests. Throws an Error with a one-line
 * message when it cannot build.
 */
export async function ensureElectronNative({
  root = projectRoot,
  electronVersion = packageVersion(root, 'electron'),
  rebuild = electronRebuild,
  log = console.log,
} = {}) {
  const target = electronNativeBindingPath(root, electronVersion);
  if (existsSync(target)) return { path: target, built: false };

  const source = join(root, 'node_modules', 'better-sqlite3-multiple-ciphers');
  const version = packageVersion(root, 'better-sqlite3-multiple-ciphers');
  mkdirSync(dirname(target), { recursive: true });
  // Inside the project, so the module's build tools (prebuild-install) resolve from its
  // node_modules; `projectRootPath` keeps the rebuild from looking beyond the scratch copy.
  const scratch = mkdtempSync(join(dirname(target), 'build-'));
  try {
    writeFileSync(
      join(scratch, 'package.json'),
      JSON.stringify({
        name: 'fieldbook-electron-native',
        private: true,
        dependencies: { 'better-sqlite3-multiple-ciphers': version },
      }),
    );
    const copy = join(scratch, 'node_modules', 'better-sqlite3-multiple-ciphers');
    // Without Node's build output: nothing of it may end up in the Electron build.
    cpSync(source, copy, { recursive: true, filter: (file) => relative(source, file) !== 'build' });
    log(
      `electron-native: building better-sqlite3-multiple-ciphers ${version} for Electron ${electronVersion}…`,
    );
    try {
      await rebuild({
        buildPath: scratch,
        projectRootPath: scratch,
        electronVersion,
        onlyModules: ['better-sqlite3-multiple-ciphers'],
        force: true,
      });
    } catch (error) {
      throw new Error(
        `could not build better-sqlite3-multiple-ciphers ${version} for Electron ${electronVersion} (${firstLine(error, 200)}); ` +
          'it needs a prebuilt binary from GitHub, or Electron headers from electronjs.org and a C++ ' +
          'toolchain (node_modules was left as it was)',
        { cause: error },
      );
    }
    const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
    if (!existsSync(built)) {
      throw new Error(
        `the rebuild of better-sqlite3-multiple-ciphers for Electron ${electronVersion} produced no ${built}`,
      );
    }
    // Copied, then renamed: an interrupted run never leaves a half-written cache behind.
    copyFileSync(built, `${target}.partial`);
    renameSync(`${target}.partial`, target);
    log(`electron-native: built ${relative(root, target)}`);
    return { path: target, built: true };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  await ensureElectronNative().catch((error) => fail('electron-native', firstLine(error)));
}
