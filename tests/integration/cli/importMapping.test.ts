import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview, ImportRecord } from '../../../shared/types';
import { fieldbook, scratchFolder } from './harness';

/**
 * A scripted import: the columns given on the command line (`--map`, `--mapping FILE`), the
 * file's service names mapped (`--category-map`), and exit codes a script can act on: 0 done,
 * 1 refused, 2 usage, 3 a dry run found rows with errors.
 */
const folder = scratchFolder('cli-import-mapping');
const db = join(folder, 'book.db');
const run = (...args: string[]) => fieldbook(['--db', db, '--as', 'm007', '--json', ...args]);

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

// A billing system's own header names, none of which Fieldbook guesses.
const bills = () =>
  file(
    'extract.csv',
    'cust_ref,bill_month,svc,fee_cny\r\nHQ1,2026-10,云计算,12.50\r\nHQ1,2026-09,data,3\r\n',
  );
const map = 'cust_ref=customerNo,bill_month=period,svc=category,fee_cny=amount';

beforeAll(async () => {
  const accounts = file('accounts.csv', '客户编号,客户名称,类型\r\nHQ1,华强科技,企业\r\n');
  expect((await run('import', 'accounts', accounts)).code).toBe(0);
});

describe('import with the columns given', () => {
  it('reads the columns named by --map, and maps service names with --category-map', async () => {
    const guessed = await run('import', 'consumption', bills(), '--dry-run');
    expect(guessed.code).toBe(1);
    expect(guessed.out).toContain('mapping.customerNo: Choose the column for this field');
    const dry = await run(
      'import',
      'consumption',
      bills(),
      '--map',
      map,
      '--category-map',
      '云计算=cloud,物联网=iot',
      '--dry-run',
    );
    expect(dry.code).toBe(0);
    const preview = JSON.parse(dry.out) as ImportPreview & { settings: { mapping: unknown } };
    expect(preview).toMatchObject({ counts: { create: 2, errors: 0 }, errorTotal: 0 });
    expect(preview.settings.mapping).toEqual({
      customerNo: 'cust_ref',
      period: 'bill_month',
      category: 'svc',
      amount: 'fee_cny',
    });
    const applied = await run(
      'import',
      'consumption',
      bills(),
      '--map',
      map,
      '--category-map',
      '云计算=cloud',
    );
    expect(applied.code).toBe(0);
    expect((JSON.parse(applied.out) as ImportRecord).counts).toMatchObject({ create: 2, errors: 0 });
  });

  it('reads --mapping FILE: a mapping, or the settings a dry run printed', async () => {
    const plain = file(
      'mapping.json',
      JSON.stringify({ customerNo: 'cust_ref', period: 'bill_month', category: 'svc', amount: 'fee_cny' }),
    );
    const byFile = await run(
      'import',
      'consumption',
      bills(),
      '--mapping',
      plain,
      '--category-map',
      '云计算=cloud',
      '--dry-run',
    );
    expect(byFile.code).toBe(0);
    const dry = JSON.parse(
      (
        await run(
          'import',
          'consumption',
          bills(),
          '--map',
          map,
          '--category-map',
          '云计算=cloud',
          '--existing',
          'update',
          '--dry-run',
        )
      ).out,
    ) as { settings: unknown };
    const settings = file('settings.json', JSON.stringify(dry.settings));
    const again = await run('import', 'consumption', bills(), '--mapping', settings, '--dry-run');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({
      settings: { onExisting: 'update', categoryMap: { 云计算: 'cloud' } },
      counts: { unchanged: 2 },
    });
  });

  it('refuses, as usage errors naming what there is, a column the file lacks and a field that does not exist', async () => {
    const missing = await run(
      'import',
      'consumption',
      bills(),
      '--map',
      'customer=customerNo,bill_month=period',
    );
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(
      'has no column "customer"; its columns are "cust_ref", "bill_month", "svc", "fee_cny"',
    );
    const field = await run('import', 'consumption', bills(), '--map', 'cust_ref=customer');
    expect(field.code).toBe(2);
    expect(field.err).toContain(
      '"customer" is no field of a consumption import; the fields are customerNo, creditCode, phone, period',
    );
    const twice = await run(
      'import',
      'consumption',
      bills(),
      '--map',
      'cust_ref=customerNo',
      '--mapping',
      'x.json',
    );
    expect([twice.code, twice.err]).toEqual([
      2,
      'fieldbook: give the columns once: --map or --mapping, not both',
    ]);
    const badFile = file('bad.json', '{"mapping":{},"kind":"consumption","match":"phone"}');
    expect((await run('import', 'consumption', bills(), '--mapping', badFile)).err).toContain(
      "unknown key 'match'",
    );
  });

  it('exits 3 from a dry run that finds bad rows, 1 when the same file is refused for real', async () => {
    const bad = file('bad.csv', 'cust_ref,bill_month,svc,fee_cny\r\nHQ1,2026-13,data,1\r\n');
    const dry = await run('import', 'consumption', bad, '--map', map, '--dry-run');
    expect(dry.code).toBe(3);
    expect(JSON.parse(dry.out)).toMatchObject({ dryRun: true, errorTotal: 1 });
    const real = await run('import', 'consumption', bad, '--map', map);
    expect(real.code).toBe(1);
    expect(real.out).toContain('IMPORT_HAS_ERRORS');
  });

  it('says which services a file names that Fieldbook does not, and how to map them', async () => {
    const other = file('other.csv', 'cust_ref,bill_month,svc,fee_cny\r\nHQ1,2026-10,算力,1\r\n');
    const result = await fieldbook(['--db', db, 'import', 'consumption', other, '--dry-run']);
    expect(result.code).toBe(3);
    expect(result.out).toContain('"算力": Not a known service (accepted: Voice, Mobile data');
    expect(result.out).toContain('map them with --category-map 算力=CATEGORY');
  });
});
