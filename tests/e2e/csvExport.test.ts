import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { openApp } from './harness';

describe('CSV export for head office', () => {
  it('downloads one table as CSV and several as a zip, Chinese intact, from the Sync page', async () => {
    const { page, api, goto } = await openApp({
      setup: async (client) => {
        await client.accounts.create({
          kind: 'organization',
          name: '汕头市龙湖区"海湾"贸易有限公司',
          notes: '=HYPERLINK("x")，重点客户, 年底续约',
          phones: [{ number: '+86 138 0013 8000' }],
        });
      },
    });
    await goto('#/sync');
    const card = page.getByRole('region', { name: '导出CSV（报送总部）' });
    await card.getByRole('radio', { name: '全部客户' }).check();
    // No purpose, no export: the card says what is missing and nothing is downloaded.
    await card.getByRole('button', { name: '导出', exact: true }).click();
    await card.getByText('请填写导出用途').waitFor();
    await card.getByLabel('用途').fill('总部季度报表');
    const [single] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('button', { name: '导出', exact: true }).click(),
    ]);
    const text = readFileSync((await single.path()) ?? '', 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, row] = text.slice(1).split('\r\n');
    expect(header?.startsWith('客户编号,客户名称,客户类型')).toBe(true);
    expect(row).toContain('"汕头市龙湖区""海湾""贸易有限公司"');
    expect(row).toContain(`"'=HYPERLINK(""x"")，重点客户, 年底续约"`);

    await card.getByRole('checkbox', { name: '电话' }).check();
    const [zipped] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('button', { name: '导出', exact: true }).click(),
    ]);
    expect(zipped.suggestedFilename()).toMatch(/\.zip$/);
    const files = unzipSync(readFileSync((await zipped.path()) ?? ''));
    expect(Object.keys(files).sort()).toEqual(['accounts.csv', 'phones.csv']);
    expect(strFromU8(files['phones.csv'] ?? new Uint8Array())).toContain('"=""+86 138 0013 8000"""');
    const [entry] = await api.audit.list({ entity: 'csv' });
    expect(entry).toMatchObject({
      action: 'export',
      after: expect.objectContaining({ purpose: '总部季度报表' }),
    });
  });
});
