import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { defaultLeadDays } from '../../shared/domain/reminders';
import { actorOf } from '../../db/handlers/settings';
import { openFieldbook, type Fieldbook } from '../../db/service';
import { defaultVisitCadenceDays } from '../../shared/domain/statistics';

let directory: string;
let fieldbook: Fieldbook;

beforeEach(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-settings-'));
  fieldbook = await openFieldbook(join(directory, 'settings.db'));
});

afterEach(() => {
  fieldbook.close();
  rmSync(directory, { recursive: true, force: true });
});

it('starts with defaults, remembers changes across restarts and audits them', async () => {
  const api = fieldbook.client({ actor: 'os-user' });
  expect(await api.settings.get()).toEqual({
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
    syncPassphraseSet: false,
    syncPassphraseStorage: 'memory',
    actor: 'os-user',
  });
  expect(actorOf(fieldbook.db, 'os-user')).toBe('os-user');
  await api.settings.update({ managerCode: 'm042', language: 'en' });
  await api.settings.update({ managerName: '陈经理', language: null });
  fieldbook.close();
  fieldbook = await openFieldbook(join(directory, 'settings.db'));
  const reopened = fieldbook.client({ actor: 'os-user' });
  expect(await reopened.settings.get()).toMatchObject({
    managerCode: 'm042',
    managerName: '陈经理',
    language: null,
  });
  expect(actorOf(fieldbook.db, 'os-user')).toBe('m042');
  const audit = await reopened.audit.list({ entity: 'settings' });
  expect(audit.map((entry) => entry.after)).toEqual([
    { managerName: '陈经理', language: null },
    { managerCode: 'm042', language: 'en' },
  ]);
});

it('refuses bad settings and keeps the old ones', async () => {
  const result = fieldbook.dispatch(
    'settings.update',
    { managerCode: 'm 1', language: 'fr' },
    { actor: 'x' },
  );
  expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  expect(fieldbook.dispatch('settings.update', { theme: 'dark' }, { actor: 'x' })).toMatchObject({
    ok: false,
  });
  expect(
    fieldbook.dispatch(
      'settings.update',
      { backups: { daily: true, keep: { daily: -1, weekly: 4, monthly: 12 } } },
      { actor: 'x' },
    ),
  ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  expect(await fieldbook.client({ actor: 'x' }).settings.get()).toEqual({
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
    syncPassphraseSet: false,
    syncPassphraseStorage: 'memory',
    actor: 'x',
  });
});
