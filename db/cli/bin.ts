import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jobThreadFromSource } from '../jobs/fromSource';
import { main } from './main';

// The CLI from the TypeScript sources (`node --import tsx db/cli/bin.ts`, as some tests run it);
// the `fieldbook` command runs the bundle build/fieldbook.mjs makes.
const packageRoot = fileURLToPath(new URL('../..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8')) as { version: string };

process.exitCode = await main(process.argv.slice(2), undefined, {
  version,
  packageRoot,
  jobThread: jobThreadFromSource,
});
