import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openApp } from './harness';
import { accountOpened, fieldError } from './ui';

/** The new account form as a demanding user meets it: as they type, on a small screen. */
async function openNewAccount(page: Page, title = '新建客户') {
  await page.getByRole('link', { name: title }).click();
  return page.getByRole('dialog', { name: title });
}

const isFocused = (page: Page, label: string) =>
  page.evaluate((text) => {
    const active = document.activeElement;
    return active?.id ? document.querySelector(`label[for="${active.id}"]`)?.textContent === text : false;
  }, label);

describe('the new account form', () => {
  it('shows possible duplicates while the user types, asking the book once typing pauses', async () => {
    const { page, api } = await openApp();
    const existing = await api.accounts.create({
      kind: 'person',
      name: '王芳',
      phones: [{ number: '13800138000' }],
    });
    const checks: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/accounts.checkDuplicates')) checks.push(request.postData() ?? '');
    });
    const form = await openNewAccount(page);
    await form.getByLabel('名称', { exact: true }).fill('王小芳');
    // Typed key by key, as a fast user pastes or types a number.
    await form.getByLabel('电话号码 1', { exact: true }).pressSequentially('13800138000', { delay: 20 });

    const warning = form.getByRole('alert', { name: '可能已有该客户' });
    await warning.getByRole('link', { name: '王芳', exact: true }).waitFor();
    expect(await warning.getByRole('link', { name: '王芳' }).getAttribute('href')).toBe(
      `#/account/${existing.id}`,
    );
    // Nothing was saved, and the book was not asked on every key.
    expect((await api.accounts.list({})).total).toBe(1);
    expect(checks.length).toBeLessThanOrEqual(3);

    // One primary action, which says what it does.
    expect(await form.getByRole('button', { name: '保存', exact: true }).count()).toBe(0);
    await form.getByRole('button', { name: '仍然保存', exact: true }).click();
    await accountOpened(page, '王小芳');
    expect((await api.accounts.list({})).total).toBe(2);
  });

  it('clears a phone’s error as it is corrected, and moves focus to the first invalid field', async () => {
    const { page } = await openApp();
    const form = await openNewAccount(page);
    const phone = form.getByLabel('电话号码 1', { exact: true });
    await phone.fill('138 0013');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    // The name is missing and comes first: the focus goes there, not to Save.
    expect(await fieldError(form.getByLabel('名称', { exact: true }))).toBe('请填写此项');
    expect(await isFocused(page, '名称')).toBe(true);
    expect(await fieldError(phone)).toContain('不是有效的电话号码');

    await phone.pressSequentially(' 8000');
    await expect.poll(() => phone.getAttribute('aria-invalid')).toBe('false');
    expect(await form.locator('.error').allTextContents()).toEqual(['请填写此项']);
  });

  it('keeps Save in view at 1024×640, the dialog body scrolling under it', async () => {
    const { page } = await openApp();
    await page.setViewportSize({ width: 1024, height: 640 });
    const form = await openNewAccount(page);
    await form.getByRole('radio', { name: '单位', exact: true }).check();
    const save = form.getByRole('button', { name: '保存', exact: true });
    const box = await save.boundingBox();
    expect(box).not.toBeNull();
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(640);
    // Not only inside the window: on top, where a click lands on it.
    const onTop = await save.evaluate((button) => {
      const rect = button.getBoundingClientRect();
      return document.elementFromPoint(rect.x + rect.width / 2, rect.y + rect.height / 2) === button;
    });
    expect(onTop).toBe(true);
    // The last field is reachable by scrolling the dialog, and Save is still on top then.
    await form.getByLabel('备注', { exact: true }).scrollIntoViewIfNeeded();
    expect((await save.boundingBox())?.y).toBe(box?.y);
  });
});

describe('dates, toasts and type in the UI’s language', () => {
  it('shows dates in English in the English UI, typed and spelled out, never the system’s format', async () => {
    const { page, api, goto } = await openApp({ locale: 'en' });
    const person = await api.accounts.create({ kind: 'person', name: 'Chen Jie' });
    await goto(`#/account/${person.id}`);
    await accountOpened(page, 'Chen Jie');
    await page.getByRole('button', { name: 'Log visit', exact: true }).first().click();
    const form = page.getByRole('dialog', { name: 'Log a visit' });
    const due = form.getByLabel('Follow-up due', { exact: true });
    expect(await due.getAttribute('type')).toBe('text');
    await due.fill('2026-11-27');
    await form.getByText('Friday, November 27th, 2026').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Record consumption' }).click();
    const period = page
      .getByRole('dialog', { name: 'Record consumption' })
      .getByLabel('Billing month', { exact: true });
    await period.fill('2026-11');
    await page.getByText('November 2026', { exact: true }).waitFor();
  });

  it('spells a month in Chinese in the Chinese UI', async () => {
    const { page, api, goto } = await openApp({ locale: 'zh-CN' });
    const person = await api.accounts.create({ kind: 'person', name: '陈杰' });
    await goto(`#/account/${person.id}`);
    await accountOpened(page, '陈杰');
    await page.getByRole('button', { name: '录入消费' }).click();
    const period = page.getByRole('dialog', { name: '录入消费' }).getByLabel('账期', { exact: true });
    await period.fill('2026-11');
    await page.getByText('2026年11月', { exact: true }).waitFor();
    expect(await page.getByText('November 2026').count()).toBe(0);
  });

  it('shows a toast over the foot of the navigation, covering nothing of the page', async () => {
    const { page, api, goto } = await openApp();
    const person = await api.accounts.create({
      kind: 'person',
      name: '林晓燕',
      phones: [{ number: '13800138000' }],
    });
    await goto(`#/account/${person.id}`);
    await accountOpened(page, '林晓燕');
    await page.getByRole('button', { name: '删除 138 0013 8000' }).click();
    const toast = page.getByRole('status').filter({ hasText: '已删除' });
    await toast.waitFor();
    const box = await toast.boundingBox();
    const navigation = await page.getByRole('navigation').boundingBox();
    expect(box && navigation).toBeTruthy();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(
      (navigation?.x ?? 0) + (navigation?.width ?? 0),
    );
    // Under the last link of the navigation, not over it.
    const lastLink = await page.getByRole('navigation').getByRole('link').last().boundingBox();
    expect(box?.y ?? 0).toBeGreaterThan((lastLink?.y ?? 0) + (lastLink?.height ?? 0));
  });

  it('draws an English apostrophe narrow, in a Latin face', async () => {
    const { page } = await openApp({ locale: 'en' });
    const widths = await page.evaluate(() => {
      const measure = (text: string) => {
        const span = document.createElement('span');
        span.textContent = text;
        document.querySelector('main')?.append(span);
        const width = span.getBoundingClientRect().width;
        span.remove();
        return width;
      };
      return { apostrophe: measure('’'), han: measure('中') };
    });
    expect(widths.apostrophe).toBeLessThan(widths.han * 0.5);
  });
});
