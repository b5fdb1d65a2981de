import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultLeadDays } from '../../../shared/domain/reminders';
import { openBook, type Book } from './helpers';
import { defaultVisitCadenceDays } from '../../../shared/domain/statistics';

let book: Book;
beforeEach(async () => {
  book = await openBook();
});
afterEach(() => book.close());

describe('settings.get and settings.update', () => {
  it('starts from the defaults, with or without an input object', () => {
    const defaults = {
      managerCode: '',
      managerName: '',
      language: null,
      leadDays: defaultLeadDays,
      launchAtLogin: false,
      visitCadenceDays: defaultVisitCadenceDays,
      maxClockDriftHours: 24,
      backups: { daily: true, keep: { daily: 7, weekly: 4, monthly: 12 } },
      purge: {
        archived: { enabled: true, months: 12 },
        dormant: { enabled: true, months: 24, tier: 'general' },
      },
      autoLockMinutes: 10,
      actor: 'm001',
      // No protector in tests: a passphrase would be held in memory only.
      syncPassphraseSet: false,
      syncPassphraseStorage: 'memory',
    };
    expect(book.ok('settings.get', undefined)).toEqual(defaults);
    expect(book.ok('settings.get', {})).toEqual(defaults);
  });

  it('stores the given fields, leaves the others, and audits the change', () => {
    const updated = book.ok('settings.update', {
      managerCode: 'm007',
      managerName: ' 陈经理 ',
      language: 'en',
    });
    expect(updated).toMatchObject({ managerCode: 'm007', managerName: '陈经理', language: 'en' });
    expect(book.ok('settings.update', { language: null })).toEqual({ ...updated, language: null });
    expect(book.ok('settings.get', {})).toEqual({ ...updated, language: null, actor: 'm001' });
    const [latest] = book.ok('audit.list', { entity: 'settings' });
    expect(latest).toMatchObject({ action: 'update', before: { language: 'en' }, after: { language: null } });
  });

  it('writes nothing when nothing changes', () => {
    book.ok('settings.update', { managerCode: 'm007' });
    const before = book.fingerprint();
    book.ok('settings.update', { managerCode: 'm007' });
    expect(book.fingerprint()).toEqual(before);
  });

  it('rejects a malformed manager code by its message key, writing nothing', () => {
    const error = book.invalid('settings.update', { managerCode: '陈 经理' }, ['managerCode']);
    expect(error.issues?.[0]?.code).toBe('invalid_manager_code');
  });
});
