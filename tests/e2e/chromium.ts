import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * The system's Chromium (Debian's `chromium`, installed by `.ci/run`) or Chrome, driven by
 * playwright-core. Playwright's own browser download is not used: it needs a network this
 * project's CI lacks. `FIELDBOOK_CHROMIUM` points at another binary.
 */
const candidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

/** The browser the tests use: the one named, else the first found, else Debian's path (missing). */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env['FIELDBOOK_CHROMIUM'] ?? candidates.find((path) => existsSync(path)) ?? '/usr/bin/chromium';
}

/** Under CI (`CI=true`, set by `.ci/run`) a missing browser fails the run instead of skipping. */
export function underCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return ['true', '1'].includes((env['CI'] ?? '').toLowerCase());
}

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  return existsSync(chromiumPath(env));
}

/** What to do about a missing browser, per system. */
export function missingChromiumMessage(env: NodeJS.ProcessEnv = process.env): string {
  return [
    `The end-to-end tests (the real UI in a browser) need Chromium or Chrome, and there is none at ${chromiumPath(env)}.`,
    'Install it, with a CJK font for the screens:',
    '  Debian, Ubuntu:  sudo apt-get install chromium fonts-wqy-microhei   (what .ci/run does)',
    '  Fedora:          sudo dnf install chromium google-noto-sans-cjk-fonts',
    '  macOS:           brew install --cask chromium   (or Google Chrome)',
    '  Windows:         install Google Chrome',
    'or point FIELDBOOK_CHROMIUM at a Chromium or Chrome binary.',
  ].join('\n');
}

/** Fails loudly (never skips) when the browser is missing: a caller that needs it says so. */
export function assertChromium(): void {
  if (!chromiumAvailable()) throw new Error(missingChromiumMessage());
}

export async function launchChromium(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
}
