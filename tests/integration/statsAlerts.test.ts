import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../db/cli/main';
import { coverageOf } from '../../db/queries/statsCoverage';
import type { Account, Tier } from '../../shared/types';
import { createOrganization, openBook, type Book } from './operations/helpers';

let book: Book;
beforeEach(async () => {
  book = await openBook();
});
afterEach(() => book.close());

const bill = (account: Account, period: string, amountFen: number) =>
  book.ok('consumption.create', {
    accountId: account.id,
    period,
    category: 'data',
    amountFen,
    allowDuplicate: true,
  });

/** Three months at `previous` each (May–July 2026), then three at `recent` (August–October). */
function quarters(account: Account, previous: number, recent: number): void {
  for (const period of ['2026-05', '2026-06', '2026-07']) bill(account, period, previous);
  for (const period of ['2026-08', '2026-09', '2026-10']) bill(account, period, recent);
}

describe('stats.slipping', () => {
  it('lists accounts whose last 3 months fell beyond the threshold, largest drop first', () => {
    const halved = createOrganization(book);
    const collapsed = createOrganization(book);
    const dipped = createOrganization(book);
    const grown = createOrganization(book);
    const newcomer = createOrganization(book);
    quarters(halved, 1_000, 500);
    quarters(collapsed, 300, 0);
    quarters(dipped, 1_000, 900);
    quarters(grown, 100, 200);
    quarters(newcomer, 0, 100);
    const stats = book.ok('stats.slipping', { to: '2026-10' });
    expect(stats.recent).toEqual({ from: '2026-08', to: '2026-10', months: 3 });
    expect(stats.previous).toEqual({ from: '2026-05', to: '2026-07', months: 3 });
    expect(stats.total).toBe(2);
    expect(
      stats.rows.map((row) => [row.account.id, row.previousFen, row.recentFen, row.changeFen, row.change]),
    ).toEqual([
      [halved.id, 3_000, 1_500, -1_500, -0.5],
      [collapsed.id, 900, 0, -900, -1],
    ]);
    expect(book.ok('stats.slipping', { to: '2026-10', threshold: 0.05 }).total).toBe(3);
    expect(
      book.ok('stats.slipping', { to: '2026-10', minPreviousFen: 1_000 }).rows.map((row) => row.account.id),
    ).toEqual([halved.id]);
    expect(book.ok('stats.slipping', { to: '2026-10', limit: 1 })).toMatchObject({
      total: 2,
      rows: [{ previousFen: 3_000 }],
    });
  });
});

describe('stats.coverage', () => {
  const visit = (account: Account, day: string) =>
    book.ok('visits.create', {
      accountId: account.id,
      kind: 'onsite',
      content: '拜访',
      occurredAt: `${day}T02:00:00.000Z`,
    });
  const account = (tier: Tier) => createOrganization(book, { tier });

  it('finds accounts not visited within their tier’s cadence, strategic and never-visited first', () => {
    const fresh = account('strategic');
    visit(fresh, '2026-11-01');
    const late = account('strategic');
    visit(late, '2026-10-01'); // 57 days before the 27th: past 30
    const deletedVisit = account('partner');
    visit(deletedVisit, '2026-11-20');
    book.ok('visits.delete', { id: visit(deletedVisit, '2026-11-25').id });
    const never = account('strategic');
    const general = account('general');
    visit(general, '2026-06-01'); // 179 days: within 180
    const archived = account('commercial');
    book.ok('accounts.archive', { id: archived.id });

    const stats = book.ok('stats.coverage', { today: '2026-11-27' });
    expect(
      stats.rows.map((row) => [
        row.account.id,
        row.lastVisitAt?.slice(0, 10) ?? null,
        row.daysSinceVisit,
        row.overdueDays,
      ]),
    ).toEqual([
      [never.id, null, null, null],
      [late.id, '2026-10-01', 57, 27],
    ]);
    expect(stats.overdue).toBe(2);
    expect(stats.byTier).toEqual([
      { tier: 'strategic', cadenceDays: 30, accounts: 3, overdue: 2, neverVisited: 1, coverage: 1 / 3 },
      { tier: 'partner', cadenceDays: 60, accounts: 1, overdue: 0, neverVisited: 0, coverage: 1 },
      { tier: 'commercial', cadenceDays: 90, accounts: 0, overdue: 0, neverVisited: 0, coverage: 1 },
      { tier: 'general', cadenceDays: 180, accounts: 1, overdue: 0, neverVisited: 0, coverage: 1 },
    ]);
  });

  it('counts days from the visit’s local date on the device, not its UTC date', () => {
    const early = account('strategic');
    // 07:00 on 29 October in Beijing: 23:00 UTC on the 28th.
    book.ok('visits.create', {
      accountId: early.id,
      kind: 'onsite',
      content: '早上拜访',
      occurredAt: '2026-10-29T07:00:00.000+08:00',
    });
    const request = {
      today: '2026-11-28',
      cadenceDays: { strategic: 30, partner: 60, commercial: 90, general: 180 },
      limit: 10,
    };
    const beijing = coverageOf(book.fieldbook.db, { ...request, utcOffsetMinutes: 480 });
    expect(beijing.overdue).toBe(0); // 30 days: 29 Oct → 28 Nov
    const utc = coverageOf(book.fieldbook.db, { ...request, utcOffsetMinutes: 0 });
    expect(utc.rows.map((row) => [row.daysSinceVisit, row.overdueDays])).toEqual([[31, 1]]);
    const newYork = coverageOf(book.fieldbook.db, { ...request, utcOffsetMinutes: -300 });
    expect(newYork.rows.map((row) => row.daysSinceVisit)).toEqual([31]);
  });

  it('follows the cadence in Settings', () => {
    const general = account('general');
    visit(general, '2026-09-01');
    expect(book.ok('stats.coverage', { today: '2026-11-27' }).overdue).toBe(0);
    const cadence = { strategic: 14, partner: 30, commercial: 60, general: 60 };
    expect(book.ok('settings.update', { visitCadenceDays: cadence }).visitCadenceDays).toEqual(cadence);
    expect(book.ok('settings.get', {}).visitCadenceDays).toEqual(cadence);
    const stats = book.ok('stats.coverage', { today: '2026-11-27', tiers: ['general'] });
    expect(stats.rows.map((row) => [row.account.id, row.overdueDays])).toEqual([[general.id, 27]]);
  });
});

describe('stats.rebuild', () => {
  it('recomputes a roll-up that went wrong from the raw bills', () => {
    const org = createOrganization(book);
    bill(org, '2026-10', 500);
    bill(org, '2025-01', 70);
    book.fieldbook.db.sqlite.exec(
      'UPDATE consumption_rollup SET m10 = 1; DELETE FROM consumption_rollup_total',
    );
    expect(book.ok('stats.account', { accountId: org.id, to: '2026-10' }).trend.latestFen).toBe(1);
    expect(book.ok('stats.rebuild', {})).toMatchObject({ rows: 2, totalRows: 2 });
    expect(book.ok('stats.account', { accountId: org.id, to: '2026-10' }).trend.latestFen).toBe(500);
    expect(book.ok('stats.pareto', { to: '2026-10' }).totalFen).toBe(500);
  });
});

describe('fieldbook stats', () => {
  it('prints the statistics and rebuilds the roll-up from the command line', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-stats-cli-'));
    const db = path.join(directory, 'cli.db');
    const lines: string[] = [];
    const print = (text: string) => lines.push(text);
    try {
      expect(
        await main(
          ['--db', db, '--json', 'call', 'accounts.create', '{"kind":"organization","name":"汕头港务"}'],
          print,
        ),
      ).toBe(0);
      const created = JSON.parse(lines.pop() ?? '{}') as Account;
      const input = JSON.stringify({
        accountId: created.id,
        period: '2026-10',
        category: 'cloud',
        amountFen: 12_300,
      });
      expect(await main(['--db', db, 'call', 'consumption.create', input], print)).toBe(0);
      lines.length = 0;
      expect(
        await main(
          ['--db', db, 'stats', 'account', created.customerNo, '--to', '2026-10', '--months', '3'],
          print,
        ),
      ).toBe(0);
      expect(lines.join('\n')).toContain('汕头港务: 2026-08 … 2026-10, total ¥123.00');
      expect(
        await main(
          ['--db', db, '--json', 'stats', 'pareto', '--to', '2026-10', '--category', 'cloud'],
          print,
        ),
      ).toBe(0);
      expect(JSON.parse(lines.pop() ?? '{}')).toMatchObject({
        ranked: 1,
        totalFen: 12_300,
        categories: ['cloud'],
      });
      expect(await main(['--db', db, 'stats', 'rebuild'], print)).toBe(0);
      expect(lines.pop()).toMatch(/^Roll-up rebuilt: 1 rows/);
      expect(await main(['--db', db, 'stats', 'pareto', '--months', 'many'], print)).toBe(1);
      expect(await main(['--db', db, 'stats', 'sideways'], print)).toBe(2);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
