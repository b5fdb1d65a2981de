import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fileStamp } from '../../db/sync/export';
import type { ApiClient } from '../../shared/api';
import { openApp } from './harness';
import { chooseSyncFile, openSync, otherDevice, passphrase } from './syncDevices';

/*
 * The Sync page with large files: an export or import of many records shows what it is doing
 * with counts; the file is named by the local time; a file over 8 MB reaches the service in
 * preview mode; results are said on the page, not in a toast over it.
 */

/** Bills enough for several progress reports: `accounts` × 4,000, through an import. */
async function manyBills(api: ApiClient, accounts: number): Promise<void> {
  const services = ['语音', '流量', '宽带', '专线', '云', 'IDC', '物联网', '短信', '其他'];
  const lines = ['客户编号,账期,业务类别,金额,数量,备注'];
  for (let account = 1; account <= accounts; account++) {
    const customerNo = `BULK${account}`;
    await api.accounts.create({ kind: 'organization', name: `批量客户${account}`, customerNo });
    for (let index = 0; index < 4000; index++) {
      const month = Math.floor(index / services.length);
      const period = `${2000 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
      lines.push(`${customerNo},${period},${services[index % services.length] ?? ''},1,,`);
    }
  }
  const staged = await api.imports.stage({
    fileName: 'bulk.csv',
    contentBase64: Buffer.from(`${lines.join('\r\n')}\r\n`).toString('base64'),
  });
  await api.imports.apply({
    stageId: staged.stageId,
    kind: 'consumption',
    mapping: { customerNo: '客户编号', period: '账期', category: '业务类别', amount: '金额' },
  });
}

/** Every text the elements matching `selector` show from now on (progress goes by quickly). */
async function recordTexts(page: Page, selector: string): Promise<() => Promise<string[]>> {
  await page.evaluate((watched) => {
    const seen: string[] = [];
    Object.assign(window, { seenTexts: seen });
    new MutationObserver(() => {
      for (const element of document.querySelectorAll(watched)) {
        const text = element.textContent ?? '';
        if (seen.at(-1) !== text) seen.push(text);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  }, selector);
  return () => page.evaluate(() => (window as unknown as { seenTexts: string[] }).seenTexts);
}

describe('sync with large files', () => {
  it('exports with the records written so far, names the file by local time, and says so on the page', async () => {
    const { page, api } = await openApp({
      timezoneId: 'Asia/Shanghai',
      setup: async (client) => {
        await client.sync.setPassphrase({ passphrase });
        await manyBills(client, 3);
      },
    });
    await openSync(page);
    await page.getByRole('radio', { name: '全部（完整导出）' }).check();
    const texts = await recordTexts(page, '.sync-export .sync-progress-text');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出同步文件', exact: true }).click(),
    ]);
    const seen = await texts();
    // 3 accounts and 12,000 bills, counted as they are written, then the sealing of the file.
    // (Reports close together may be drawn as one: the test asks for the kinds, not each.)
    expect(seen.some((text) => /^正在写入文件：[\d,]+ \/ 12,003 条记录$/.test(text))).toBe(true);
    expect(seen).toContain('正在加密文件（12,003 条记录）…');

    const [entry] = await api.sync.history();
    const name = download.suggestedFilename();
    // Shanghai's clock, 8 hours ahead of UTC (the machine's here).
    expect(name).toBe(
      `fieldbook-m001-${entry?.sourceNode.slice(0, 8) ?? ''}-${fileStamp(entry?.at ?? '', 480)}-full.fbsync`,
    );
    const said = page.getByRole('region', { name: '导出修改' }).getByRole('status');
    expect(await said.textContent()).toBe(`已保存 ${name}：12,003 条记录。`);
    expect(await page.locator('.toast').count()).toBe(0);
  });

  it('imports a colleague’s large file with counts, and reads a file over 8 MB in preview mode', async () => {
    const other = await otherDevice();
    await manyBills(other.api, 2);
    const file = await other.exportFile({ full: true });
    const { page, api } = await openApp({ setup: (client) => client.sync.setPassphrase({ passphrase }) });
    await openSync(page);

    const texts = await recordTexts(page, '.sync-import .sync-progress-text');
    await chooseSyncFile(page, '同事.fbsync', file);
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByText('已导入：新增 8002，修改 0，冲突 0。').waitFor();
    const seen = await texts();
    expect(seen).toContain('正在解密并检查文件…');
    expect(seen.some((text) => /^正在检查文件将带来的修改：[\d,]+ \/ 8,002 条记录$/.test(text))).toBe(true);
    expect(seen.some((text) => /^正在导入：[\d,]+ \/ 8,002 条记录$/.test(text))).toBe(true);
    expect((await api.accounts.list({})).total).toBe(2);

    // 9 MB (12 MB as base64): read by the service, which says what it is, not "invalid input".
    await chooseSyncFile(page, '大文件.fbsync', randomBytes(9 * 1024 * 1024));
    await page
      .getByRole('alert')
      .filter({ hasText: '这不是 Fieldbook 同步文件，请确认选择的文件是否正确。' })
      .waitFor();
  });

  it('takes CSV export dates as text in the UI’s language, and says the export under its button', async () => {
    const { page, goto } = await openApp({
      setup: (client) => client.accounts.create({ kind: 'person', name: '王芳' }),
    });
    await goto('#/sync');
    const card = page.getByRole('region', { name: '导出CSV（报送总部）' });
    const from = card.getByRole('textbox', { name: '起始日期' });
    const to = card.getByRole('textbox', { name: '结束日期' });
    // Not the browser's date field, which shows "mm/dd/yyyy" whatever the UI's language.
    expect(await from.getAttribute('placeholder')).toBe('年-月-日');
    await from.fill('2026年1月5日');
    await from.blur();
    await to.fill('2026/02/30');
    await to.blur();
    expect(await from.inputValue()).toBe('2026-01-05');
    await card.getByRole('button', { name: '导出', exact: true }).click();
    await card.getByText('不是日期：请写成 2026-11-05 的形式。').waitFor();
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    await to.fill('20260228');
    await to.blur();
    await card.getByLabel('用途').fill('月度报送');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('button', { name: '导出', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect(await to.inputValue()).toBe('2026-02-28');
    expect(await card.getByRole('status').textContent()).toBe('已导出1行');
    expect(await page.locator('.toast').count()).toBe(0);
  });
});
