import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lastCompleteMonth } from '../../../shared/domain/statistics';
import type { Account } from '../../../shared/types';
import { openBook, type Book } from './helpers';

let book: Book;
beforeEach(async () => {
  book = await openBook();
});
afterEach(() => book.close());

const period = lastCompleteMonth(new Date());

async function company(name: string, yuan: number, tier?: Account['tier']): Promise<Account> {
  const account = await book.api.accounts.create({ kind: 'organization', name, ...(tier && { tier }) });
  if (yuan > 0)
    await book.api.consumption.create({
      accountId: account.id,
      period,
      category: 'data',
      amountFen: yuan * 100,
    });
  return account;
}

/** 1,000 yuan in all: 800 / 100 / 50 / 30 / 20, so A is class A, B and C class B, D and E class C. */
async function book5() {
  const a = await company('甲公司', 800);
  const b = await company('乙公司', 100);
  const c = await company('丙公司', 50, 'partner');
  const d = await company('丁公司', 30);
  const e = await company('戊公司', 20);
  return { a, b, c, d, e };
}

describe('tiers.suggestions', () => {
  it('suggests from each account’s ABC class: the core of A strategic, B commercial, C general', async () => {
    const { a, b, c } = await book5();
    const result = await book.api.tiers.suggestions();
    expect(result.window.to).toBe(period);
    // D and E are general already; A, B and C differ (C is the manager's partner).
    expect(result.rows.map((row) => [row.account.name, row.suggested, row.tierSource])).toEqual([
      ['甲公司', 'strategic', 'suggested'],
      ['乙公司', 'commercial', 'suggested'],
      ['丙公司', 'commercial', 'manager'],
    ]);
    expect(result).toMatchObject({ total: 3, automatic: 2 });
    const reasonOf = (id: string) => result.rows.find((row) => row.account.id === id)?.reason;
    expect(reasonOf(a.id)).toMatchObject({ basis: 'account', account: { abcClass: 'A', shareBefore: 0 } });
    expect(reasonOf(b.id)?.account).toMatchObject({ abcClass: 'B', shareBefore: 0.8, trailing12Fen: 100_00 });
    expect(reasonOf(c.id)?.account.shareBefore).toBeCloseTo(0.9);
  });

  it('lifts a small subsidiary to its group’s tier', async () => {
    const { a, e } = await book5();
    await book.api.relationships.create({ fromId: a.id, toId: e.id, type: 'holds' });
    const result = await book.api.tiers.suggestions();
    const row = result.rows.find((candidate) => candidate.account.id === e.id);
    expect(row).toMatchObject({
      suggested: 'strategic',
      reason: { basis: 'group', group: { rootName: '甲公司', abcClass: 'A', trailing12Fen: 820_00 } },
    });
  });
});

describe('tiers.apply', () => {
  it('moves every tier that follows suggestions and keeps the managers’', async () => {
    const { a, b, c } = await book5();
    expect(await book.api.tiers.apply({ allAutomatic: true, language: 'en' })).toEqual({ changed: 2 });
    expect(await book.api.accounts.get({ id: a.id })).toMatchObject({
      tier: 'strategic',
      tierSource: 'suggested',
      tierReason: 'class A (¥800.00 in 12 months, 0.0% of the total ranked above it)',
    });
    expect((await book.api.accounts.get({ id: b.id })).tier).toBe('commercial');
    expect(await book.api.accounts.get({ id: c.id })).toMatchObject({
      tier: 'partner',
      tierSource: 'manager',
    });
    // Nothing left to move: applying again changes nothing.
    expect(await book.api.tiers.apply({ allAutomatic: true })).toEqual({ changed: 0 });
  });

  it('takes a manager’s acceptance for a manager’s tier, which then follows suggestions', async () => {
    const { c } = await book5();
    expect(await book.api.tiers.apply({ accountIds: [c.id] })).toEqual({ changed: 1 });
    expect(await book.api.accounts.get({ id: c.id })).toMatchObject({
      tier: 'commercial',
      tierSource: 'suggested',
    });
    expect((await book.api.accounts.get({ id: c.id })).tierReason).toContain('B 类客户');
  });

  it('refuses a call that names no account and does not ask for all, writing nothing', async () => {
    await book5();
    book.invalid('tiers.apply', {}, ['accountIds']);
    book.rejects('tiers.apply', { accountIds: ['0197d84f-0cb5-7445-bc8c-64fe60bc107e'] }, 'NOT_FOUND');
  });
});

describe('tiers.history', () => {
  it('lists each tier change, newest first: who, from → to, where from and why', async () => {
    const { a } = await book5();
    await book.api.tiers.apply({ accountIds: [a.id], language: 'zh-CN' });
    await book.api.accounts.update({ id: a.id, tier: 'partner', tierReason: '合同到期未续' });
    const history = await book.api.tiers.history({ id: a.id });
    expect(
      history.map(({ from, to, source, reason, actor }) => ({ from, to, source, reason, actor })),
    ).toEqual([
      { from: 'strategic', to: 'partner', source: 'manager', reason: '合同到期未续', actor: 'm001' },
      {
        from: 'general',
        to: 'strategic',
        source: 'suggested',
        reason: 'A 类客户（近12个月 ¥800.00，之前累计占比 0.0%）',
        actor: 'm001',
      },
      { from: null, to: 'general', source: 'suggested', reason: '', actor: 'm001' },
    ]);
  });
});

describe('tier suggestions for customer groups', () => {
  it('rank a group among all customers, not only among groups: a small group is not class A', async () => {
    const { d, e } = await book5();
    // 丁 (30) holds 戊 (20): together 5% of the total, ranked after 甲, 乙 and 丙.
    await book.api.relationships.create({ fromId: d.id, toId: e.id, type: 'holds' });
    const result = await book.api.tiers.suggestions();
    expect(result.rows.find((row) => row.account.id === d.id)).toBeUndefined();
    expect(result.rows.find((row) => row.account.id === e.id)).toBeUndefined();
    const pareto = await book.api.stats.pareto({ by: 'group' });
    expect(pareto.top.find((row) => row.account.id === d.id)?.abcClass).toBe('C');
  });
});
