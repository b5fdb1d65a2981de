import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api';
import { leapMonthOf, lunarMonth, solarOfLunar } from '../../shared/domain/lunarCalendar';
import type { Account } from '../../shared/types';
import { openFieldbook, type Fieldbook } from '../../db/service';

let directory: string;
let fieldbook: Fieldbook;
let api: ApiClient;
let wang: Account;
let li: Account;
let company: Account;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-anniversaries-'));
  fieldbook = await openFieldbook(join(directory, 'anniversaries.db'));
  api = fieldbook.client({ actor: 'm001' });
  wang = await api.accounts.create({ kind: 'person', name: '王芳', tier: 'general', owner: 'm001' });
  li = await api.accounts.create({ kind: 'person', name: '李雷', tier: 'strategic', owner: 'm002' });
  company = await api.accounts.create({
    kind: 'organization',
    name: '华新电子',
    tier: 'partner',
    owner: 'm001',
  });
  const archived = await api.accounts.create({ kind: 'person', name: '张珊', owner: 'm001' });
  // 中秋 (lunar 8-15): 2026-09-25. Wang was born on it in 1966 (60: 花甲).
  await api.anniversaries.create({
    accountId: wang.id,
    kind: 'birthday',
    calendar: 'lunar',
    month: 8,
    day: 15,
    year: 1966,
  });
  await api.anniversaries.create({
    accountId: li.id,
    kind: 'birthday',
    calendar: 'gregorian',
    month: 9,
    day: 25,
    year: 1990,
  });
  await api.anniversaries.create({
    accountId: company.id,
    kind: 'founding',
    calendar: 'gregorian',
    month: 9,
    day: 25,
  });
  await api.anniversaries.create({
    accountId: archived.id,
    kind: 'birthday',
    calendar: 'gregorian',
    month: 9,
    day: 25,
  });
  await api.accounts.archive({ id: archived.id });
  // A leap-day birthday and a 闰六月 wedding.
  await api.anniversaries.create({
    accountId: li.id,
    kind: 'wedding',
    calendar: 'gregorian',
    month: 2,
    day: 29,
    year: 2016,
  });
  await api.anniversaries.create({
    accountId: wang.id,
    kind: 'wedding',
    calendar: 'lunar',
    month: 6,
    day: 30,
    leapMonth: true,
  });
  // A contract signed in the future has no earlier anniversaries.
  await api.anniversaries.create({
    accountId: company.id,
    kind: 'contract',
    calendar: 'gregorian',
    month: 9,
    day: 25,
    year: 2027,
  });
});

afterAll(() => {
  fieldbook.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('anniversaries on a date', () => {
  it('finds Gregorian and lunar anniversaries of live, active accounts, by tier', async () => {
    const found = await api.anniversaries.onDate({ date: '2026-09-25' });
    expect(
      found.rows.map((row) => [row.account.name, row.anniversary.kind, row.years, row.milestone]),
    ).toEqual([
      ['李雷', 'birthday', 36, false],
      ['华新电子', 'founding', null, false],
      ['王芳', 'birthday', 60, true],
    ]);
    expect(found.total).toBe(3);
    expect(found.rows.every((row) => row.date === '2026-09-25' && row.daysLeft === 0)).toBe(true);
  });

  it('puts Feb 29 on Feb 28 in common years', async () => {
    const common = await api.anniversaries.onDate({ date: '2027-02-28' });
    expect(common.rows.map((row) => [row.account.name, row.years])).toEqual([['李雷', 11]]);
    expect((await api.anniversaries.onDate({ date: '2028-02-28' })).total).toBe(0);
    expect((await api.anniversaries.onDate({ date: '2028-02-29' })).rows[0]?.years).toBe(12);
  });

  it('puts a 闰六月 rule on the leap month where there is one, else on the ordinary month, day 30 on 29', async () => {
    // Lunar 2025 has 闰六月 (29 days): the wedding falls on its last day.
    const leap = await api.anniversaries.onDate({ date: solarOfLunar(2025, 6, true, 29) });
    expect(leap.rows.map((row) => row.anniversary.kind)).toEqual(['wedding']);
    expect((await api.anniversaries.onDate({ date: solarOfLunar(2025, 6, false, 29) })).total).toBe(0);
    // Lunar 2026 has no 闰六月: the ordinary 六月 takes it, on its last day.
    expect(leapMonthOf(2026)).not.toBe(6);
    const june = lunarMonth(2026, 6, false);
    const fallback = await api.anniversaries.onDate({ date: solarOfLunar(2026, 6, false, june?.days ?? 0) });
    expect(fallback.rows.map((row) => [row.account.name, row.anniversary.kind])).toEqual([
      ['王芳', 'wedding'],
    ]);
  });

  it('filters by manager and tier, and limits the rows but not the total', async () => {
    const mine = await api.anniversaries.onDate({ date: '2026-09-25', owner: 'm001' });
    expect(mine.rows.map((row) => row.account.name)).toEqual(['华新电子', '王芳']);
    const strategic = await api.anniversaries.onDate({ date: '2026-09-25', tiers: ['strategic'] });
    expect(strategic.rows.map((row) => row.account.name)).toEqual(['李雷']);
    const first = await api.anniversaries.onDate({ date: '2026-09-25', limit: 1 });
    expect([first.rows.length, first.total]).toEqual([1, 3]);
  });
});

describe('counts by day', () => {
  it('counts what the window query would list, day by day', async () => {
    const counts = await api.anniversaries.countByDay({ from: '2026-09-20', days: 10 });
    expect(counts).toEqual([{ date: '2026-09-25', count: 3 }]);
    expect(await api.anniversaries.countByDay({ from: '2026-09-20', days: 10, owner: 'm001' })).toEqual([
      { date: '2026-09-25', count: 2 },
    ]);
    const year = await api.anniversaries.countByDay({ from: '2027-01-01', days: 366 });
    const listed = await api.anniversaries.upcoming({ from: '2027-01-01', days: 366, limit: 5000 });
    expect(year.reduce((sum, day) => sum + day.count, 0)).toBe(listed.total);
  });

  it('refuses dates outside the lunar tables', async () => {
    await expect(api.anniversaries.onDate({ date: '0050-01-01' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});

describe('upcoming anniversaries', () => {
  it('lists the window by date with days left, and counts a future-dated rule only from its year', async () => {
    const window = await api.anniversaries.upcoming({ from: '2026-09-20', days: 10 });
    expect([window.from, window.to]).toEqual(['2026-09-20', '2026-09-29']);
    expect(window.rows.map((row) => [row.date, row.daysLeft, row.account.name])).toEqual([
      ['2026-09-25', 5, '李雷'],
      ['2026-09-25', 5, '华新电子'],
      ['2026-09-25', 5, '王芳'],
    ]);
    const nextYear = await api.anniversaries.upcoming({ from: '2027-09-20', days: 10 });
    expect(nextYear.rows.map((row) => [row.anniversary.kind, row.years])).toContainEqual(['contract', 0]);
  });

  it('leaves deleted anniversaries out', async () => {
    const [row] = (await api.anniversaries.onDate({ date: '2026-09-25', tiers: ['strategic'] })).rows;
    await api.anniversaries.delete({ id: row?.anniversary.id ?? '' });
    expect((await api.anniversaries.onDate({ date: '2026-09-25', tiers: ['strategic'] })).total).toBe(0);
    await api.anniversaries.undelete({ id: row?.anniversary.id ?? '' });
  });
});
