// `npm start`: build, make sure the Electron binary and the Electron build of better-sqlite3-multiple-ciphers
// exist, then run the app from the project directory (package.json's "main" is the bundle).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundle } from './bundle.mjs';
import { fail, firstLine, projectRoot } from './common.mjs';
import { ensureElectronNative } from './electron-native.mjs';

/**
 * The Electron executable, or null. node_modules/electron resolves it on `require` and tries to
 * download it when missing; that runs in a child process so a failed download's stack trace
 * stays out of the way of the message below.
 */
function electronBinary(root) {
  const result = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const binary = result.stdout.trim();
  return result.status === 0 && binary !== '' && existsSync(binary) ? binary : null;
}

await bundle().catch((error) => fail('start', `build failed: ${firstLine(error)}`));

const binary = electronBinary(projectRoot);
if (binary === null) {
  const { version } = JSON.parse(
    readFileSync(join(projectRoot, 'node_modules', 'electron', 'package.json'), 'utf8'),
  );
  fail(
    'start',
    `the Electron ${version} binary is not installed and could not be downloaded. Get it with ` +
      '`npx install-electron` where github.com is reachable (or set ELECTRON_OVERRIDE_DIST_PATH to an ' +
      'unpacked Electron). Without it, `npm run preview` shows the same app in a browser, and `npm run build` works.',
  );
}

await ensureElectronNative().catch((error) => fail('start', firstLine(error)));

// ELECTRON_RUN_AS_NODE, if inherited, would turn Electron into plain Node.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(binary, ['.'], { cwd: projectRoot, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (error) => fail('start', `could not run Electron: ${firstLine(error)}`));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
