import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api';
import type { Tier } from '../../shared/types';
import { openApp } from './harness';

const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '林', '郑', '蔡', '许', '谢'];
const given = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛'];
const places = ['汕头', '潮州', '揭阳', '汕尾', '梅州'];
const trades = ['玩具', '陶瓷', '纺织', '食品', '电子', '物流', '五金', '印刷'];
const tiers: readonly Tier[] = ['strategic', 'partner', 'commercial', 'general'];

/** 500 accounts, a third of them companies, every tier, five regions. */
async function fiveHundred(api: ApiClient) {
  for (let i = 0; i < 500; i++) {
    const region = places[i % places.length] ?? '';
    const tier = tiers[i % 7 === 0 ? 0 : i % 3 === 0 ? 1 : i % 2 === 0 ? 2 : 3] ?? 'general';
    if (i % 3 === 0) {
      const trade = trades[i % trades.length] ?? '';
      await api.accounts.create({
        kind: 'organization',
        name: `${region}市${trade}${i}号有限公司`,
        tier,
        region,
      });
    } else {
      const name = `${surnames[i % surnames.length] ?? ''}${given[(i * 7) % given.length] ?? ''}${i}`;
      await api.accounts.create({ kind: 'person', name, tier, region });
    }
  }
}

describe('the accounts list', () => {
  it('filters in the database and keeps only the visible rows in the DOM', async () => {
    const { page, api } = await openApp({ setup: fiveHundred });
    await page.getByRole('link', { name: '客户列表' }).click();
    await page.getByText('共 500 个客户').waitFor();
    const list = page.getByRole('table', { name: '客户列表' });
    const rows = list.locator('.list-row');
    await rows.first().getByRole('link').waitFor();
    const firstRows = await rows.count();
    expect(firstRows).toBeGreaterThan(5);
    expect(firstRows).toBeLessThan(60);

    // Scrolling to the end draws the last account, still with a handful of rows.
    const last = (await api.accounts.list({ offset: 499, limit: 1 })).rows[0];
    await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await list.getByRole('link', { name: last?.name ?? '' }).waitFor();
    expect(await rows.count()).toBeLessThan(60);

    const filters = page.getByRole('form', { name: '筛选' });
    await filters
      .getByRole('combobox', { name: '客户等级', exact: true })
      .selectOption({ label: '战略客户' });
    const strategic = await api.accounts.list({ tiers: ['strategic'] });
    await page.getByText(`共 ${strategic.total} 个客户`).waitFor();
    await filters.getByRole('combobox', { name: '客户类型', exact: true }).selectOption({ label: '单位' });
    const companies = await api.accounts.list({ tiers: ['strategic'], kind: 'organization' });
    expect(companies.total).toBeLessThan(strategic.total);
    await page.getByText(`共 ${companies.total} 个客户`).waitFor();
    await rows.first().getByText('战略客户').waitFor();
    const shown = await rows.locator('.list-name').allTextContents();
    expect(shown).toEqual(companies.rows.map((row) => row.name).slice(0, shown.length));

    await filters.getByRole('textbox', { name: '地区', exact: true }).fill('潮州');
    await filters.getByRole('textbox', { name: '地区', exact: true }).press('Tab');
    const inChaozhou = await api.accounts.list({
      tiers: ['strategic'],
      kind: 'organization',
      region: '潮州',
    });
    await page.getByText(`共 ${inChaozhou.total} 个客户`).waitFor();
    expect(inChaozhou.total).toBeGreaterThan(0);
    expect(inChaozhou.total).toBeLessThan(companies.total);
  });
});
