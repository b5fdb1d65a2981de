import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import setup from '../e2e/globalSetup';

/**
 * A newcomer's `npm test` on a machine without Chromium: the end-to-end tests are skipped with a
 * loud notice saying how to install it. Under CI (`CI=true`, set by .ci/run) the same machine
 * fails the run: there the UI must never go untested.
 */
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

function fakeProject() {
  const provided = new Map<string, unknown>();
  return { provided, provide: (key: string, value: unknown) => void provided.set(key, value) };
}

describe('the end-to-end suite without a browser', () => {
  it('skips with a notice outside CI, saying how to install Chromium', async () => {
    vi.stubEnv('FIELDBOOK_CHROMIUM', '/nowhere/chromium');
    vi.stubEnv('CI', '');
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((text) => {
      written.push(String(text));
      return true;
    });
    const project = fakeProject();
    const teardown = await setup(project as never);
    expect(project.provided.get('e2eSkipped')).toBe(true);
    expect(written.join('')).toContain('THE END-TO-END TESTS ARE SKIPPED');
    expect(written.join('')).toContain('sudo apt-get install chromium fonts-wqy-microhei');
    expect(written.join('')).toContain('/nowhere/chromium');
    teardown();
    // Said again at the end of the run, where it is not scrolled away.
    expect(written.filter((text) => text.includes('SKIPPED'))).toHaveLength(2);
  });

  it('fails the run under CI=true', async () => {
    vi.stubEnv('FIELDBOOK_CHROMIUM', '/nowhere/chromium');
    vi.stubEnv('CI', 'true');
    const project = fakeProject();
    await expect(setup(project as never)).rejects.toThrow(/CI=true: the end-to-end tests must run/);
    expect(project.provided.size).toBe(0);
  });

  it('skips every test of a real run, which passes (the harness skips each test)', () => {
    const run = spawnSync(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', '--project', 'e2e', 'tests/e2e/accounts.test.ts'],
      {
        encoding: 'utf8',
        env: { ...process.env, FIELDBOOK_CHROMIUM: '/nowhere/chromium', CI: '', NO_COLOR: '1' },
        timeout: 120_000,
      },
    );
    expect(run.status, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toMatch(/Tests\s+1 skipped/);
    expect(run.stderr).toContain('THE END-TO-END TESTS ARE SKIPPED');
  }, 120_000);
});
