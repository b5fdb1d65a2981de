import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createAccessGate } from '../access/gate';
import { defaultDatabasePath } from '../paths';
import { jobThreadFromSource } from '../jobs/fromSource';
import { startPreviewServer } from './server';

/**
 * `npm run preview -- --db PATH [--port N]`: the real UI in a browser against a real database,
 * behind the same sign-in as the app (the first start sets up the book's administrator).
 */
const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    port: { type: 'string', default: '0' },
    renderer: { type: 'string', default: 'dist/renderer' },
  },
});
const path = values.db ?? defaultDatabasePath();
mkdirSync(dirname(path), { recursive: true });
const gate = createAccessGate(path, {
  jobThread: jobThreadFromSource,
  integrityCheck: 'background',
  automaticBackups: true,
});
const preview = await startPreviewServer({
  backend: gate,
  rendererDirectory: resolve(values.renderer),
  port: Number(values.port),
});
console.log(`Fieldbook preview on ${path}\nOpen ${preview.url}`);
const stop = () => {
  void preview.close().then(() => {
    gate.close();
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
