import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api';
import { openApp } from './harness';
import { accountOpened, eventually, searchResults, tabTo } from './ui';

/** Two people whose phones both end in 8000 and whose initials are both czq. */
async function twoNamesakes(api: ApiClient) {
  await api.accounts.create({ kind: 'person', name: '陈志强', phones: [{ number: '+86 138-0013-8000' }] });
  await api.accounts.create({ kind: 'person', name: '陈子琪', phones: [{ number: '(0754) 8812 8000' }] });
  await api.accounts.create({ kind: 'organization', name: '汕头市三环电子有限公司' });
}

const searchBox = (page: Page) => page.getByRole('combobox', { name: '查找客户' });

async function selectedName(page: Page): Promise<string> {
  const selected = page.getByRole('option', { selected: true });
  return (await selected.locator('.result-name').textContent()) ?? '';
}

describe('search', () => {
  it('finds people by the last 4 digits and by pinyin initials while typing, with the match marked', async () => {
    const { page } = await openApp({ setup: twoNamesakes });
    const box = searchBox(page);
    await expect.poll(() => box.evaluate((element) => element === document.activeElement)).toBe(true);

    await page.keyboard.type('8000');
    await page.getByRole('option').nth(1).waitFor();
    expect(await searchResults(page)).toEqual([
      { name: '陈志强', marks: ['8000'] },
      { name: '陈子琪', marks: ['8000'] },
    ]);
    await page.getByText('2 个客户').waitFor();

    await box.fill('');
    await page.keyboard.type('cz');
    await page.getByRole('option').nth(1).waitFor();
    expect(await searchResults(page)).toEqual([
      { name: '陈志强', marks: ['陈志'] },
      { name: '陈子琪', marks: ['陈子'] },
    ]);
    await page.keyboard.type('q');
    await expect
      .poll(() => searchResults(page))
      .toEqual([
        { name: '陈志强', marks: ['陈志强'] },
        { name: '陈子琪', marks: ['陈子琪'] },
      ]);

    // Arrow keys move the selection (wrapping around); Enter opens the selected account.
    expect(await selectedName(page)).toBe('陈志强');
    await box.press('ArrowDown');
    expect(await selectedName(page)).toBe('陈子琪');
    await box.press('ArrowDown');
    expect(await selectedName(page)).toBe('陈志强');
    await box.press('ArrowUp');
    expect(await selectedName(page)).toBe('陈子琪');
    await box.press('Enter');
    await accountOpened(page, '陈子琪');

    // Nothing found says so, with the query.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('wxyz');
    await page.getByText('没有与“wxyz”匹配的客户。').waitFor();
  });

  it('finds a number abroad by its last digits and whole, and shows it in its own format', async () => {
    const { page } = await openApp({
      setup: async (api) => {
        await api.accounts.create({
          kind: 'person',
          name: '陈美玲',
          phones: [{ number: '+1 415 555 0100' }],
        });
        await api.accounts.create({ kind: 'person', name: '王芳', phones: [{ number: '138 0013 0100' }] });
      },
    });
    const box = searchBox(page);
    await box.fill('0100');
    await page.getByRole('option').nth(1).waitFor();
    expect(await searchResults(page)).toEqual([
      { name: '陈美玲', marks: ['0100'] },
      { name: '王芳', marks: ['0100'] },
    ]);
    // Shown in its international format, the digits matched marked there.
    const matched = page.getByRole('option').first().locator('.matched');
    expect(await matched.textContent()).toMatch(/ \+1 415 555 0100$/);

    await box.fill('001 (415) 555-0100');
    await expect.poll(() => searchResults(page)).toEqual([{ name: '陈美玲', marks: ['+1 415 555 0100'] }]);
    await box.press('Enter');
    await accountOpened(page, '陈美玲');
    await page.getByRole('region', { name: '电话' }).getByRole('link', { name: '+1 415 555 0100' }).waitFor();
  });

  it('logs a visit by keyboard alone: Ctrl+K, type, Enter, Log visit, fill, save', async () => {
    const { page, api } = await openApp({ setup: twoNamesakes });
    await page.getByRole('link', { name: '客户列表' }).click();
    await page.getByRole('heading', { name: '客户列表', level: 1 }).waitFor();

    await page.keyboard.press('Control+k');
    await expect
      .poll(() => searchBox(page).evaluate((element) => element === document.activeElement))
      .toBe(true);
    await page.keyboard.type('chenzhiqiang');
    await expect.poll(() => searchResults(page)).toEqual([{ name: '陈志强', marks: ['陈志强'] }]);
    await page.keyboard.press('Enter');
    await accountOpened(page, '陈志强');

    await tabTo(page, page.getByRole('button', { name: '记录服务', exact: true }));
    await page.keyboard.press('Enter');
    const form = page.getByRole('dialog', { name: '记录服务' });
    const kind = form.getByLabel('服务方式', { exact: true });
    await expect.poll(() => kind.evaluate((element) => element === document.activeElement)).toBe(true);
    await kind.selectOption({ label: '电话沟通' });
    await tabTo(page, form.getByLabel('服务内容', { exact: true }));
    await page.keyboard.type('介绍千兆宽带和云电脑套餐，客户有兴趣。');
    await tabTo(page, form.getByLabel('客户意见', { exact: true }));
    await page.keyboard.type('希望下月安排上门演示');
    await tabTo(page, form.getByRole('button', { name: '保存', exact: true }));
    await page.keyboard.press('Enter');
    await form.waitFor({ state: 'detached' });
    await page.getByText('介绍千兆宽带和云电脑套餐，客户有兴趣。').waitFor();
    await page.getByRole('heading', { name: '服务记录 · 共 1 次' }).waitFor();

    const person = (await api.lookup.search({ query: '陈志强' })).hits[0]?.account;
    const visits = await api.visits.list({ accountId: person?.id ?? '' });
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({
      kind: 'phone',
      content: '介绍千兆宽带和云电脑套餐，客户有兴趣。',
      feedback: '希望下月安排上门演示',
      manager: 'm001',
    });
    await eventually(() => Date.now() - Date.parse(visits[0]?.occurredAt ?? '')).toBeLessThan(5 * 60_000);
  });
});
