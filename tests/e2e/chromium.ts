import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * The system Chromium (Debian's `chromium`, installed by `.ci/run`), driven by playwright-core.
 * Playwright's own browser download is not used: it needs a network this project's CI lacks.
 */
export const chromiumPath = process.env['FIELDBOOK_CHROMIUM'] ?? '/usr/bin/chromium';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Fails loudly (never skips) when the browser is missing: the UI would go untested. */
export function assertChromium(): void {
  if (existsSync(chromiumPath)) return;
  throw new Error(
    `The end-to-end tests need Chromium at ${chromiumPath}, and it is not there.\n` +
      'Install it with the CJK font the screens need:\n' +
      '  sudo apt-get install chromium fonts-wqy-microhei   (this is what .ci/run does)\n' +
      'or point FIELDBOOK_CHROMIUM at a Chromium or Chrome binary.',
  );
}

export async function launchChromium(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}
