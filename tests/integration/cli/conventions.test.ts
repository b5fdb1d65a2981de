import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnniversaryWindow } from '../../../shared/types';
import { fieldbook, scratchFolder } from './harness';

/**
 * The command line's conventions: help on stdout with exit 0, a version, an option a command
 * does not take refused by name, unknown JSON keys named, accepted values listed.
 */
const folder = scratchFolder('cli-conventions');
const db = join(folder, 'book.db');
const run = (...args: string[]) => fieldbook(['--db', db, '--as', 'm007', ...args]);

beforeAll(async () => {
  expect((await run('init')).code).toBe(0);
});

describe('help and version', () => {
  it('prints the help on stdout and exits 0, for all commands or one', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const result = await fieldbook(args);
      expect([result.code, result.err]).toEqual([0, '']);
      expect(result.out).toContain('Usage: fieldbook');
      expect(result.out).toContain('doctor');
      expect(result.out).toContain('Exit status: 0 done; 1 refused');
    }
    for (const args of [
      ['help', 'import'],
      ['import', '--help'],
      ['import', 'consumption', 'x.csv', '-h'],
    ]) {
      const result = await fieldbook(args);
      expect(result.code).toBe(0);
      expect(result.out).toContain("--map 'HEADER=FIELD,…'");
      expect(result.out).not.toContain('stats portfolio');
    }
    const unknown = await fieldbook(['help', 'frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "frobnicate"');
  });

  it('gives a bare command line the help on stderr, as a usage error', async () => {
    const result = await fieldbook([]);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain('Usage: fieldbook');
  });

  it('says its version', async () => {
    expect(await fieldbook(['--version'])).toMatchObject({ code: 0, out: 'fieldbook 9.9.9-test' });
    expect(JSON.parse((await fieldbook(['-V', '--json'])).out)).toEqual({ version: '9.9.9-test' });
  });

  it('creates no book to print help or list operations', async () => {
    const none = join(folder, 'none.db');
    expect((await fieldbook(['--db', none, '--help'])).code).toBe(0);
    expect((await fieldbook(['--db', none, 'operations'])).out).toContain('visits.create');
    expect(existsSync(none)).toBe(false);
  });
});

describe('strict options', () => {
  it('refuses an option the command does not take, naming it and what it takes', async () => {
    const result = await run('anniversaries', 'upcoming', '--to', '2026-01-31');
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      'fieldbook: anniversaries upcoming does not take --to: it takes --from, --days, --owner, --tier, --limit',
    );
    const lookup = await run('lookup', '8000', '--days', '3');
    expect([lookup.code, lookup.err]).toEqual([
      2,
      'fieldbook: lookup does not take --days: it takes --limit',
    ]);
    const init = await run('init', '--zip');
    expect(init.err).toContain('init does not take --zip: it takes --admin, --name');
    const unknown = await run('--bogus', 'init');
    expect([unknown.code, unknown.err]).toEqual([2, expect.stringContaining("Unknown option '--bogus'")]);
    expect((await run('stats', 'everything')).err).toContain('stats does not know "everything"');
  });

  it('reads anniversaries upcoming --from as the first day of the window', async () => {
    const result = await run('--json', 'anniversaries', 'upcoming', '--from', '2026-01-01', '--days', '10');
    expect(result.code).toBe(0);
    const window = JSON.parse(result.out) as AnniversaryWindow;
    expect([window.from, window.to]).toEqual(['2026-01-01', '2026-01-10']);
  });

  it('names a misspelt JSON key before the key it misses', async () => {
    const result = await run('call', 'lookup.search', '{"q":"zgf"}');
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      "fieldbook: VALIDATION_FAILED: Invalid input for lookup.search: unknown key 'q'; query: Invalid input: expected string, received undefined",
    );
  });

  it('lists the accepted values where there are few', async () => {
    const stats = await run('stats', 'portfolio', '--category', 'telepathy');
    expect(stats.code).toBe(1);
    expect(stats.err).toContain('"voice"|"data"|"broadband"');
    const map = await run(
      'import',
      'consumption',
      join(folder, 'bills.csv'),
      '--category-map',
      '云计算=compute',
    );
    expect(map.code).toBe(2);
    expect(map.err).toContain(
      'CATEGORY one of voice, data, broadband, leased_line, cloud, idc, iot, sms, other',
    );
    const batchOnly = await run('call', 'lookup.search', '{"query":"x"}', '--atomic');
    expect([batchOnly.code, batchOnly.err]).toEqual([2, 'fieldbook: --atomic goes with call --batch']);
  });
});
