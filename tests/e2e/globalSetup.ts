import type { TestProject } from 'vitest/node';
import { buildRenderer } from './buildRenderer';
import { assertChromium } from './chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The renderer built for this run, served by every test's preview server. */
    rendererDirectory: string;
  }
}

/** Once per run of the e2e project: check the browser is there, build the renderer. */
export default async function setup(project: TestProject): Promise<() => void> {
  assertChromium();
  const renderer = await buildRenderer();
  project.provide('rendererDirectory', renderer.directory);
  return renderer.remove;
}
