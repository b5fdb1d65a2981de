import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMonths, periodOfDate } from '../../shared/domain/period';
import { openApp } from './harness';
import { accountOpened, eventually, fieldError, tabTo } from './ui';

/** Lines joined with CRLF, as Excel writes them. */
const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

async function chooseFile(page: Page, label: string, name: string, buffer: Buffer): Promise<void> {
  await page.getByLabel(label, { exact: true }).setInputFiles({ name, mimeType: 'text/csv', buffer });
}

/** The figures of the dry run, by their labels. */
async function previewCounts(page: Page): Promise<Record<string, string>> {
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

describe('CSV import', () => {
  it('imports a GB18030 bill file after a manual mapping and a failed dry run, shows it on the account, and reverts it', async () => {
    // Bills of months the account's 24-month trend shows (it ends with the last complete month).
    const lastMonth = addMonths(periodOfDate(new Date()), -1);
    const monthBefore = addMonths(lastMonth, -1);
    let accountId = '';
    const { page, api, goto } = await openApp({
      setup: async (client) => {
        const account = await client.accounts.create({
          kind: 'organization',
          name: '华星电子科技有限公司',
          customerNo: 'HQ0001',
          tier: 'partner',
        });
        accountId = account.id;
      },
    });
    // 收费合计 is no header the suggestion knows for an amount: the user maps it by hand.
    const header = '客户编号,账期,业务类别,收费合计（元）,备注';
    const rows = [
      `HQ0001,${lastMonth},流量,1234.50,`,
      `HQ0001,${lastMonth},宽带,300,`,
      `HQ0001,${monthBefore},语音,88,月租`,
    ];
    const bad = iconv.encode(
      csv(header, rows[0] ?? '', `HQ0001,${lastMonth},宽带,abc,`, rows[2] ?? ''),
      'gb18030',
    );
    const good = iconv.encode(csv(header, ...rows), 'gb18030');

    await page.getByRole('navigation').getByRole('link', { name: '导入 CSV', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '导入 CSV' }).waitFor();
    await page.getByText('还没有导入过文件。').waitFor();

    // A UTF-8 file with a cell pasted in from a GBK file: refused, naming the line.
    const notes = Array.from({ length: 5 }, () => `HQ0001,${lastMonth},流量,1,北京至上海专线`);
    const pasted = Buffer.concat([
      Buffer.from(csv(header, ...notes), 'utf8'),
      Buffer.from(`HQ0001,${lastMonth},流量,1,`, 'utf8'),
      Buffer.from([0xb1, 0xb1, 0xbe, 0xa9, 0x0d, 0x0a]), // 北京 in GBK
    ]);
    await chooseFile(page, '选择 CSV 文件…', '粘贴.csv', pasted);
    await page.getByRole('alert').filter({ hasText: '第 7 行含有不是 UTF-8 的字节' }).waitFor();

    await chooseFile(page, '选择 CSV 文件…', '十月账单.csv', bad);
    const facts = page.getByRole('definition');
    await facts.filter({ hasText: 'GB18030（GBK）' }).waitFor();
    await facts.filter({ hasText: '十月账单.csv' }).waitFor();
    expect(await page.locator('.import-facts').textContent()).toContain('数据行数3');
    await expect.poll(() => page.getByRole('radio', { name: '消费记录（账单）' }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: '跳过' }).isChecked()).toBe(true);
    // The sample shows the file's own headers and rows.
    const sample = page.getByRole('table', { name: '十月账单.csv 的前 3 行' });
    await sample.getByRole('columnheader', { name: '收费合计（元）' }).waitFor();
    await sample.getByRole('cell', { name: 'abc', exact: true }).waitFor();

    // The suggestion found every column but the amount, which is required.
    const amount = page.getByRole('combobox', { name: '金额（元）' });
    expect(await page.getByRole('combobox', { name: '账期' }).inputValue()).toBe('账期');
    expect(await amount.inputValue()).toBe('');
    const preview = page.getByRole('button', { name: '预览（试运行）' });
    const importButton = page.getByRole('button', { name: '导入', exact: true });
    expect(await importButton.isDisabled()).toBe(true);
    await preview.click();
    expect(await fieldError(amount)).toBe('请为此项选择一列');

    await amount.selectOption({ label: '收费合计（元）' });
    await preview.click();
    expect(await previewCounts(page)).toMatchObject({ 行数: '3', 新增: '2', 有错误: '1' });
    const errors = page.getByRole('table', { name: '有错误的行' });
    expect(
      await errors
        .getByRole('row')
        .nth(1)
        .getByRole('cell')
        .evaluateAll((cells) => cells.map((cell) => cell.textContent)),
    ).toEqual(['3', '收费合计（元）', '不是以元为单位的金额', 'abc']);
    expect(await importButton.isDisabled()).toBe(true);

    // The corrected file, with the same columns, keeps the mapping chosen by hand.
    await chooseFile(page, '选择 CSV 文件…', '十月账单.csv', good);
    await page
      .getByRole('table', { name: '十月账单.csv 的前 3 行' })
      .getByRole('cell', { name: '300' })
      .waitFor();
    expect(await amount.inputValue()).toBe('收费合计（元）');
    await preview.click();
    await page.getByText('没有错误，可以导入。').waitFor();
    expect(await previewCounts(page)).toMatchObject({ 行数: '3', 新增: '3', 有错误: '0' });
    expect(await importButton.isEnabled()).toBe(true);
    // Any change of choice asks for a new dry run.
    await page.getByRole('radio', { name: '更新' }).check();
    expect(await importButton.isDisabled()).toBe(true);
    await preview.click();
    await page.getByText('没有错误，可以导入。').waitFor();
    await importButton.click();
    const done = page.getByRole('status').filter({ hasText: '已导入' });
    expect(await done.textContent()).toContain('已导入 十月账单.csv：新增 3，更新 0，跳过 0，无变化 0。');

    const bills = async () =>
      (await api.consumption.list({ accountId }))
        .map((bill) => `${bill.period} ${bill.category} ${bill.amountFen} ${bill.note}`)
        .sort();
    expect(await bills()).toEqual(
      [`${lastMonth} data 123450 `, `${lastMonth} broadband 30000 `, `${monthBefore} voice 8800 月租`].sort(),
    );
    const history = page.getByRole('table', { name: '本机的导入记录，最新的在前' });
    const entry = history.getByRole('row').filter({ hasText: '十月账单.csv' });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('新增 3 · 更新 0 · 跳过 0');

    // The account's trend shows the imported month.
    await goto(`#/account/${accountId}`);
    await accountOpened(page, '华星电子科技有限公司');
    const card = page.getByRole('region', { name: '消费', exact: true });
    await card.getByRole('button', { name: '表格' }).click();
    const month = card.getByRole('row').filter({ hasText: lastMonth });
    await expect.poll(() => month.textContent()).toContain('¥1,534.50');

    // Reverted from the history: the bills are gone.
    await page.getByRole('navigation').getByRole('link', { name: '导入 CSV', exact: true }).click();
    await entry.getByRole('button', { name: /^撤销 十月账单\.csv 的导入/ }).click();
    const confirm = page.getByRole('dialog', { name: '撤销这次导入？' });
    expect(await confirm.textContent()).toContain('导入之后又被修改过的行保持不变');
    await confirm.getByRole('button', { name: '确定' }).click();
    await page.getByRole('status').filter({ hasText: '已撤销导入：删除 3 行，恢复 0 行' }).waitFor();
    await eventually(bills).toEqual([]);
    await entry.getByText(/^已于 .* 由 m001 撤销$/).waitFor();
    expect(await entry.getByRole('button').count()).toBe(0);
  });

  it('creates accounts from a UTF-8 (BOM) file, in English', async () => {
    const { page, api, goto } = await openApp({ locale: 'en' });
    const text = csv(
      'Customer No,Name,Type,Tier,Mobile',
      'EN0001,Harbor Logistics Ltd,organization,partner,',
      'EN0002,Chen Jing,person,general,138 0013 8009',
    );
    await goto('#/import');
    await page.getByRole('heading', { level: 1, name: 'Import CSV' }).waitFor();
    // The file chooser is reached from the keyboard (its visible face is the label).
    await tabTo(page, page.getByLabel('Choose a CSV file…', { exact: true }));
    await chooseFile(page, 'Choose a CSV file…', 'accounts.csv', Buffer.from(`\uFEFF${text}`, 'utf8'));
    await page.getByRole('definition').filter({ hasText: 'UTF-8 (with BOM)' }).waitFor();
    // Only the accounts guess finds the columns: the file is taken for a list of accounts.
    expect(await page.getByRole('radio', { name: 'Accounts' }).isChecked()).toBe(true);
    expect(await page.getByRole('combobox', { name: 'Phone number' }).inputValue()).toBe('Mobile');
    expect(await page.getByRole('combobox', { name: 'Find the account by' }).inputValue()).toBe('customerNo');

    await page.getByRole('button', { name: 'Preview (dry run)' }).click();
    await page.getByText('No errors: the file can be imported.').waitFor();
    expect(await previewCounts(page)).toMatchObject({ Rows: '2', 'To create': '2', 'With errors': '0' });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Imported accounts.csv: 2 created, 0 updated, 0 skipped, 0 unchanged.' })
      .waitFor();

    expect(await api.accounts.findByNumber({ customerNo: 'EN0001' })).toMatchObject({
      kind: 'organization',
      name: 'Harbor Logistics Ltd',
      tier: 'partner',
    });
    const person = await api.accounts.findByNumber({ customerNo: 'EN0002' });
    expect(person).toMatchObject({ kind: 'person', name: 'Chen Jing', tier: 'general' });
    expect((await api.accounts.detail({ id: person?.id ?? '' })).phones).toEqual([
      expect.objectContaining({ number: '13800138009' }),
    ]);
    await page
      .getByRole('table', { name: 'Imports made on this device, newest first' })
      .getByRole('row')
      .filter({ hasText: 'accounts.csv' })
      .filter({ hasText: 'Accounts' })
      .waitFor();
  });
});
