import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api';
import { addMonths, periodOfDate } from '../../shared/domain/period';
import type { Locale } from './harness';
import { openApp } from './harness';
import { accountOpened } from './ui';

const day = 86_400_000;
const lastMonth = addMonths(periodOfDate(new Date()), -1);

/**
 * Twelve accounts in two regions with two managers; bills of different sizes last month and
 * visits of different ages (two never visited).
 */
async function twelve(api: ApiClient) {
  const names = [
    '王芳',
    '王伟',
    '李娜',
    '张敏',
    '刘洋',
    '陈静',
    '杨磊',
    '黄勇',
    '赵艳',
    '吴杰',
    '周涛',
    '徐娟',
  ];
  for (const [i, name] of names.entries()) {
    const account = await api.accounts.create({
      kind: 'person',
      name,
      region: i % 2 === 0 ? '汕头' : '潮州',
      owner: i < 6 ? 'm001' : 'm002',
    });
    await api.consumption.create({
      accountId: account.id,
      period: lastMonth,
      category: 'voice',
      amountFen: ((i * 7) % 12) * 10_000 + 100,
    });
    if (i < 10) {
      await api.visits.create({
        accountId: account.id,
        occurredAt: new Date(Date.now() - (3 + ((i * 5) % 11)) * day).toISOString(),
        kind: 'phone',
        content: '回访',
      });
    }
  }
}

const countText = (page: Page) => page.locator('.list-page .page-header [aria-live]').textContent();
const shownNames = (page: Page) => page.locator('.list-row .list-name').allTextContents();

async function openList(locale: Locale = 'zh-CN') {
  const app = await openApp({ setup: twelve, locale });
  await app.goto('#/accounts');
  await app.page.locator('.list-row .list-name').first().waitFor();
  return app;
}

describe('the accounts list: filters', () => {
  it('applies a text filter on Enter and as the user types, without leaving the box', async () => {
    const { page } = await openList();
    const filters = page.getByRole('form', { name: '筛选' });
    await expect.poll(() => countText(page)).toBe('共 12 个客户');

    const region = filters.getByRole('textbox', { name: '地区', exact: true });
    await region.fill('潮州');
    await region.press('Enter');
    await expect.poll(() => countText(page)).toBe('共 6 个客户');
    expect(await region.evaluate((element) => element === document.activeElement)).toBe(true);

    // Typing and pausing is enough.
    const owner = filters.getByRole('textbox', { name: '客户经理', exact: true });
    await owner.pressSequentially('m002');
    await expect.poll(() => countText(page)).toBe('共 3 个客户');
    expect(await owner.evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it('filters by any part of the name, its pinyin or its initials', async () => {
    const { page } = await openList();
    const name = page.getByRole('searchbox', { name: '名称', exact: true });
    await name.pressSequentially('wang');
    await expect.poll(() => shownNames(page)).toEqual(['王芳', '王伟']);
    await name.fill('zm');
    await name.press('Enter');
    await expect.poll(() => shownNames(page)).toEqual(['张敏']);
    await name.fill('静');
    await name.press('Enter');
    await expect.poll(() => shownNames(page)).toEqual(['陈静']);
  });

  it('says when nothing matches and clears the filters in one click', async () => {
    const { page } = await openList();
    const filters = page.getByRole('form', { name: '筛选' });
    const region = filters.getByRole('textbox', { name: '地区', exact: true });
    await region.fill('北京');
    await region.press('Enter');
    await page.getByText('没有符合这些筛选条件的客户。').waitFor();
    expect(await page.getByRole('table', { name: '客户列表' }).count()).toBe(0);
    await page.getByRole('status').getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(() => countText(page)).toBe('共 12 个客户');
    expect(await region.inputValue()).toBe('');
    await page.getByRole('table', { name: '客户列表' }).waitFor();
  });
});

describe('the accounts list: columns', () => {
  it('has column headers that sort by 12-month revenue and by last contact, both ways', async () => {
    const { page, api } = await openList();
    const table = page.getByRole('table', { name: '客户列表' });
    const headers = await table.getByRole('columnheader').allTextContents();
    expect(headers.map((text) => text.replace(/[▲▼]/g, '').trim())).toEqual([
      '名称 · 编号',
      '等级',
      '客户经理',
      '地区',
      '近12月消费',
      '上次联系',
    ]);
    const expected = async (sort: 'revenue12m' | 'lastContact', direction: 'asc' | 'desc') =>
      (await api.accounts.list({ sort, direction })).rows.map((row) => row.name);

    const revenue = table.getByRole('columnheader', { name: /近12月消费/ });
    await revenue.getByRole('button').click();
    await expect.poll(() => revenue.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(() => shownNames(page)).toEqual(await expected('revenue12m', 'desc'));
    const firstRow = table.locator('.list-row').first();
    expect(await firstRow.locator('.numeric').textContent()).toBe('¥1,101');
    await revenue.getByRole('button').click();
    await expect.poll(() => revenue.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(() => shownNames(page)).toEqual(await expected('revenue12m', 'asc'));

    const contact = table.getByRole('columnheader', { name: /上次联系/ });
    await contact.getByRole('button').click();
    await expect.poll(() => contact.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(() => shownNames(page)).toEqual(await expected('lastContact', 'asc'));
    // Never visited comes first, and says so; the others say how long ago.
    const contacts = await table.locator('.list-row [role="cell"]:last-child').allTextContents();
    expect(contacts.slice(0, 2)).toEqual(['从未', '从未']);
    expect(contacts.slice(2).every((text) => /^\d+ 天前$/.test(text))).toBe(true);
    expect(await revenue.getAttribute('aria-sort')).toBe('none');
    await contact.getByRole('button').click();
    await expect.poll(() => shownNames(page)).toEqual(await expected('lastContact', 'desc'));

    // A row still opens its account.
    await firstRow.click();
    await accountOpened(page, (await expected('lastContact', 'desc'))[0] ?? '');
  });

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`keeps every column in view at 1024×640, long names cut with a tooltip (${locale})`, async () => {
      const { page, api } = await openApp({
        locale,
        setup: async (client) => {
          await twelve(client);
          await client.accounts.create({
            kind: 'organization',
            name: '汕头市龙湖区珠津工业区宏达玩具实业有限公司第二分公司',
            region: '汕头市龙湖区珠津工业区',
          });
        },
      });
      await page.setViewportSize({ width: 1024, height: 640 });
      await page.evaluate(() => {
        window.location.hash = '#/accounts';
      });
      const table = page.getByRole('table');
      await table.locator('.list-row .list-name').first().waitFor();
      const box = await table.boundingBox();
      const right = (box?.x ?? 0) + (box?.width ?? 0);
      for (const header of await table.getByRole('columnheader').all()) {
        const cell = await header.boundingBox();
        expect((cell?.x ?? 0) + (cell?.width ?? 0)).toBeLessThanOrEqual(right);
      }
      // The table fits the window: its bottom is in view, and the page does not scroll.
      expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(640);
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(640);
      const long = (await api.accounts.list({ name: '宏达玩具' })).rows[0];
      const row = table.locator('.list-row', { hasText: long?.customerNo ?? '' });
      const name = row.locator('.list-name');
      expect(await name.getAttribute('title')).toBe(long?.name);
      expect(await name.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
      const region = row.locator('.list-text').nth(1);
      expect(await region.getAttribute('title')).toBe('汕头市龙湖区珠津工业区');
    });
  }
});
