#!/usr/bin/env node
// The `fieldbook` command (package.json "bin"; `npm run cli -- …` in the repository). It runs
// the CLI bundled ahead of time (dist/cli/fieldbook.cjs, built by build/cli.mjs at `npm install`)
// and builds it first when it is missing or older than a source file it was built from (after
// a `git pull`, or an edit), so it always runs the code beside it. Without esbuild it runs the
// TypeScript sources through tsx, slowly but correctly.
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const root = fileURLToPath(new URL('..', import.meta.url));
const cliDirectory = join(root, 'dist', 'cli');
const bundle = join(cliDirectory, 'fieldbook.cjs');

/** Whether the bundle exists and no source it was built from has changed since. */
function isCurrent() {
  let built;
  let inputs;
  try {
    built = statSync(bundle).mtimeMs;
    inputs = JSON.parse(readFileSync(join(cliDirectory, 'inputs.json'), 'utf8'));
  } catch {
    return false;
  }
  // About 170 files: a fraction of a millisecond.
  for (const input of inputs) {
    try {
      if (statSync(join(root, input)).mtimeMs > built) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Builds the bundle if needed; false when there is none to run (no esbuild, or it failed). */
async function ensureBundle() {
  if (isCurrent()) return true;
  // The build's own warm-up run (build/cli.mjs): the bundle was just written.
  if (process.env.FIELDBOOK_CLI_NO_REBUILD === '1')
    return statSync(bundle, { throwIfNoEntry: false }) !== undefined;
  try {
    const { buildCli } = await import('./cli.mjs');
    await buildCli(root);
    return true;
  } catch (error) {
    const built = statSync(bundle, { throwIfNoEntry: false }) !== undefined;
    const reason = error instanceof Error ? error.message.split('\n', 1)[0] : String(error);
    process.stderr.write(
      `fieldbook: could not build the CLI (${reason}); ${built ? 'running the previous build' : 'running from the sources'}\n`,
    );
    return built;
  }
}

/**
 * Loads the bundle as Node would `require` it, with V8's code cache kept beside it: the cache,
 * written after the first run, spares every later start the compilation of 2.5 MB of code.
 * Returns the module's exports and a function that saves the cache when V8 had none it took.
 */
function loadBundle() {
  const cacheFile = `${bundle}.cache`;
  const source = readFileSync(bundle, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapped, { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  const saveCache = () => {
    if (cachedData !== undefined && !script.cachedDataRejected) return;
    try {
      const temporary = `${cacheFile}.${process.pid}`;
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, cacheFile);
    } catch {
      // A folder that cannot be written (a shared install): every start compiles, nothing worse.
    }
  };
  return { exports: module.exports, saveCache };
}

const argv = process.argv.slice(2);
if (await ensureBundle()) {
  const { exports, saveCache } = loadBundle();
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const appJobThread = join(root, 'dist', 'electron', 'jobThread.cjs');
  process.exitCode = await exports.main(argv, undefined, {
    version,
    packageRoot: root,
    // What the app starts when it is built here; else the same thread built with the CLI.
    jobThread: statSync(appJobThread, { throwIfNoEntry: false })
      ? appJobThread
      : join(cliDirectory, 'jobThread.cjs'),
  });
  saveCache();
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../db/cli/bin.ts');
}
