import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { beforeAll, describe, expect, it } from 'vitest';
import { fieldbook, resultLines, scratchFolder } from './harness';

/**
 * `fieldbook call --batch`: many operations in one process, one NDJSON result per line; with
 * `--atomic`, all in one transaction, all or nothing.
 */
const folder = scratchFolder('cli-batch');
const db = join(folder, 'book.db');
const batch = (lines: readonly unknown[], ...flags: string[]) =>
  fieldbook(
    ['--db', db, '--as', 'm007', 'call', '--batch', ...flags],
    lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n',
  );
let accountId = '';

/** What a failed batch must leave as it was: every row, every audit entry, the change counter. */
function state(): { visits: number; accounts: number; audit: number; seq: number } {
  const sqlite = new BetterSqlite3(db, { readonly: true });
  try {
    const count = (sql: string) => sqlite.prepare(sql).pluck().get() as number;
    return {
      visits: count('SELECT count(*) FROM visits'),
      accounts: count('SELECT count(*) FROM accounts'),
      audit: count('SELECT count(*) FROM audit_log'),
      seq: count('SELECT seq FROM sync_clock'),
    };
  } finally {
    sqlite.close();
  }
}

const visit = (content: string, at = '2026-11-02T09:00:00.000Z') => ({
  op: 'visits.create',
  input: { accountId, kind: 'phone', content, occurredAt: at },
});

beforeAll(async () => {
  const created = await batch([{ op: 'accounts.create', input: { kind: 'organization', name: '汕头三环' } }]);
  expect(created.code).toBe(0);
  accountId = String((resultLines(created.written)[0]?.['value'] as { id: string }).id);
});

describe('call --batch', () => {
  it('runs every line in one process, one result per line, earlier results usable by name', async () => {
    const result = await batch([
      { op: 'accounts.create', input: { kind: 'person', name: '王芳' }, id: 'wang' },
      '',
      {
        op: 'visits.create',
        input: {
          accountId: { $ref: 'wang.id' },
          kind: 'onsite',
          content: '初访',
          occurredAt: '2026-11-01T10:00:00.000Z',
        },
        id: 'first',
      },
      { op: 'accounts.detail', input: { id: { $ref: 'wang.id' } } },
    ]);
    expect([result.code, result.err]).toEqual([0, '']);
    const lines = resultLines(result.written);
    expect(lines.map((line) => [line['line'], line['id'], line['ok']])).toEqual([
      [1, 'wang', true],
      [3, 'first', true],
      [4, undefined, true],
    ]);
    const detail = lines[2]?.['value'] as { account: { name: string }; visits: { content: string }[] };
    expect(detail.account.name).toBe('王芳');
    expect(detail.visits.map((entry) => entry.content)).toEqual(['初访']);
  });

  it('goes on past a refused line, reporting it by number, and exits 1', async () => {
    const before = state();
    const result = await batch([
      visit('one'),
      'not json',
      {
        op: 'visits.create',
        input: { accountId, kind: 'telepathy', content: 'x', occurredAt: '2026-11-02T09:00:00.000Z' },
      },
      { op: 'lookup.search', input: { q: 'zgf' } },
      { op: 'visits.create', input: {}, extra: 1 },
      { op: 'visits.create', input: { accountId: { $ref: 'nobody.id' } } },
      visit('two'),
    ]);
    expect(result.code).toBe(1);
    expect(result.err).toBe('fieldbook: 5 of 7 operations were refused');
    const lines = resultLines(result.written);
    expect(lines.map((line) => [line['line'], line['ok']])).toEqual([
      [1, true],
      [2, false],
      [3, false],
      [4, false],
      [5, false],
      [6, false],
      [7, true],
    ]);
    const messages = lines.map((line) => (line['error'] as { message?: string } | undefined)?.message ?? '');
    expect(messages[1]).toMatch(/^line 2 is not JSON/);
    expect(messages[2]).toContain('kind');
    expect(messages[3]).toMatch(/^Invalid input for lookup.search: unknown key 'q'; query:/);
    expect(messages[4]).toBe("unknown key 'extra' on line 5 (a line takes op, input, id)");
    expect(messages[5]).toBe('$ref "nobody.id": no earlier result is named "nobody"');
    // Each line committed on its own: the two good visits are in.
    expect(state().visits).toBe(before.visits + 2);
  });

  it('streams: a script can feed a line, read its answer, and go on', async () => {
    const result = await batch([visit('a'), visit('b')]);
    expect(result.written.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('refuses an operation on the command line besides --batch, before opening anything', async () => {
    const result = await fieldbook(['--db', join(folder, 'other.db'), 'call', '--batch', 'visits.create']);
    expect(result.code).toBe(2);
  });
});

describe('call --batch --atomic', () => {
  it('commits everything when every line succeeds', async () => {
    const before = state();
    const result = await batch(
      [
        { op: 'accounts.create', input: { kind: 'person', name: '李四' }, id: 'li' },
        {
          op: 'visits.create',
          input: {
            accountId: { $ref: 'li.id' },
            kind: 'phone',
            content: 'x',
            occurredAt: '2026-11-03T09:00:00.000Z',
          },
        },
        visit('c'),
      ],
      '--atomic',
    );
    expect([result.code, result.err]).toEqual([0, '']);
    expect(resultLines(result.written).map((line) => line['ok'])).toEqual([true, true, true]);
    expect(state()).toMatchObject({ accounts: before.accounts + 1, visits: before.visits + 2 });
  });

  it('rolls everything back at the first refusal: no row, no audit entry, no change counted', async () => {
    const before = state();
    const result = await batch(
      [
        { op: 'accounts.create', input: { kind: 'person', name: '赵六' }, id: 'zhao' },
        visit('d'),
        visit('e'),
        { op: 'visits.create', input: { accountId: { $ref: 'zhao.id' }, kind: 'phone' } },
        visit('never run'),
      ],
      '--atomic',
    );
    expect(result.code).toBe(1);
    const lines = resultLines(result.written);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      line: 4,
      ok: false,
      rolledBack: true,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(result.err).toBe(
      'fieldbook: line 4 was refused (VALIDATION_FAILED); nothing was written (--atomic): the 3 operations before it were rolled back',
    );
    expect(state()).toEqual(before);
  });

  it('rolls back a line that is not JSON like any refusal', async () => {
    const before = state();
    const result = await batch([visit('f'), '{"op":'], '--atomic');
    expect(result.code).toBe(1);
    expect(resultLines(result.written)).toMatchObject([{ line: 2, ok: false, rolledBack: true }]);
    expect(state()).toEqual(before);
  });

  it('runs a CSV import in three steps in one process (stage, preview, apply), its stage id passed on', async () => {
    const csv = Buffer.from('客户编号,客户名称,类型\r\nHQ77,远航物流,企业\r\n').toString('base64');
    const result = await batch(
      [
        { op: 'imports.stage', input: { fileName: 'a.csv', contentBase64: csv }, id: 'file' },
        {
          op: 'imports.preview',
          input: {
            stageId: { $ref: 'file.stageId' },
            kind: 'accounts',
            mapping: { $ref: 'file.suggested.accounts' },
          },
        },
        {
          op: 'imports.apply',
          input: {
            stageId: { $ref: 'file.stageId' },
            kind: 'accounts',
            mapping: { $ref: 'file.suggested.accounts' },
          },
        },
      ],
      '--atomic',
    );
    expect(result.code, result.err).toBe(0);
    expect(resultLines(result.written)[2]).toMatchObject({ ok: true, value: { counts: { create: 1 } } });
  });
});
