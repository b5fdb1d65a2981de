import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../db/cli/main';
import type { Account, LookupResult } from '../../../shared/types';

let directory: string;
let db: string;

/** Runs the CLI in-process, capturing what it prints and writes to stderr. */
async function cli(...args: string[]) {
  const printed: string[] = [];
  const errors: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => {
    errors.push(parts.join(' '));
  });
  try {
    const code = await main(['--db', db, '--as', 'm007', ...args], (text) => printed.push(text));
    return { code, out: printed.join('\n'), err: errors.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-cli-'));
  db = join(directory, 'cli.db');
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('fieldbook CLI', () => {
  it('creates the database and accounts through `call`, and finds them with `lookup`', async () => {
    expect((await cli('init')).code).toBe(0);
    const created = await cli(
      'call',
      'accounts.create',
      JSON.stringify({ kind: 'person', name: '王芳', phones: [{ number: '138 0013 8000' }] }),
    );
    expect(created.code).toBe(0);
    const account = JSON.parse(created.out) as Account;
    expect(account.owner).toBe('m007');

    const byDigits = await cli('lookup', '8000');
    expect(byDigits.code).toBe(0);
    expect(byDigits.out).toContain('王芳');
    expect(byDigits.out).toContain('[8000]');

    const json = await cli('--json', 'lookup', 'wang', 'fang');
    const result = JSON.parse(json.out) as LookupResult;
    expect(result.hits[0]?.account.id).toBe(account.id);
    expect(result.hits[0]?.field).toBe('pinyin');
  });

  it('shows an account by id or customer number', async () => {
    const json = await cli('--json', 'lookup', 'wf');
    const id = (JSON.parse(json.out) as LookupResult).hits[0]?.account.id ?? '';
    const byId = await cli('accounts', 'show', id);
    expect(byId.code).toBe(0);
    expect(byId.out).toContain('王芳');
    expect(byId.out).toContain('138 0013 8000');
    const number = (JSON.parse(json.out) as LookupResult).hits[0]?.account.customerNo ?? '';
    const byNumber = await cli('--json', 'accounts', 'show', number.toLowerCase());
    expect(JSON.parse(byNumber.out)).toMatchObject({ account: { id } });
  });

  it('exits non-zero with one line on bad input, and writes nothing', async () => {
    const auditBefore = (JSON.parse((await cli('call', 'audit.list', '{}')).out) as unknown[]).length;
    const invalid = await cli('call', 'phones.add', JSON.stringify({ accountId: 'nope', number: 'x' }));
    expect(invalid.code).toBe(1);
    expect(invalid.err.split('\n')).toHaveLength(1);
    expect(invalid.err).toMatch(/^fieldbook: VALIDATION_FAILED: /);

    const unknown = await cli('call', 'accounts.explode', '{}');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('UNKNOWN_OPERATION');

    const badJson = await cli('call', 'lookup.search', '{query:');
    expect(badJson.code).toBe(2);
    expect(badJson.err).toContain('not valid JSON');

    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('lookup', '8000', '--limit', 'many')).code).toBe(2);
    expect((await cli('--bogus', 'init')).code).toBe(2);
    expect((await cli('accounts', 'show', 'K0000000000000')).code).toBe(1);

    const audit = JSON.parse((await cli('call', 'audit.list', '{}')).out) as unknown[];
    expect(audit).toHaveLength(auditBefore);
  });

  it('reports API errors as JSON with --json', async () => {
    const result = await cli(
      '--json',
      'call',
      'accounts.get',
      JSON.stringify({ id: '01a21f2a-c887-71d0-9bbb-e402aebafe13' }),
    );
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('fieldbook anniversaries', () => {
  it('answers "is this date special?" and lists what is coming, with a clear error for a bad date', async () => {
    const created = await cli(
      '--json',
      'call',
      'accounts.create',
      JSON.stringify({ kind: 'person', name: '陈中秋' }),
    );
    const { id } = JSON.parse(created.out) as Account;
    await cli(
      'call',
      'anniversaries.create',
      JSON.stringify({ accountId: id, kind: 'birthday', calendar: 'lunar', month: 8, day: 15, year: 1966 }),
    );
    const onDate = await cli('anniversaries', 'on', '2026-09-25');
    expect(onDate.code).toBe(0);
    expect(onDate.out).toContain('陈中秋');
    expect(onDate.out).toContain('农历八月十五 (60, milestone)');
    const upcoming = await cli('--json', 'anniversaries', 'upcoming', '--days', '366');
    expect(JSON.parse(upcoming.out)).toMatchObject({ total: 1, rows: [{ account: { name: '陈中秋' } }] });
    const bad = await cli('anniversaries', 'on', '2026-02-30');
    expect([bad.code, bad.err]).toEqual([1, expect.stringContaining('VALIDATION_FAILED')]);
    expect((await cli('anniversaries', 'sometime')).code).toBe(2);
  });
});
