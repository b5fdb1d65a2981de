import { describe, expect, it } from 'vitest';
import { addMonths } from '../../shared/domain/period';
import { lastCompleteMonth } from '../../shared/domain/statistics';
import type { ApiClient } from '../../shared/api';
import { openApp } from './harness';

/**
 * Bills come weeks after their month: early in a month the book's latest bills are for the month
 * before last. Statistics must end there, not at the last calendar month, which has no bills yet.
 */
const latestBilled = addMonths(lastCompleteMonth(new Date()), -1);

/** Two companies billed the same every month for the six months up to `latestBilled`. */
async function laggingBook(api: ApiClient) {
  const ids: string[] = [];
  for (const [name, yuan] of [
    ['甲科技有限公司', 8000],
    ['乙贸易有限公司', 2000],
  ] as const) {
    const account = await api.accounts.create({ kind: 'organization', name, region: '汕头' });
    ids.push(account.id);
    for (let back = 0; back < 6; back++)
      await api.consumption.create({
        accountId: account.id,
        period: addMonths(latestBilled, -back),
        category: 'data',
        amountFen: yuan * 100,
      });
  }
  return ids;
}

describe('statistics when bills lag the calendar', () => {
  it('end at the latest billed month, say so, and find no steady account slipping', async () => {
    const { page, goto } = await openApp({ setup: laggingBook });
    await goto('#/statistics');
    const month = page.getByRole('combobox', { name: '截至月份' });
    await expect.poll(() => month.inputValue()).toBe(latestBilled);
    await expect
      .poll(() => month.locator('option:checked').textContent())
      .toBe(`${latestBilled}（最新账单）`);
    // Six billed months in the chosen 12 months, the last of them the latest: no empty last bar.
    await expect
      .poll(() => page.locator('.totals dd').allTextContents())
      .toEqual(['¥60,000.00', '2', `${addMonths(latestBilled, -11)} – ${latestBilled}`]);
    await page.getByRole('button', { name: '表格' }).first().click();
    const monthly = page.getByRole('table', { name: '月度走势' });
    await expect.poll(() => monthly.getByRole('row').last().textContent()).toBe(`${latestBilled}¥10,000.00`);

    await page.getByRole('tab', { name: '下滑客户' }).click();
    await page.getByText('没有客户下滑到这个程度。').waitFor();
    await page
      .getByRole('heading', { name: new RegExp(`^0 个客户消费下滑：${addMonths(latestBilled, -2)}`) })
      .waitFor();

    // An earlier month can still be chosen; the months offered are the billed ones.
    await page.getByRole('tab', { name: '总览' }).click();
    const options = await month.locator('option').allTextContents();
    expect(options).toHaveLength(6);
    expect(options.at(-1)).toBe(addMonths(latestBilled, -5));
    await month.selectOption(addMonths(latestBilled, -1));
    await expect
      .poll(() => page.locator('.totals dd').nth(2).textContent())
      .toBe(`${addMonths(latestBilled, -12)} – ${addMonths(latestBilled, -1)}`);
  });

  it('heads the account’s consumption with its latest billed month, not ¥0.00 and ▼100%', async () => {
    const { page, api, goto } = await openApp({ setup: laggingBook, locale: 'en' });
    const [account] = (await api.accounts.list({ limit: 10 })).rows.filter(
      (row) => row.name === '甲科技有限公司',
    );
    await goto(`#/account/${account?.id ?? ''}`);
    const card = page.getByRole('region', { name: 'Consumption' });
    const figures = card.locator('.totals');
    await expect.poll(() => figures.locator('dt').nth(2).textContent()).toBe(latestBilled);
    await expect.poll(() => figures.locator('dd').nth(2).textContent()).toBe('¥8,000.00');
    // Month on month: the same as the month before.
    await expect.poll(() => figures.locator('dd').nth(3).textContent()).toBe('▲ 0.0%');
  });
});
