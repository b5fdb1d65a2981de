import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { addDays } from '../../shared/domain/lunarCalendar';
import { openApp } from './harness';
import { accountOpened } from './ui';

/** Today as the page sees it (the local date of the browser), `YYYY-MM-DD`. */
function browserToday(page: Page): Promise<string> {
  return page.evaluate(() => {
    const now = new Date();
    const pad = (value: number) => String(value).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  });
}

describe('contracts', () => {
  it('a contract ending in 20 days, added on the account, is there and among the renewals on the agenda', async () => {
    const { page, api, goto } = await openApp();
    const hotel = await api.accounts.create({
      kind: 'organization',
      name: '汕头市金海湾酒店有限公司',
      tier: 'partner',
    });
    const today = await browserToday(page);
    const end = addDays(today, 20);

    await goto(`#/account/${hotel.id}`);
    await accountOpened(page, '汕头市金海湾酒店有限公司');
    const card = page.getByRole('region', { name: '合同' });
    await card.getByRole('button', { name: '+ 添加合同' }).click();
    const form = page.getByRole('dialog', { name: '添加合同' });
    await form.getByLabel('合同编号').fill('ht-2026-0088');
    await form.getByLabel('业务类别').selectOption({ label: '专线' });
    await form.getByLabel('开始日期').fill(addDays(today, -345));
    await form.getByLabel('结束日期').fill(end);
    await form.getByLabel('月费（元）').fill('12,500');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    const row = card.getByRole('listitem').filter({ hasText: 'HT-2026-0088' });
    await row.getByText('20 天后到期').waitFor();
    await row.getByText('每月 ¥12,500.00').waitFor();

    await goto('#/agenda');
    const renewals = page.getByRole('region', { name: /^待续约合同/ });
    const item = renewals.getByRole('listitem').filter({ hasText: 'HT-2026-0088' });
    await item.getByText('汕头市金海湾酒店有限公司').waitFor();
    await item.getByText(`${end} 到期（还有 20 天）`).waitFor();

    await goto('#/statistics');
    const expiring = page.getByRole('region', { name: '未来 90 天到期的合同' });
    await expiring.getByText('1 份合同 · 每月 ¥12,500.00').waitFor();
  });
});
