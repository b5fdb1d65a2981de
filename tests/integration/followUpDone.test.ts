import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localToday } from '../../db/queries/records';
import { addDays } from '../../shared/domain/lunarCalendar';
import type { CsvExport } from '../../shared/types';
import { createOrganization, openBook, type Book } from './operations/helpers';
import { content, exportFrom, importInto } from './syncHelpers';

/**
 * A follow-up's done state is synced data like any field: it travels in sync files, converges,
 * and head office sees it in the CSV export of visits.
 */
let laptop: Book;
let office: Book;

beforeEach(async () => {
  laptop = await openBook();
  office = await openBook();
});
afterEach(() => {
  laptop.close();
  office.close();
});

function visitWithFollowUp(book: Book) {
  const account = createOrganization(book, { owner: 'm001' });
  const today = localToday();
  const visit = book.ok('visits.create', {
    accountId: account.id,
    kind: 'complaint',
    occurredAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    content: '专线中断',
    followUp: '申请减免',
    followUpDue: addDays(today, -1),
  });
  return { account, visit };
}

describe('a follow-up done', () => {
  it('reaches the other book done, snoozed or opened again, and both books converge', () => {
    const { visit } = visitWithFollowUp(laptop);
    importInto(office, exportFrom(laptop));
    expect(office.ok('agenda.list', { today: localToday() }).due).toBe(1);

    const { visit: done } = laptop.ok('followUps.complete', { visitId: visit.id });
    importInto(office, exportFrom(laptop));
    const [arrived] = office.ok('visits.list', { accountId: visit.accountId });
    expect(arrived?.followUpDoneAt).toBe(done.followUpDoneAt);
    expect(office.ok('agenda.list', { today: localToday() }).due).toBe(0);

    // Opened again at head office, snoozed on the laptop: each field keeps its latest edit.
    office.ok('followUps.reopen', { visitId: visit.id });
    laptop.ok('followUps.snooze', { visitId: visit.id });
    importInto(laptop, exportFrom(office));
    importInto(office, exportFrom(laptop));
    expect(content(office)).toEqual(content(laptop));
    const [merged] = laptop.ok('visits.list', { accountId: visit.accountId });
    expect(merged).toMatchObject({ followUpDoneAt: null, followUpDue: addDays(localToday(), 1) });
  });

  it('is a column of the visits CSV: the local time it was done, empty while open', () => {
    const { visit } = visitWithFollowUp(laptop);
    laptop.ok('visits.create', { accountId: visit.accountId, kind: 'phone', content: '回访' });
    const { visit: done } = laptop.ok('followUps.complete', { visitId: visit.id });
    const read = (language: 'en' | 'zh-CN') => {
      const file: CsvExport = laptop.ok('exports.csv', { tables: ['visits'], language });
      const text = Buffer.from(file.contentBase64, 'base64')
        .toString('utf8')
        .replace(/^\uFEFF/, '');
      return parse(text, { relax_quotes: true }) as string[][];
    };
    const [header = [], ...rows] = read('en');
    const column = header.indexOf('Follow-up done');
    expect(column).toBeGreaterThan(header.indexOf('Follow-up due'));
    const doneAt = new Date(done.followUpDoneAt ?? '');
    const pad = (value: number) => String(value).padStart(2, '0');
    const local = `${doneAt.getFullYear()}-${pad(doneAt.getMonth() + 1)}-${pad(doneAt.getDate())} ${pad(doneAt.getHours())}:${pad(doneAt.getMinutes())}`;
    expect(rows.map((row) => row[column]).sort()).toEqual(['', local]);
    expect(read('zh-CN')[0]).toContain('跟进完成时间');
  });
});
