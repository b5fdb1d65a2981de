import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  electronNativeBindingPath as buildPath,
  ensureElectronNative,
  type ElectronRebuildOptions,
} from '../../build/electron-native.mjs';
import { electronNativeBindingPath } from '../../electron/nativeBinding';

let root: string;
const nodeBuild = () =>
  join(root, 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node');
const cacheDirectory = () => join(root, '.cache', 'electron-native', '45.5.0');

function write(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/** A project with just enough of node_modules: electron's version and a better-sqlite3 built for Node. */
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'fieldbook-native-'));
  write(join(root, 'node_modules', 'electron', 'package.json'), JSON.stringify({ version: '45.5.0' }));
  write(
    join(root, 'node_modules', 'better-sqlite3-multiple-ciphers', 'package.json'),
    JSON.stringify({ version: '12.11.1' }),
  );
  write(
    join(root, 'node_modules', 'better-sqlite3-multiple-ciphers', 'lib', 'index.js'),
    'module.exports = {};',
  );
  write(nodeBuild(), 'built for Node');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('electron native binding', () => {
  it('is found by main where the build script puts it', () => {
    expect(electronNativeBindingPath('/repo', '45.5.0')).toBe(buildPath('/repo', '45.5.0'));
    expect(buildPath('/repo', '45.5.0')).toBe(
      join('/repo', '.cache', 'electron-native', '45.5.0', 'better_sqlite3.node'),
    );
  });

  it('builds in a scratch copy and leaves node_modules built for Node', async () => {
    const rebuild = vi.fn(async (options: ElectronRebuildOptions) => {
      const copy = join(options.buildPath, 'node_modules', 'better-sqlite3-multiple-ciphers');
      // Node's build output is not carried into the Electron build.
      expect(existsSync(join(copy, 'build'))).toBe(false);
      expect(existsSync(join(copy, 'lib', 'index.js'))).toBe(true);
      write(join(copy, 'build', 'Release', 'better_sqlite3.node'), 'built for Electron');
    });

    const result = await ensureElectronNative({ root, rebuild, log: () => {} });

    expect(result).toEqual({ path: buildPath(root, '45.5.0'), built: true });
    expect(readFileSync(result.path, 'utf8')).toBe('built for Electron');
    expect(readFileSync(nodeBuild(), 'utf8')).toBe('built for Node');
    const [options] = rebuild.mock.calls[0] ?? [];
    expect(options).toMatchObject({
      electronVersion: '45.5.0',
      onlyModules: ['better-sqlite3-multiple-ciphers'],
      force: true,
    });
    // The rebuild is confined to the scratch project, which lives in the cache and is removed.
    expect(options?.projectRootPath).toBe(options?.buildPath);
    expect(relative(cacheDirectory(), options?.buildPath ?? '')).not.toMatch(/^\.\./);
    expect(readdirSync(cacheDirectory())).toEqual(['better_sqlite3.node']);
  });

  it('does not rebuild what is cached', async () => {
    write(buildPath(root, '45.5.0'), 'cached');
    const rebuild = vi.fn(() => Promise.resolve());
    await expect(ensureElectronNative({ root, rebuild, log: () => {} })).resolves.toEqual({
      path: buildPath(root, '45.5.0'),
      built: false,
    });
    expect(rebuild).not.toHaveBeenCalled();
  });

  it('fails with one line, caches nothing and cleans up when the rebuild fails', async () => {
    const rebuild = () => Promise.reject(new Error('node-gyp failed to rebuild\n  at stack line'));
    const error = await ensureElectronNative({ root, rebuild, log: () => {} }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    const { message } = error as Error;
    expect(message).toMatch(
      /^could not build better-sqlite3-multiple-ciphers 12\.11\.1 for Electron 45\.5\.0 \(node-gyp failed/,
    );
    expect(message).not.toContain('\n');
    expect(readdirSync(cacheDirectory())).toEqual([]);
    expect(readFileSync(nodeBuild(), 'utf8')).toBe('built for Node');
  });
});
