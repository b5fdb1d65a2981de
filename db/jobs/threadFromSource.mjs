// The job thread's entry when running from a checkout (preview mode, tests): TypeScript through
// tsx. The packaged app starts dist/electron/jobThread.cjs, `fieldbook doctor` dist/cli/jobThread.cjs.
import { register } from 'tsx/esm/api';

register();
await import('./thread.ts');
