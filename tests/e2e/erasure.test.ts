import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/errors';
import type { ApiClient } from '../../shared/api';
import { openApp } from './harness';

/** A person with a phone and a visit, and a bystander who must survive the erasure. */
async function wangAndLi(api: ApiClient): Promise<string> {
  const wang = await api.accounts.create({
    kind: 'person',
    name: '王秀英',
    customerNo: 'KERASE1',
    phones: [{ number: '+86 139 2233 4455' }],
  });
  await api.visits.create({ accountId: wang.id, kind: 'phone', content: '询问续约意向' });
  await api.accounts.create({ kind: 'person', name: '李明' });
  return wang.id;
}

const openMore = (page: Page, more: string, item: string) =>
  page
    .getByRole('button', { name: more })
    .click()
    .then(() => page.getByRole('menuitem', { name: item }).click());

describe('erasure and personal data export on the account page', () => {
  it('exports the personal data, erases the account with a reason, and it is gone everywhere', async () => {
    let id = '';
    const { page, api, goto } = await openApp({ setup: async (client) => (id = await wangAndLi(client)) });
    await goto(`#/account/${id}`);
    await page.getByRole('heading', { name: '王秀英' }).waitFor();

    // Export: one zip holding the JSON and the CSV, both naming the person and her phone.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      openMore(page, '更多', '导出个人信息'),
    ]);
    expect(download.suggestedFilename()).toBe('KERASE1-personal-data.zip');
    const files = unzipSync(readFileSync((await download.path()) ?? ''));
    expect(Object.keys(files).sort()).toEqual(['KERASE1-personal-data.csv', 'KERASE1-personal-data.json']);
    const json = strFromU8(files['KERASE1-personal-data.json'] ?? new Uint8Array());
    expect(json).toContain('王秀英');
    expect(json).toContain('13922334455');
    expect(json).toContain('询问续约意向');
    expect(strFromU8(files['KERASE1-personal-data.csv'] ?? new Uint8Array())).toContain('王秀英');
    expect(await api.audit.list({ action: 'export.personal' })).toHaveLength(1);

    // The dialog refuses until there is a reason and the name is typed exactly.
    await openMore(page, '更多', '永久删除此客户…');
    const dialog = page.getByRole('dialog', { name: '永久删除此客户' });
    await dialog.getByText('已生成的备份和同步文件中仍保留这些信息').waitFor();
    const erase = dialog.getByRole('button', { name: '永久删除', exact: true });
    const reason = dialog.getByLabel('删除原因');
    const name = dialog.getByLabel('请输入客户名称以确认：王秀英');
    expect(await erase.isDisabled()).toBe(true);
    await name.fill('王秀英');
    expect(await erase.isDisabled()).toBe(true);
    await reason.fill('个人信息删除请求 2026-12-06');
    await name.fill('王秀');
    expect(await erase.isDisabled()).toBe(true);
    await reason.press('Enter');
    expect(await api.audit.list({ action: 'erase' })).toHaveLength(0);
    await name.fill('王秀英');

    await erase.click();
    await page.getByText('已永久删除“王秀英”。').waitFor();
    const box = page.getByRole('combobox', { name: '查找客户' });
    await box.waitFor();

    // Gone from search, by name and by phone, and from the list; the bystander stays.
    await box.fill('王秀英');
    await page.getByText('没有与“王秀英”匹配的客户。').waitFor();
    await box.fill('4455');
    await page.getByText('没有与“4455”匹配的客户。').waitFor();
    await goto('#/accounts');
    await page.getByText('共 1 个客户').waitFor();
    await page.getByRole('table', { name: '客户列表' }).getByRole('link', { name: '李明' }).waitFor();
    await expect(api.accounts.detail({ id })).rejects.toBeInstanceOf(ApiError);

    // The log keeps who, when and why, and the Audit page shows it.
    const [entry] = await api.audit.list({ action: 'erase' });
    expect(entry).toMatchObject({ entityId: id, after: { why: '个人信息删除请求 2026-12-06' } });
    await goto('#/audit');
    await page.getByLabel('操作', { exact: true }).selectOption({ label: '永久删除' });
    const list = page.getByRole('table', { name: '审计日志条目，最新的在前' });
    await expect.poll(() => list.locator('tbody tr').count()).toBe(1);
  });

  it('in English: a wrong name keeps Erase disabled, and Cancel erases nothing', async () => {
    let id = '';
    const { page, api, goto } = await openApp({
      locale: 'en',
      setup: async (client) => (id = await wangAndLi(client)),
    });
    await goto(`#/account/${id}`);
    await page.getByRole('heading', { name: '王秀英' }).waitFor();
    await openMore(page, 'More', 'Erase this account…');
    const dialog = page.getByRole('dialog', { name: 'Erase this account' });
    await dialog.getByLabel('Reason').fill('PIPL request');
    await dialog.getByLabel('Type the account name to confirm: 王秀英').fill('李明');
    expect(await dialog.getByRole('button', { name: 'Erase', exact: true }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await api.accounts.detail({ id })).account.name).toBe('王秀英');
    expect(await api.audit.list({ action: 'erase' })).toHaveLength(0);
  });
});
