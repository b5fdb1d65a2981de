import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  it('imports the good rows with --skip-bad-rows, writes the bad ones to --rejects, and maps services', async () => {
    const accounts = file('accounts2.csv', '客户编号,客户名称,类型\r\nHQ2,远航物流,企业\r\n');
    expect((await cli('import', 'accounts', accounts)).code).toBe(0);
    const text =
      '客户编号,账期,业务类别,金额\r\nHQ2,2026-10,流量,1\r\nHQ2,2026-10,云计算,2\r\nHQ2,2026-13,宽带,3\r\n';
    const bills = file('mixed.csv', text);
    const rejects = join(directory, 'mixed-rejects.csv');
    // Without the flag the file is refused as before; --rejects alone is a usage error.
    expect((await cli('import', 'consumption', bills)).code).toBe(1);
    expect((await cli('import', 'consumption', bills, '--rejects', rejects)).code).toBe(2);
    const partial = await cli(
      'import',
      'consumption',
      bills,
      '--skip-bad-rows',
      '--rejects',
      rejects,
      '--language',
      'en',
      '--category-map',
      '云计算=cloud',
    );
    expect(partial.code).toBe(0);
    const record = JSON.parse(partial.out) as ImportRecord & { rejectsFile: string };
    expect(record).toMatchObject({ counts: { create: 2, errors: 1 }, rejectsFile: rejects });
    expect(record.settings.categoryMap).toEqual({ 云计算: 'cloud' });
    expect(readFileSync(rejects, 'utf8')).toBe(
      '\uFEFF客户编号,账期,业务类别,金额,Import error\r\n' +
        'HQ2,2026-13,宽带,3,账期: Not a billing month (like 2026-10 or 2026年10月)\r\n',
    );
    // Again later, in Chinese, from the import's id.
    const again = join(directory, 'again.csv');
    expect((await cli('imports', 'rejects', record.id, '--out', again)).code).toBe(0);
    expect(readFileSync(again, 'utf8')).toContain('账期：不是账期');
    expect((await cli('import', 'consumption', bills, '--category-map', '云计算=compute')).code).toBe(2);
  });
});
