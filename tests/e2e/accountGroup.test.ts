import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api';
import { openApp } from './harness';
import { accountOpened } from './ui';

const day = 86_400_000;

/**
 * A customer group of 64 companies: the head, three divisions and 20 subsidiaries under each.
 * The account looked at is the second division, with an anniversary and two visits, one of
 * them planned for next week.
 */
async function largeGroup(api: ApiClient): Promise<{ divisionId: string }> {
  const company = (name: string) => api.accounts.create({ kind: 'organization', name });
  const head = await company('潮汕鸿兴集团有限公司');
  let divisionId = '';
  for (const division of ['甲', '乙', '丙']) {
    const middle = await company(`鸿兴${division}事业部有限公司`);
    await api.relationships.create({ fromId: head.id, toId: middle.id, type: 'holds' });
    if (division === '乙') divisionId = middle.id;
    for (let i = 1; i <= 20; i++) {
      const child = await company(`鸿兴${division}${String(i).padStart(2, '0')}号分公司`);
      await api.relationships.create({ fromId: middle.id, toId: child.id, type: 'holds' });
    }
  }
  await api.anniversaries.create({
    accountId: divisionId,
    kind: 'founding',
    calendar: 'gregorian',
    month: 3,
    day: 8,
  });
  const visit = (occurredAt: number) =>
    api.visits.create({
      accountId: divisionId,
      occurredAt: new Date(occurredAt).toISOString(),
      kind: 'onsite',
      content: '拜访',
    });
  await visit(Date.now() - 3 * day);
  await visit(Date.now() + 7 * day);
  return { divisionId };
}

const top = async (locator: Locator) => (await locator.boundingBox())?.y ?? Number.POSITIVE_INFINITY;
const height = async (locator: Locator) => (await locator.boundingBox())?.height ?? Number.POSITIVE_INFINITY;

describe('the 360° view of a company in a large customer group', () => {
  it("shows the way to the account and its own subsidiaries, keeping the account's cards in reach", async () => {
    let divisionId = '';
    const { page, goto } = await openApp({
      setup: async (api) => {
        ({ divisionId } = await largeGroup(api));
      },
    });
    await page.setViewportSize({ width: 1024, height: 640 });
    await goto(`#/account/${divisionId}`);
    await accountOpened(page, '鸿兴乙事业部有限公司');

    const group = page.getByRole('region', { name: /集团客户/ });
    const anniversaries = page.getByRole('region', { name: '纪念日' });
    // The head, this account and ten of its subsidiaries; not the other divisions' companies.
    await group.getByRole('link', { name: '潮汕鸿兴集团有限公司' }).waitFor();
    await group.getByText('另有 2 家子公司').waitFor();
    expect(await group.getByRole('link', { name: /^鸿兴乙\d+号分公司$/ }).count()).toBe(10);
    await group.getByText('还有 10 家').waitFor();
    expect(await group.getByRole('link', { name: '鸿兴甲01号分公司' }).count()).toBe(0);
    expect(await group.locator('[aria-current="page"]').textContent()).toBe('鸿兴乙事业部有限公司');

    // The account's own cards come first and stay near the top; the group card is short.
    expect(await top(anniversaries)).toBeLessThan(await top(group));
    expect(await top(anniversaries)).toBeLessThan(1500);
    expect(await height(group)).toBeLessThan(600);
    // 21 relationships (the head and 20 subsidiaries): the first few, then "show all".
    const relationships = page.getByRole('region', { name: '关系' });
    expect(await relationships.getByRole('listitem').count()).toBe(8);
    await relationships.getByRole('button', { name: '显示全部 21 个关系' }).click();
    expect(await relationships.getByRole('listitem').count()).toBe(21);

    // The whole tree on request, in a box of its own height.
    await group.getByRole('button', { name: '显示全部 64 家' }).click();
    await group.getByRole('link', { name: '鸿兴甲01号分公司' }).waitFor();
    expect(await group.getByRole('link').count()).toBe(63);
    expect(await height(group)).toBeLessThan(600);
    await group.getByRole('button', { name: '收起' }).click();
    expect(await group.getByRole('link', { name: '鸿兴甲01号分公司' }).count()).toBe(0);
  });

  it('says when the account was last contacted: a planned visit is not a contact', async () => {
    let divisionId = '';
    const { page, goto } = await openApp({
      locale: 'en',
      setup: async (api) => {
        ({ divisionId } = await largeGroup(api));
      },
    });
    await goto(`#/account/${divisionId}`);
    await page.getByText('Last contact: 3 days ago').waitFor();
    await page.getByRole('link', { name: '潮汕鸿兴集团有限公司' }).first().click();
    await accountOpened(page, '潮汕鸿兴集团有限公司');
    await page.getByText('Last contact: never').waitFor();
  });
});
