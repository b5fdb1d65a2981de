import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api';
import { openApp } from './harness';
import { accountOpened, searchResults } from './ui';

const searchBox = (page: Page) => page.getByRole('combobox', { name: '查找客户' });

async function twoPeople(api: ApiClient) {
  await api.accounts.create({ kind: 'person', name: '王芳', phones: [{ number: '138 0013 8000' }] });
  await api.accounts.create({ kind: 'person', name: '李明', phones: [{ number: '139 0013 9999' }] });
}

/** Lookups answer late, as they do on a big book on a busy laptop. */
async function slowLookups(page: Page, delayMs: number): Promise<void> {
  await page.route(
    (url) => url.pathname === '/api/lookup.search',
    async (route: Route) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await route.continue();
    },
  );
}

describe('search: Enter acts on the text in the box', () => {
  it('opens the account of a number pasted over an earlier query, even before its results arrive', async () => {
    const { page } = await openApp({ setup: twoPeople });
    await slowLookups(page, 400);
    const box = searchBox(page);
    const rounds = [
      { before: '王芳', pasted: '13900139999', opens: '李明' },
      { before: '李明', pasted: '138 0013 8000', opens: '王芳' },
    ];
    for (let round = 0; round < 6; round++) {
      const { before, pasted, opens } = rounds[round % 2] ?? { before: '', pasted: '', opens: '' };
      await page.keyboard.press('Control+k');
      await box.fill(before);
      await expect.poll(() => searchResults(page)).toEqual([{ name: before, marks: [before] }]);
      // A fast user pastes and presses Enter at once: the list still shows the earlier query.
      await box.fill(pasted);
      await box.press('Enter');
      await accountOpened(page, opens);
    }
  });

  it('opens nothing when the pasted text matches no one, and says so', async () => {
    const { page } = await openApp({ setup: twoPeople });
    await slowLookups(page, 300);
    const box = searchBox(page);
    await box.fill('王芳');
    await expect.poll(() => searchResults(page)).toEqual([{ name: '王芳', marks: ['王芳'] }]);
    await box.fill('13700137777');
    await box.press('Enter');
    await page.getByText('没有与“13700137777”匹配的客户。').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('查找客户');
  });
});

describe('search: a list cut off says so', () => {
  it('says "the first 30 of 40" and shows the rest on request', async () => {
    const { page } = await openApp({
      locale: 'en',
      setup: async (api) => {
        for (let i = 0; i < 40; i++) await api.accounts.create({ kind: 'person', name: `王${i}号` });
      },
    });
    const box = page.getByRole('combobox', { name: 'Search accounts' });
    await box.fill('王');
    await page.getByText('The first 30 of 40 accounts').waitFor();
    expect(await page.getByRole('option').count()).toBe(30);
    // Also at the end of the list, saying how many more.
    await page.getByRole('button', { name: 'Show 10 more' }).waitFor();
    await page.getByRole('button', { name: 'Show more', exact: true }).click();
    await page.getByText('40 accounts', { exact: true }).waitFor();
    expect(await page.getByRole('option').count()).toBe(40);
    expect(await page.getByRole('button', { name: /^Show/ }).count()).toBe(0);
    // The box keeps the keyboard: Enter still opens the selected account.
    await expect.poll(() => box.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await accountOpened(page, '王9号');
  });
});
