import { describe, expect, it } from 'vitest';
import { openApp } from './harness';

/** `YYYY-MM-DD` of the local day `days` from now. */
function dayFromNow(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

describe('anniversaries: the upcoming list cut off', () => {
  it('says "the first 200 of 250" and lists the rest on request', async () => {
    const { page, goto } = await openApp({
      setup: async (api) => {
        for (let i = 0; i < 250; i++) {
          const account = await api.accounts.create({ kind: 'person', name: `客户${i}` });
          // Two to 26 days ahead: inside the 30-day window whatever the time of day.
          const date = dayFromNow(2 + (i % 25));
          await api.anniversaries.create({
            accountId: account.id,
            kind: 'birthday',
            calendar: 'gregorian',
            month: Number(date.slice(5, 7)),
            day: Number(date.slice(8)),
          });
        }
      },
    });
    await goto('#/anniversaries');
    const upcoming = page.getByRole('region', { name: '即将到来' });
    await upcoming.getByText('显示前 200 个，共 250 个纪念日').first().waitFor();
    expect(await upcoming.locator('.date-group li').count()).toBe(200);
    // At the top and at the end of the list.
    expect(await upcoming.getByRole('button', { name: '再显示 50 个' }).count()).toBe(2);
    await upcoming.getByRole('button', { name: '再显示 50 个' }).last().click();
    await upcoming.getByText('共 250 个纪念日').waitFor();
    expect(await upcoming.locator('.date-group li').count()).toBe(250);
    expect(await upcoming.getByRole('button', { name: /再显示/ }).count()).toBe(0);
  });
});
