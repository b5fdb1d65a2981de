import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api';
import { openApp } from './harness';
import { accountOpened, eventually } from './ui';

/** Work on one account's 360° screen, each change checked in the database. */
async function openPerson(page: Page, api: ApiClient, goto: (route: string) => Promise<void>) {
  const person = await api.accounts.create({
    kind: 'person',
    name: '林晓燕',
    phones: [{ number: '13800138000' }, { number: '0754-8812 3456' }],
  });
  await goto(`#/account/${person.id}`);
  await accountOpened(page, '林晓燕');
  return person.id;
}

function lastMonth(): string {
  const now = new Date();
  const month = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${month.getFullYear()}-${String(month.getMonth() + 1).padStart(2, '0')}`;
}

describe('the account screen', () => {
  it('records consumption typed in yuan and stores fen', async () => {
    const { page, api, goto } = await openApp();
    const id = await openPerson(page, api, goto);

    await page.getByRole('button', { name: '录入消费' }).click();
    const form = page.getByRole('dialog', { name: '录入消费' });
    await form.getByLabel('账期', { exact: true }).fill(lastMonth());
    await form.getByLabel('业务类别', { exact: true }).selectOption({ label: '宽带' });
    await form.getByLabel('金额（元）', { exact: true }).fill('1,234.5');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await form.waitFor({ state: 'detached' });

    const card = page.getByRole('region', { name: '消费' });
    await card.getByText('¥1,234.50').first().waitFor();
    // The 24-month trend as a table: a column per service, the month's row with the amount.
    await card.getByRole('button', { name: '表格' }).click();
    await card.getByRole('columnheader', { name: '宽带 (¥)' }).waitFor();
    await expect
      .poll(() => card.getByRole('row', { name: new RegExp(lastMonth()) }).textContent())
      .toContain('¥1,234.50');
    const records = await api.consumption.list({ accountId: id });
    expect(records.map((record) => [record.period, record.category, record.amountFen])).toEqual([
      [lastMonth(), 'broadband', 123450],
    ]);
  });

  it('adds a lunar birthday with the lunar picker (Chinese month and day names, leap month)', async () => {
    const { page, api, goto } = await openApp();
    const id = await openPerson(page, api, goto);

    await page.getByRole('button', { name: '添加纪念日' }).click();
    const form = page.getByRole('dialog', { name: '添加纪念日' });
    const kind = form.getByLabel('纪念日类型', { exact: true });
    await expect.poll(() => kind.inputValue()).toBe('birthday');
    await form.getByRole('radio', { name: '农历', exact: true }).check();
    const month = form.getByLabel('月', { exact: true });
    const day = form.getByLabel('日', { exact: true });
    expect(await month.locator('option').allTextContents()).toEqual([
      ...['正月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '冬月', '腊月'],
    ]);
    const dayNames = await day.locator('option').allTextContents();
    expect(dayNames).toHaveLength(30);
    expect([dayNames[0], dayNames[9], dayNames[14], dayNames[20], dayNames[29]]).toEqual([
      '初一',
      '初十',
      '十五',
      '廿一',
      '三十',
    ]);
    await month.selectOption({ label: '五月' });
    await day.selectOption({ label: '初五' });
    await form.getByRole('checkbox', { name: '闰月' }).check();
    await form.getByLabel('年份', { exact: true }).fill('1990');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await form.waitFor({ state: 'detached' });

    const card = page.getByRole('region', { name: '纪念日' });
    await card.getByText('农历 1990年闰五月初五').waitFor();
    await card.getByText('生日').waitFor();
    const { anniversaries } = await api.accounts.detail({ id });
    expect(anniversaries).toMatchObject([
      { kind: 'birthday', calendar: 'lunar', month: 5, day: 5, leapMonth: true, year: 1990 },
    ]);
  });

  it('edits the profile, archives with a confirmation and restores', async () => {
    const { page, api, goto } = await openApp();
    const id = await openPerson(page, api, goto);

    await page.getByRole('button', { name: '编辑', exact: true }).click();
    const form = page.getByRole('dialog', { name: '编辑客户资料' });
    await form.getByLabel('客户等级', { exact: true }).selectOption({ label: '伙伴客户' });
    await form.getByLabel('地区', { exact: true }).fill('潮州');
    await form.getByLabel('行业', { exact: true }).fill('陶瓷');
    await form.getByLabel('备注', { exact: true }).fill('喜欢喝单丛茶');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    const profile = page.getByRole('region', { name: '基本资料' });
    await profile.getByText('潮州', { exact: true }).waitFor();
    await profile.getByText('喜欢喝单丛茶').waitFor();
    expect(await api.accounts.get({ id })).toMatchObject({
      tier: 'partner',
      region: '潮州',
      industry: '陶瓷',
      notes: '喜欢喝单丛茶',
    });

    await page.getByRole('button', { name: '归档', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: '归档' });
    await confirm.getByText('归档“林晓燕”？').waitFor();
    await page.keyboard.press('Enter');
    await page.getByText('该客户已归档。').waitFor();
    await eventually(async () => (await api.accounts.get({ id })).status).toBe('archived');

    await page.getByRole('button', { name: '恢复', exact: true }).click();
    await page.getByRole('button', { name: '归档', exact: true }).waitFor();
    expect(await page.getByText('该客户已归档。').count()).toBe(0);
    await eventually(async () => (await api.accounts.get({ id })).status).toBe('active');
  });

  it('deletes a phone and brings it back with Undo', async () => {
    const { page, api, goto } = await openApp();
    const id = await openPerson(page, api, goto);
    const phones = page.getByRole('region', { name: '电话' });
    const numbers = async () =>
      (await api.accounts.detail({ id })).phones.map((phone) => phone.number).sort();

    await phones.getByRole('button', { name: '删除 0754 8812 3456' }).click();
    const toast = page.getByRole('status').filter({ hasText: '已删除' });
    await toast.waitFor();
    await phones.getByRole('link', { name: '0754 8812 3456' }).waitFor({ state: 'detached' });
    await eventually(numbers).toEqual(['13800138000']);

    await toast.getByRole('button', { name: '撤销' }).click();
    await phones.getByRole('link', { name: '0754 8812 3456' }).waitFor();
    await eventually(numbers).toEqual(['075488123456', '13800138000']);
  });
});
