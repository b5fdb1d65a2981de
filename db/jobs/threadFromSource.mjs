// The job thread's entry when running from a checkout (preview mode, tests): TypeScript through
// tsx, as build/fieldbook.mjs does for the CLI. The packaged app starts dist/electron/jobThread.cjs.
import { register } from 'tsx/esm/api';

register();
await import('./thread.ts');
