// `npm run package` (after `npm run build`): installers with electron-builder and
// electron-builder.yml; arguments pass through (`npm run package -- --linux deb`).
//
// electron-builder's npmRebuild rebuilds node_modules/better-sqlite3-multiple-ciphers in place for Electron's
// ABI, which would leave tests and the CLI unable to load it. Node's build is saved first and
// put back afterwards, whether packaging succeeds or not.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fail, projectRoot } from './common.mjs';

const release = join(projectRoot, 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release');
const binding = join(release, 'better_sqlite3.node');
// @electron/rebuild's marker: "already built for Electron", which would no longer be true.
const marker = join(release, '.forge-meta');
const backup = join(projectRoot, '.cache', 'node-native', 'better_sqlite3.node');

if (!existsSync(binding)) fail('package', `${binding} is missing; run npm install first`);
mkdirSync(dirname(backup), { recursive: true });
copyFileSync(binding, backup);
const savedMarker = existsSync(marker) ? readFileSync(marker) : null;

const require = createRequire(import.meta.url);
const builderPackage = require.resolve('electron-builder/package.json');
const cli = join(
  dirname(builderPackage),
  JSON.parse(readFileSync(builderPackage, 'utf8')).bin['electron-builder'],
);
// Ctrl-C reaches electron-builder (same process group); this script stays to put the driver back.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {});
const result = spawnSync(
  process.execPath,
  [cli, '--config', join(projectRoot, 'electron-builder.yml'), ...process.argv.slice(2)],
  { cwd: projectRoot, stdio: 'inherit' },
);

copyFileSync(backup, binding);
if (savedMarker === null) rmSync(marker, { force: true });
else writeFileSync(marker, savedMarker);

if (result.error) fail('package', `could not run electron-builder: ${result.error.message}`);
if (result.status !== 0) fail('package', `electron-builder failed (exit ${result.status ?? result.signal})`);
