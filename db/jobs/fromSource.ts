import type { JobThreadScript } from './runner';

/** The job thread from the TypeScript sources (preview mode, tests, benchmarks). */
export const jobThreadFromSource: JobThreadScript = new URL('./threadFromSource.mjs', import.meta.url);
