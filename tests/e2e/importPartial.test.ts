import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openApp } from './harness';
import { eventually } from './ui';

/*
 * The Import page with a real billing extract: one bad row no longer blocks the file (import
 * the good rows, get the bad ones back as a file to fix), and a service the extract names
 * differently (云计算) is mapped to one of Fieldbook's, remembered with the columns.
 */

const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

async function chooseFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page
    .getByLabel('选择 CSV 文件…', { exact: true })
    .setInputFiles({ name, mimeType: 'text/csv', buffer });
}

async function counts(page: Page): Promise<Record<string, string>> {
  const list = page.locator('.import-counts');
  await list.waitFor();
  return list.evaluate((dl) =>
    Object.fromEntries(
      Array.from(dl.querySelectorAll('div'), (entry) => [
        entry.querySelector('dt')?.textContent ?? '',
        entry.querySelector('dd')?.textContent ?? '',
      ]),
    ),
  );
}

describe('CSV import of a file with bad rows', () => {
  it('imports the good rows, gives the bad ones back as a CSV, maps an unknown service, and takes the fixed rows back', async () => {
    const ids: string[] = [];
    const { page, api } = await openApp({
      setup: async (client) => {
        for (const customerNo of ['HQ0001', 'HQ0002'])
          ids.push(
            (await client.accounts.create({ kind: 'organization', name: `客户${customerNo}`, customerNo }))
              .id,
          );
      },
    });
    const bills = async () =>
      (await Promise.all(ids.map((accountId) => api.consumption.list({ accountId }))))
        .flat()
        .map((bill) => `${bill.period} ${bill.category} ${bill.amountFen}`)
        .sort();
    const header = '客户编号,账期,业务类别,金额,备注';
    const extract = csv(
      header,
      'HQ0001,2026-09,流量,100,',
      'HQ0001,2026-09,云计算,200,',
      'HQ0002,2026-09,云计算,300,',
      '88880001,2026-09,宽带,40,',
      'HQ0002,2026-09,语音,abc,月租',
    );

    await page.getByRole('navigation').getByRole('link', { name: '导入 CSV', exact: true }).click();
    await chooseFile(page, '九月账单.csv', Buffer.from(extract, 'utf8'));
    const preview = page.getByRole('button', { name: '预览（试运行）' });
    await preview.click();
    expect(await counts(page)).toMatchObject({ 行数: '5', 新增: '1', 有错误: '4' });
    // The error lists the names Fieldbook accepts.
    const errors = page.getByRole('table', { name: '有错误的行' });
    await errors
      .getByRole('cell', {
        name: '不是已知的业务类别（可用：语音、流量、宽带、专线、云服务、IDC、物联网、短信、其他）',
      })
      .first()
      .waitFor();

    // The extract's own name for a service, mapped to one of Fieldbook's.
    await page.getByRole('combobox', { name: '云计算（2 行）' }).selectOption({ label: '云服务' });
    await preview.click();
    expect(await counts(page)).toMatchObject({ 新增: '3', 有错误: '2' });
    expect(await page.getByRole('button', { name: '导入', exact: true }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: '只导入无误的 3 行' }).click();
    const done = page.getByRole('status').filter({ hasText: '已导入 九月账单.csv' });
    await done.getByText('有错误的 2 行未导入。').waitFor();
    await eventually(bills).toEqual(['2026-09 cloud 20000', '2026-09 cloud 30000', '2026-09 data 10000']);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      done.getByRole('button', { name: '下载 九月账单.csv 中未导入的 2 行（CSV）' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('九月账单-未导入.csv');
    const rejects = readFileSync((await download.path()) ?? '', 'utf8');
    expect(rejects).toBe(
      '\uFEFF客户编号,账期,业务类别,金额,备注,导入错误\r\n' +
        '"=""88880001""",2026-09,宽带,40,,客户编号：没有客户与之对应\r\n' +
        'HQ0002,2026-09,语音,abc,月租,金额：不是以元为单位的金额\r\n',
    );
    const history = page.getByRole('table', { name: '本机的导入记录，最新的在前' });
    const partial = history.getByRole('row').filter({ hasText: '九月账单.csv' });
    expect(await partial.textContent()).toContain('未导入 2');

    // Fixed in the file, error column and all, and chosen again: the columns and the service
    // mapping are remembered for it.
    const fixed = rejects.replace('"=""88880001"""', 'HQ0001').replace(',abc,', ',66,');
    await chooseFile(page, '九月账单-未导入.csv', Buffer.from(fixed, 'utf8'));
    await page.getByText('已按上次导入相同列名文件时的设置填好。').waitFor();
    await preview.click();
    expect(await counts(page)).toMatchObject({ 行数: '2', 新增: '2', 有错误: '0' });
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '已导入 九月账单-未导入.csv：新增 2' }).waitFor();
    await eventually(bills).toEqual([
      '2026-09 broadband 4000',
      '2026-09 cloud 20000',
      '2026-09 cloud 30000',
      '2026-09 data 10000',
      '2026-09 voice 6600',
    ]);

    // The partial import is reverted like any other; the second stays.
    await partial.getByRole('button', { name: /^撤销 九月账单\.csv 的导入/ }).click();
    await page.getByRole('dialog', { name: '撤销这次导入？' }).getByRole('button', { name: '确定' }).click();
    await page.getByRole('status').filter({ hasText: '已撤销导入：删除 3 行' }).waitFor();
    await eventually(bills).toEqual(['2026-09 broadband 4000', '2026-09 voice 6600']);
  });
});
