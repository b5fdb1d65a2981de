import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../../renderer/i18n/en';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { bookDigest, holdWriteLock, killLockers } from '../faults/helpers';
import { openApp } from './harness';
import { accountOpened, eventually } from './ui';

/**
 * A Save that meets a storage fault: the window says, in its language, that the change was not
 * saved; the dialog stays open with everything typed; Save works once the fault is gone.
 */
afterEach(() => killLockers());

describe('storage faults in the window', () => {
  it('New account on a book another process has locked: DB_BUSY shown, the form kept, then saved', async () => {
    const { page, api, databasePath } = await openApp({ busyTimeoutMs: 1000 });
    await page.getByRole('link', { name: '新建客户' }).click();
    const form = page.getByRole('dialog', { name: '新建客户' });
    await form.getByRole('radio', { name: '单位', exact: true }).check();
    const name = form.getByLabel('名称', { exact: true });
    const phone = form.getByLabel('电话号码 1', { exact: true });
    const region = form.getByLabel('地区', { exact: true });
    await name.fill('汕头市宏达玩具有限公司');
    await phone.fill('0754-8812 0000');
    await region.fill('汕头');

    const before = bookDigest(databasePath);
    const lock = await holdWriteLock(databasePath, 'IMMEDIATE');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe(zhCN.error.DB_BUSY);
    expect(await form.isVisible()).toBe(true);
    expect(await name.inputValue()).toBe('汕头市宏达玩具有限公司');
    expect(await phone.inputValue()).toBe('0754-8812 0000');
    expect(await region.inputValue()).toBe('汕头');
    expect(await form.getByRole('radio', { name: '单位', exact: true }).isChecked()).toBe(true);
    expect((await api.accounts.list({})).total).toBe(0);
    expect(bookDigest(databasePath)).toBe(before);

    await lock.release();
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await accountOpened(page, '汕头市宏达玩具有限公司');
    const saved = await api.accounts.list({});
    expect(saved.rows.map((account) => [account.name, account.region])).toEqual([
      ['汕头市宏达玩具有限公司', '汕头'],
    ]);
  });

  it('Log a visit on a full disk, in English: DISK_FULL shown, the text kept, then saved', async () => {
    const { page, api, fieldbook, goto } = await openApp({ locale: 'en' });
    const person = await api.accounts.create({ kind: 'person', name: 'Lin Xiaoyan' });
    await goto(`#/account/${person.id}`);
    await accountOpened(page, 'Lin Xiaoyan');
    await page.getByRole('button', { name: 'Log visit', exact: true }).click();
    const form = page.getByRole('dialog', { name: 'Log a visit' });
    // Longer than a page: saving it needs pages the full book cannot have.
    const content = `Discussed the leased line renewal. ${'Details of the offer. '.repeat(220)}`.trim();
    await form.getByLabel('What was done', { exact: true }).fill(content);

    const sqlite = fieldbook.db.sqlite;
    sqlite.pragma(`max_page_count = ${String(sqlite.pragma('page_count', { simple: true }))}`);
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe(en.error.DISK_FULL);
    expect(await form.getByLabel('What was done', { exact: true }).inputValue()).toBe(content);
    expect(await api.visits.list({ accountId: person.id })).toEqual([]);

    sqlite.pragma('max_page_count = 1073741823');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    await eventually(async () =>
      (await api.visits.list({ accountId: person.id })).map((v) => v.content),
    ).toEqual([content]);
  });

  it('Save when the connection to the app is lost: a message, the form kept', async () => {
    const { page } = await openApp();
    await page.route('**/api/accounts.create', (route) => route.abort('connectionreset'));
    await page.getByRole('link', { name: '新建客户' }).click();
    const form = page.getByRole('dialog', { name: '新建客户' });
    await form.getByLabel('名称', { exact: true }).fill('陈志强');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe(zhCN.error.INTERNAL);
    expect(await form.getByLabel('名称', { exact: true }).inputValue()).toBe('陈志强');
  });

  it('a one-click action (archive) on a locked book: the refusal shown as a notice, nothing changed', async () => {
    const { page, api, databasePath, goto } = await openApp({ busyTimeoutMs: 1000 });
    const person = await api.accounts.create({ kind: 'person', name: '林晓燕' });
    await goto(`#/account/${person.id}`);
    await accountOpened(page, '林晓燕');
    const lock = await holdWriteLock(databasePath, 'IMMEDIATE');
    await page.getByRole('button', { name: '归档', exact: true }).click();
    await page.getByRole('dialog', { name: '归档' }).getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain(zhCN.error.DB_BUSY);
    await lock.release();
    expect((await api.accounts.get({ id: person.id })).status).toBe('active');
  });

  it('Settings saved on a locked book: the refusal under the form, the code kept, then saved', async () => {
    const { page, api, databasePath } = await openApp({ busyTimeoutMs: 1000 });
    await page.getByRole('link', { name: '设置' }).click();
    const code = page.getByLabel('客户经理工号', { exact: true });
    await code.fill('m042');
    const lock = await holdWriteLock(databasePath, 'IMMEDIATE');
    const form = page.locator('form').filter({ has: code });
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe(zhCN.error.DB_BUSY);
    expect(await code.inputValue()).toBe('m042');
    await lock.release();
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await eventually(async () => (await api.settings.get()).managerCode).toBe('m042');
  });
});
