import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scratchFolder } from './harness';

/**
 * The `fieldbook` command as installed (package.json "bin": build/fieldbook.mjs): it runs the
 * bundle `npm install` builds (`prepare`), and rebuilds it by itself when a source it was built
 * from has changed, so a checkout never runs stale code.
 */
const folder = scratchFolder('cli-built');
const bundle = join('dist', 'cli', 'fieldbook.cjs');
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

function fieldbook(args: readonly string[], input = '') {
  return spawnSync(process.execPath, ['build/fieldbook.mjs', ...args], {
    encoding: 'utf8',
    input,
    timeout: 120_000,
  });
}

beforeAll(() => {
  const built = spawnSync(process.execPath, ['build/cli.mjs'], { encoding: 'utf8', timeout: 120_000 });
  expect(built.status, built.stderr).toBe(0);
}, 120_000);

describe('the built fieldbook', () => {
  it('answers --version and --help on stdout with exit 0', () => {
    const versioned = fieldbook(['--version']);
    expect([versioned.status, versioned.stdout, versioned.stderr]).toEqual([0, `fieldbook ${version}\n`, '']);
    const help = fieldbook(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('call --batch [--atomic]');
  });

  it('runs commands and batches on a book from the bundle, the code cache beside it', () => {
    const db = join(folder, 'book.db');
    const lines = [
      {
        op: 'accounts.create',
        input: { kind: 'person', name: '王芳', phones: [{ number: '138 0013 8000' }] },
        id: 'a',
      },
      { op: 'lookup.search', input: { query: '8000' } },
    ];
    const batch = fieldbook(
      ['--db', db, 'call', '--batch'],
      lines.map((line) => JSON.stringify(line)).join('\n'),
    );
    expect(batch.status, batch.stderr).toBe(0);
    expect(batch.stdout.trim().split('\n')).toHaveLength(2);
    const lookup = fieldbook(['--db', db, 'lookup', 'wangfang']);
    expect(lookup.stdout).toContain('王芳');
    expect(statSync(`${bundle}.cache`).size).toBeGreaterThan(0);
  });

  it('is current once built: every input it lists is a file, and a run does not build again', () => {
    const inputs = JSON.parse(readFileSync(join('dist', 'cli', 'inputs.json'), 'utf8')) as string[];
    expect(inputs).toContain('db/cli/main.ts');
    for (const input of inputs) expect(existsSync(input), input).toBe(true);
    const built = statSync(bundle).mtimeMs;
    expect(fieldbook(['--version']).status).toBe(0);
    expect(statSync(bundle).mtimeMs).toBe(built);
  });

  it('rebuilds itself when a source is newer than the bundle', () => {
    const source = join('db', 'cli', 'host.ts');
    const { atime, mtime } = statSync(source);
    const built = statSync(bundle).mtimeMs;
    const later = new Date(Date.now() + 2000);
    utimesSync(source, later, later);
    try {
      expect(fieldbook(['--version']).status).toBe(0);
      expect(statSync(bundle).mtimeMs).toBeGreaterThan(built);
    } finally {
      utimesSync(source, atime, mtime);
    }
  }, 120_000);
});
