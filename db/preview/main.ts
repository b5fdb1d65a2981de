import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { actorOf } from '../handlers/settings';
import { defaultDatabasePath } from '../paths';
import { jobThreadFromSource } from '../jobs/fromSource';
import { openFieldbook } from '../service';
import { startPreviewServer } from './server';

/** `npm run preview -- --db PATH [--port N]`: the real UI in a browser against a real database. */
const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    port: { type: 'string', default: '0' },
    renderer: { type: 'string', default: 'dist/renderer' },
    as: { type: 'string' },
  },
});
const path = values.db ?? defaultDatabasePath();
mkdirSync(dirname(path), { recursive: true });
const fieldbook = await openFieldbook(path, {
  jobThread: jobThreadFromSource,
  integrityCheck: 'background',
  automaticBackups: true,
});
const fallbackActor = values.as ?? userInfo().username;
const preview = await startPreviewServer({
  fieldbook,
  rendererDirectory: resolve(values.renderer),
  // The manager code set in Settings, else --as or the OS user.
  actor: () => actorOf(fieldbook.db, fallbackActor),
  port: Number(values.port),
});
console.log(`Fieldbook preview on ${path}\nOpen ${preview.url}`);
const stop = () => {
  void preview.close().then(() => {
    fieldbook.close();
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
