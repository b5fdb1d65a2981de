import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../db/cli/main';
import type { ImportPreview, ImportRecord } from '../../../shared/types';

let directory: string;
let db: string;

async function cli(...args: string[]) {
  const printed: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await main(['--db', db, '--as', 'm007', '--json', ...args], (text) => printed.push(text));
    return { code, out: printed.join('\n') };
  } finally {
    spy.mockRestore();
    stderr.mockRestore();
  }
}

function file(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, iconv.encode(text, 'gb18030'));
  return path;
}

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-import-cli-'));
  db = join(directory, 'cli.db');
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('fieldbook import / imports', () => {
  it('imports accounts, dry-runs and applies bills, lists and reverts', async () => {
    const accounts = file('accounts.csv', '客户编号,客户名称,类型\r\nHQ1,华强科技,企业\r\n');
    expect((await cli('import', 'accounts', accounts)).code).toBe(0);
    const bills = file('bills.csv', '客户编号,账期,业务类别,金额\r\nHQ1,2026年10月,流量,"1,000.00"\r\n');
    const dry = await cli('import', 'consumption', bills, '--dry-run');
    expect(JSON.parse(dry.out) as ImportPreview).toMatchObject({ dryRun: true, counts: { create: 1 } });
    const applied = JSON.parse(
      (await cli('import', 'consumption', bills, '--existing', 'update')).out,
    ) as ImportRecord;
    expect(applied).toMatchObject({ kind: 'consumption', encoding: 'gb18030', actor: 'm007' });
    const listed = JSON.parse((await cli('imports', 'list')).out) as ImportRecord[];
    expect(listed.map((record) => record.kind)).toEqual(['consumption', 'accounts']);
    expect((await cli('imports', 'revert', applied.id)).code).toBe(0);
    const again = await cli('imports', 'revert', applied.id);
    expect(again.code).toBe(1);
    expect(again.out).toContain('IMPORT_ALREADY_REVERTED');
  });

  it('refuses a file with a bad row (exit 1) and bad options (exit 2)', async () => {
    const bad = file('bad.csv', '客户编号,账期,业务类别,金额\r\nHQ1,2026-13,流量,1\r\n');
    const refused = await cli('import', 'consumption', bad);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('IMPORT_HAS_ERRORS');
    expect((await cli('import', 'consumption', bad, '--match', 'name')).code).toBe(2);
    expect((await cli('import', 'visits', bad)).code).toBe(2);
  });
});
