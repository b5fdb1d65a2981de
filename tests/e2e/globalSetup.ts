import type { TestProject } from 'vitest/node';
import { buildRenderer } from './buildRenderer';
import { chromiumAvailable, missingChromiumMessage, underCi } from './chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The renderer built for this run, served by every test's preview server. */
    rendererDirectory: string;
    /** No browser here, outside CI: every end-to-end test skips itself (./harness.ts). */
    e2eSkipped: boolean;
  }
}

/**
 * Once per run of the e2e project: check the browser is there, build the renderer. Without a
 * browser, a newcomer's `npm test` still passes: the end-to-end tests are skipped, and a notice
 * says so at the start and again at the end of the run, with how to install one. Under CI a
 * missing browser fails the run: the UI must never go untested there.
 */
export default async function setup(project: Pick<TestProject, 'provide'>): Promise<() => void> {
  if (!chromiumAvailable()) {
    if (underCi()) throw new Error(`${missingChromiumMessage()}\n(CI=true: the end-to-end tests must run.)`);
    const notice = skipNotice();
    process.stderr.write(notice);
    project.provide('e2eSkipped', true);
    project.provide('rendererDirectory', '');
    return () => void process.stderr.write(notice);
  }
  const renderer = await buildRenderer();
  project.provide('e2eSkipped', false);
  project.provide('rendererDirectory', renderer.directory);
  return renderer.remove;
}

function skipNotice(): string {
  const rule = '!'.repeat(78);
  const lines = [
    'THE END-TO-END TESTS ARE SKIPPED: the UI was not tested in a browser.',
    '',
    ...missingChromiumMessage().split('\n'),
  ];
  return `\n${rule}\n${lines.map((line) => `!! ${line}`.trimEnd()).join('\n')}\n${rule}\n\n`;
}
