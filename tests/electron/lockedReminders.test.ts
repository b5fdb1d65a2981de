import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { dueCounts } from '../../db/lockedReminders';
import { openFieldbook } from '../../db/service';
import { addDays } from '../../shared/domain/lunarCalendar';
import { scheduleLockedReminders } from '../../electron/lockedReminders';
import { noticeText, type ReminderNotice } from '../../electron/reminderTexts';
import { systemTimers } from '../../electron/reminderEngine';

/**
 * Reminders of a locked book: counted while it is open (the manager's own only), then one
 * notification a day that says how many, never whose.
 */
afterEach(() => vi.useRealTimers());

it('counts the reminders each coming day brings, of the manager’s own accounts only', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'fieldbook-locked-'));
  const book = await openFieldbook(join(directory, 'book.db'));
  try {
    const today = '2026-12-06';
    const api = (actor: string) => book.client({ actor });
    const mine = await api('m001').accounts.create({ kind: 'person', name: '张三' });
    const theirs = await api('m002').accounts.create({ kind: 'person', name: '李四' });
    for (const [actor, accountId] of [
      ['m001', mine.id],
      ['m002', theirs.id],
    ] as const)
      await api(actor).visits.create({
        accountId,
        kind: 'phone',
        content: '约下周面谈',
        occurredAt: '2026-12-05T09:00:00+08:00',
        followUp: '发送报价',
        followUpDue: addDays(today, 2),
      });
    expect(dueCounts(book.db, 'm001', today, 7)).toEqual([{ day: addDays(today, 2), count: 1 }]);
    expect(JSON.stringify(dueCounts(book.db, 'm001', today, 7))).not.toContain('张三');
  } finally {
    book.close();
    rmSync(directory, { recursive: true, force: true });
  }
});

it('notifies at the start of each counted day, with the count alone, until cancelled', () => {
  vi.useFakeTimers({ now: new Date(2026, 11, 6, 21, 0) });
  const notices: ReminderNotice[] = [];
  const cancel = scheduleLockedReminders({
    counts: [
      { day: '2026-12-07', count: 3 },
      { day: '2026-12-09', count: 1 },
    ],
    now: () => new Date(),
    timers: systemTimers,
    notify: (notice) => notices.push(notice),
  });
  vi.advanceTimersByTime(3 * 60 * 60 * 1000 + 2000);
  expect(notices).toEqual([{ kind: 'locked', count: 3 }]);
  expect(noticeText(notices[0] ?? { kind: 'locked', count: 0 }, 'zh-CN').body).toBe(
    '今天有 3 项提醒，登录后查看',
  );
  cancel();
  vi.advanceTimersByTime(3 * 24 * 60 * 60 * 1000);
  expect(notices).toHaveLength(1);
});
