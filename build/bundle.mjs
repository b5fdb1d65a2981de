// `npm run build`: the renderer with Vite (dist/renderer), Electron's main process and preload
// with esbuild (dist/electron/*.cjs). Nothing here needs the Electron binary.
import { build as esbuild } from 'esbuild';
import { cpSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build as viteBuild } from 'vite';
import { fail, firstLine, isMain, projectRoot } from './common.mjs';

const kilobytes = (file) => `${(statSync(file).size / 1024).toFixed(0)} kB`;

/**
 * Builds everything the app loads; returns the files Electron starts from. Main keeps
 * `electron` and `better-sqlite3-multiple-ciphers` external (the one native module, loaded from node_modules or
 * from a nativeBinding path); everything else is bundled, so a packaged app ships only those.
 * The preload runs sandboxed, where `require` knows little beyond `electron`: it is bundled
 * whole.
 */
export async function bundle(root = projectRoot) {
  const outputs = {
    renderer: join(root, 'dist', 'renderer', 'index.html'),
    main: join(root, 'dist', 'electron', 'main.cjs'),
    preload: join(root, 'dist', 'electron', 'preload.cjs'),
    jobThread: join(root, 'dist', 'electron', 'jobThread.cjs'),
  };
  rmSync(join(root, 'dist', 'electron'), { recursive: true, force: true });
  await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  const common = {
    absWorkingDir: root,
    bundle: true,
    format: 'cjs',
    target: 'es2023',
    sourcemap: 'linked',
    logLevel: 'warning',
  };
  await Promise.all([
    esbuild({
      ...common,
      entryPoints: [join(root, 'electron', 'main.ts')],
      outfile: outputs.main,
      platform: 'node',
      external: ['electron', 'better-sqlite3-multiple-ciphers', '@node-rs/argon2'],
    }),
    // The worker thread main starts for long operations (db/jobs/runner.ts), with its own connection.
    esbuild({
      ...common,
      entryPoints: [join(root, 'db', 'jobs', 'thread.ts')],
      outfile: outputs.jobThread,
      platform: 'node',
      external: ['better-sqlite3-multiple-ciphers', '@node-rs/argon2'],
    }),
    esbuild({
      ...common,
      entryPoints: [join(root, 'electron', 'preload.ts')],
      outfile: outputs.preload,
      platform: 'browser',
      external: ['electron'],
      // It carries the contract (for its operation names), zod included, and runs in every window.
      minify: true,
    }),
  ]);
  // The tray icons main loads from next to itself (electron/tray.ts).
  cpSync(join(root, 'build', 'tray'), join(root, 'dist', 'electron', 'tray'), { recursive: true });
  for (const file of Object.values(outputs))
    console.log(`built ${relative(root, file)} (${kilobytes(file)})`);
  return outputs;
}

if (isMain(import.meta.url)) {
  await bundle().catch((error) => fail('build', firstLine(error)));
}
