// `npm run build:cli`, also run by `npm install` (the `prepare` script) and by the `fieldbook`
// command itself when its bundle is missing or older than its sources: the CLI as one CommonJS
// file, so `fieldbook` starts without compiling TypeScript (tsx took 1.5–4 s a call).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fail, firstLine, isMain, projectRoot } from './common.mjs';

/** Set for the run that warms the code cache: `fieldbook` then runs the bundle as it is. */
export const noRebuild = 'FIELDBOOK_CLI_NO_REBUILD';

/** What the build writes, under dist/cli/. */
export const cliFiles = (root = projectRoot) => {
  const directory = join(root, 'dist', 'cli');
  return {
    directory,
    /** The CLI: `module.exports.main(argv, print, host)` (db/cli/main.ts). */
    bundle: join(directory, 'fieldbook.cjs'),
    /** The job thread `fieldbook doctor` starts, as the app does (db/jobs/thread.ts). */
    jobThread: join(directory, 'jobThread.cjs'),
    /** The project's source files the bundle was built from: newer ones mean a rebuild. */
    inputs: join(directory, 'inputs.json'),
  };
};

/**
 * Packages whose loading builds large tables (pinyin-pro's dictionary, lunar-typescript's
 * calendar) and that a lookup never calls: the bundle keeps them, but initialises each only at
 * its first use (writing a name's search keys, a lunar date). Each entry is what the sources
 * import from the package; a new import of another name fails the build, so it is added here.
 */
const lazyExports = {
  'pinyin-pro': "export function pinyin(...args) { return require('pinyin-pro').pinyin(...args); }",
  'lunar-typescript':
    "export const LunarYear = { fromYear: (year) => require('lunar-typescript').LunarYear.fromYear(year) };",
};

const lazyPackages = {
  name: 'lazy-packages',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(lazyExports).join('|')})$`);
    // The stand-in's own require() resolves as usual (to the package, bundled behind a lazy init).
    build.onResolve({ filter }, (args) =>
      args.namespace === 'lazy' ? undefined : { path: args.path, namespace: 'lazy' },
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      contents: lazyExports[args.path],
      resolveDir: projectRoot,
      loader: 'js',
    }));
  },
};

/**
 * Bundles db/cli/main.ts and the job thread. `better-sqlite3-multiple-ciphers` stays external (a native module,
 * loaded from node_modules); everything else is in the file. Minified: a smaller file is parsed
 * sooner at every start. The files appear whole or not at all (written aside, then renamed), so
 * two `fieldbook` calls building at once never load half a bundle.
 */
export async function buildCli(root = projectRoot) {
  const { build } = await import('esbuild');
  const files = cliFiles(root);
  const common = {
    absWorkingDir: root,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['better-sqlite3-multiple-ciphers', '@node-rs/argon2'],
    minify: true,
    // Class and function names as written: errors and stacks keep saying what they are.
    keepNames: true,
    // Stacks in fieldbook.log name bundle lines; the map beside it turns them into sources.
    sourcemap: 'linked',
    logLevel: 'warning',
    write: false,
    metafile: true,
    plugins: [lazyPackages],
  };
  const [cli, thread] = await Promise.all([
    build({ ...common, entryPoints: [join(root, 'db', 'cli', 'main.ts')], outfile: files.bundle }),
    build({ ...common, entryPoints: [join(root, 'db', 'jobs', 'thread.ts')], outfile: files.jobThread }),
  ]);
  const inputs = [...new Set([...Object.keys(cli.metafile.inputs), ...Object.keys(thread.metafile.inputs)])]
    // Project files only: not packages, nor the lazy stand-ins (`lazy:pinyin-pro`), which are no files.
    .filter((input) => !input.includes(':') && !input.split(/[\\/]/).includes('node_modules'))
    .sort();
  mkdirSync(files.directory, { recursive: true });
  const temporary = `.${process.pid}.tmp`;
  const outputs = [...cli.outputFiles, ...thread.outputFiles];
  for (const output of outputs) writeFileSync(output.path + temporary, output.contents);
  writeFileSync(files.inputs + temporary, JSON.stringify(inputs));
  // The bundle last: its time stamp says when everything was built.
  const ordered = [...outputs.map((output) => output.path), files.inputs].sort(
    (a, b) => Number(a === files.bundle) - Number(b === files.bundle),
  );
  for (const path of ordered) renameSync(path + temporary, path);
  // An old code cache would be rejected by V8 anyway; removing it saves reading it once.
  rmSync(`${files.bundle}.cache`, { force: true });
  warmCodeCache(root);
  return files;
}

/**
 * Runs a lookup on a new, empty book once: `fieldbook` keeps V8's code cache of what that run
 * compiled (opening a book, the services, a lookup), so the first real call starts as fast as
 * every later one. A failure here only costs that first call its speed.
 */
function warmCodeCache(root) {
  const scratch = mkdtempSync(join(tmpdir(), 'fieldbook-build-'));
  try {
    spawnSync(
      process.execPath,
      [join(root, 'build', 'fieldbook.mjs'), '--db', join(scratch, 'warm.db'), 'lookup', '8000'],
      // It runs the bundle just written, never builds again (a build within a build, forever).
      { stdio: 'ignore', timeout: 60_000, env: { ...process.env, [noRebuild]: '1' } },
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  try {
    const files = await buildCli();
    console.log(`built ${relative(projectRoot, files.bundle)} and ${relative(projectRoot, files.jobThread)}`);
  } catch (error) {
    // Without esbuild (an install without dev dependencies) `fieldbook` runs from the sources.
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && /esbuild/.test(String(error.message))) {
      console.log(`build:cli: esbuild is not installed; fieldbook will run from the TypeScript sources`);
    } else fail('build:cli', firstLine(error));
  }
}
