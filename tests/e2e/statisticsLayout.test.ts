import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMonths } from '../../shared/domain/period';
import { lastCompleteMonth } from '../../shared/domain/statistics';
import { consumptionCategories } from '../../shared/schemas';
import type { ApiClient } from '../../shared/api';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { openApp } from './harness';

/** The statistics page on a small laptop (1024×640): nothing squeezed, cut or hidden. */
const month = lastCompleteMonth(new Date());

/** Long names, as customer groups' branches have them. */
const branchNames = [
  '汕头市鸿通玩具集团有限公司第一百一十一分公司',
  '广东万辰房地产开发集团股份有限公司揭阳分公司',
  '揭阳凯创医药集团股份有限公司上海浦东分公司',
  '广州市和万信息技术集团有限公司揭阳揭东分公司',
  '汕头鸿金建设工程集团股份有限公司佛山南海分公司',
  '潮州市新辰建筑工程有限公司',
];

/**
 * Six branches billed about a million and a half yuan a month, then much less: all slipping, and
 * suggested higher tiers. 16 small accounts fill a top 20; the first branch is billed in every
 * service. Four tiers were set by a manager (the last branch's, the first three small accounts').
 */
async function bigBook(api: ApiClient) {
  for (const [index, name] of branchNames.entries()) {
    const account = await api.accounts.create({
      kind: 'organization',
      name,
      region: '汕头',
      ...(index === 5 ? { tier: 'general' as const } : {}),
    });
    for (let back = 0; back < 6; back++)
      await api.consumption.create({
        accountId: account.id,
        period: addMonths(month, -back),
        category: 'data',
        amountFen: (back < 3 ? 400_000_00 : 1_446_120_90) + index * 10_000_00,
      });
    if (index === 0)
      for (const category of consumptionCategories.filter((category) => category !== 'data'))
        await api.consumption.create({ accountId: account.id, period: month, category, amountFen: 1_000_00 });
  }
  for (let index = 0; index < 16; index++) {
    const tier = (['strategic', 'partner', 'commercial'] as const)[index];
    const account = await api.accounts.create({
      kind: 'organization',
      name: `小微企业${index + 1}号有限公司`,
      ...(tier ? { tier } : {}),
    });
    await api.consumption.create({
      accountId: account.id,
      period: month,
      category: 'voice',
      amountFen: 100_00,
    });
  }
}

async function smallLaptop(page: Page) {
  await page.setViewportSize({ width: 1024, height: 640 });
}

/** Every row short, every column inside the window, and no table wider than its card. */
async function expectFits(table: Locator) {
  await table.getByRole('row').nth(1).waitFor();
  const box = await table.boundingBox();
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(1024);
  const scroller = table.locator('xpath=..');
  const [scrollWidth, clientWidth] = await scroller.evaluate((element) => [
    element.scrollWidth,
    element.clientWidth,
  ]);
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  const heights = await table
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().height));
  expect(Math.max(...heights)).toBeLessThan(80);
  const nameWidths = await table
    .locator('tbody td.account-cell')
    .evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().width));
  expect(Math.min(...nameWidths)).toBeGreaterThanOrEqual(140);
}

describe('statistics at 1024×640', () => {
  it('slipping and tier suggestions keep names readable and every column in view', async () => {
    const { page, goto } = await openApp({ setup: bigBook, locale: 'en' });
    await smallLaptop(page);
    await goto('#/statistics');
    await page.getByRole('tab', { name: 'Slipping' }).click();
    const slipping = page.getByRole('table', { name: 'Slipping', exact: true });
    await expectFits(slipping);
    // Two change columns, each named for what it holds.
    await slipping.getByRole('columnheader', { name: 'Change (¥)' }).waitFor();
    await slipping.getByRole('columnheader', { name: 'Change (%)' }).waitFor();
    // Money below zero reads −¥3,138,362.70: a real minus sign (U+2212) in front of the ¥.
    const drops = await slipping.locator('tbody tr td:nth-child(5)').allTextContents();
    expect(drops).toHaveLength(6);
    for (const drop of drops) expect(drop).toMatch(/^\u2212¥\d{1,3}(,\d{3})*\.\d\d$/);
    expect(await slipping.textContent()).not.toContain('¥-');
    // The number and manager still read under each name.
    await expect.poll(() => slipping.locator('.account-meta').first().textContent()).toMatch(/^K\w+ · m001$/);
    // The CSV keeps them apart, in the columns it always had, and its amounts plain for Excel.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const lines = readFileSync((await download.path()) ?? '', 'utf8')
      .slice(1)
      .split('\r\n');
    expect(lines[0]).toBe(
      'Name,Customer number,Tier,Account manager,The 3 months before (¥),Last 3 months (¥),Change (¥),Change (%)',
    );
    expect(lines[1]).toMatch(/^[^,]+分公司,K\w+,General,m001,4\d{6}\.7,1\d{6},-3138362\.7,-0\.7\d+$/);
    expect(lines.join('\n')).not.toContain('\u2212');

    await page.getByRole('tab', { name: 'Tier suggestions' }).click();
    const tiers = page.getByRole('table', { name: 'Tier suggestions', exact: true });
    await expectFits(tiers);
    const accept = tiers.getByRole('button', {
      name: `Accept the suggested tier for ${branchNames[0] ?? ''}`,
    });
    const acceptBox = await accept.boundingBox();
    expect((acceptBox?.x ?? 0) + (acceptBox?.width ?? 0)).toBeLessThanOrEqual(1024);
    // Why "apply" moves fewer than differ: managers' own tiers are kept.
    await page.getByRole('heading', { name: /^9 tiers differ from the suggestion/ }).waitFor();
    await page
      .getByText(
        'Following suggestions: 5 (the button applies these). Set by a manager and kept: 4 (accept them one by one).',
      )
      .waitFor();
    await page.getByRole('button', { name: 'Apply to the 5 that follow suggestions' }).waitFor();
  });

  it('labels every slice of a chart, and shows a top 20 whole, with the page scrolling', async () => {
    const { page, goto } = await openApp({ setup: bigBook });
    await smallLaptop(page);
    await goto('#/statistics');
    const services = page.getByRole('region', { name: '业务类别' });
    await services.locator('.chart svg').waitFor();
    const labels = await services.locator('.chart svg text').allTextContents();
    for (const category of consumptionCategories) expect(labels).toContain(zhCN.category[category]);
    const tiers = page.getByRole('region', { name: '客户等级' });
    const tierLabels = await tiers.locator('.chart svg text').allTextContents();
    expect(tierLabels).toEqual(expect.arrayContaining(['战略客户', '伙伴客户', '商业客户', '一般价值客户']));
    // The monthly chart names every month of the 12.
    const monthly = page.getByRole('region', { name: '月度走势' });
    const ticks = (await monthly.locator('.chart svg text').allTextContents()).filter((text) =>
      /月/.test(text),
    );
    expect(ticks).toHaveLength(12);

    const top = page.getByRole('table', { name: '消费前 20 名客户' });
    await expect.poll(() => top.locator('tbody tr').count()).toBe(20);
    const [scrollHeight, clientHeight] = await top
      .locator('xpath=..')
      .evaluate((element) => [element.scrollHeight, element.clientHeight]);
    expect(scrollHeight).toBeLessThanOrEqual(clientHeight);
  });
});

describe('visit coverage', () => {
  it('says how many of the overdue accounts are listed, and lists more on request', async () => {
    const { page, goto } = await openApp({
      setup: async (api) => {
        for (let index = 0; index < 205; index++)
          await api.accounts.create({ kind: 'organization', name: `未走访企业${index + 1}号有限公司` });
      },
    });
    await goto('#/statistics');
    await page.getByRole('tab', { name: '走访覆盖' }).click();
    await page.getByRole('heading', { name: '逾期未访客户（显示 200 个，共 205 个）' }).waitFor();
    const table = page.getByRole('table', { name: '走访覆盖', exact: true });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(200);
    await page.getByText('显示 200 个，共 205 个', { exact: true }).waitFor();
    await page.getByRole('button', { name: '再显示 5 个' }).click();
    await page.getByRole('heading', { name: '逾期未访客户（205 个）' }).waitFor();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(205);
    await expect.poll(() => page.getByRole('button', { name: /再显示/ }).count()).toBe(0);
  });
});
