import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lastCompleteMonth } from '../../shared/domain/statistics';
import { addMonths } from '../../shared/domain/period';
import type { ApiClient } from '../../shared/api';
import { openApp } from './harness';

const month = lastCompleteMonth(new Date());

/** Five companies billed 8,000 / 1,000 / 500 / 300 / 200 yuan last month; 乙 fell from 3,000 a quarter ago. */
async function book(api: ApiClient) {
  const ids: Record<string, string> = {};
  for (const [name, yuan] of [
    ['甲科技有限公司', 8000],
    ['乙贸易有限公司', 1000],
    ['丙物流有限公司', 500],
    ['丁餐饮有限公司', 300],
    ['戊建材有限公司', 200],
  ] as const) {
    const account = await api.accounts.create({ kind: 'organization', name, region: '汕头' });
    ids[name] = account.id;
    await api.consumption.create({
      accountId: account.id,
      period: month,
      category: 'data',
      amountFen: yuan * 100,
    });
  }
  for (const back of [3, 4, 5]) {
    await api.consumption.create({
      accountId: ids['乙贸易有限公司'] ?? '',
      period: addMonths(month, -back),
      category: 'voice',
      amountFen: 3000_00,
    });
  }
  return ids;
}

describe('statistics', () => {
  it('shows the portfolio, the 80/20 classes as chart and table, exports CSV, and finds the slipping account', async () => {
    const { page, goto } = await openApp({ setup: book });
    await goto('#/statistics');
    await page.getByRole('heading', { name: '消费统计', level: 1 }).waitFor();
    // Portfolio of the last 12 months: 10,000 + 9,000 yuan.
    await expect.poll(() => page.locator('.totals dd').first().textContent()).toBe('¥19,000.00');
    await page.getByRole('heading', { name: '消费前 5 名客户' }).waitFor();
    const top = page.getByRole('table', { name: '消费前 5 名客户' });
    await expect.poll(() => top.getByRole('row').nth(1).textContent()).toContain('乙贸易有限公司');

    await page.getByRole('tab', { name: '二八分析' }).click();
    const classes = page.getByRole('list', { name: 'ABC 分类' });
    await expect
      .poll(() => classes.getByRole('listitem').allTextContents())
      .toEqual([
        'A2 个（40.0%）¥18,000.00，占总额 94.7%',
        'B1 个（20.0%）¥500.00，占总额 2.6%',
        'C2 个（40.0%）¥500.00，占总额 2.6%',
      ]);
    const curve = page.getByRole('region', { name: /累计占比/ });
    await curve.locator('.chart svg').waitFor();
    await curve.getByRole('button', { name: '表格' }).click();
    await expect.poll(() => curve.getByRole('row').count()).toBe(6);

    const ranked = page.getByRole('region', { name: '前 5 名' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      ranked.getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    const text = readFileSync((await download.path()) ?? '', 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('排名,名称,客户等级,金额（元）,占比,累计占比,分类');
    expect(lines[1]).toBe('1,乙贸易有限公司,一般价值客户,10000,0.5263157894736842,0.5263157894736842,A');
    expect(lines).toHaveLength(7);

    await page.getByRole('tab', { name: '下滑客户' }).click();
    await page.getByRole('heading', { name: /^1 个客户消费下滑/ }).waitFor();
    await expect
      .poll(() => page.getByRole('table', { name: '下滑客户' }).textContent())
      .toContain('乙贸易有限公司');
  });

  it('suggests tiers, accepts one, and the account shows it with its reason and history', async () => {
    const { page, api, goto } = await openApp({ setup: book });
    const [first] = (await api.accounts.list({ limit: 10 })).rows.filter(
      (row) => row.name === '甲科技有限公司',
    );
    await goto('#/statistics');
    await page.getByRole('tab', { name: '定级建议' }).click();
    await page.getByRole('heading', { name: /个客户的等级与建议不同/ }).waitFor();
    await page.getByRole('button', { name: '接受 甲科技有限公司 的建议等级' }).click();
    await page.getByText('已调整 1 个客户的等级').waitFor();
    await expect.poll(async () => (await api.accounts.get({ id: first?.id ?? '' })).tier).toBe('partner');

    await goto(`#/account/${first?.id ?? ''}`);
    // Second after 乙 (10,000 yuan of 19,000): class A, but not its core.
    await page.getByText(/伙伴客户 · 按系统建议 · A 类客户/).waitFor();
    await page.getByText('定级记录').click();
    await page.getByText(/一般价值客户 → 伙伴客户/).waitFor();
  });
});
