import type { ApiHandlers } from '../../shared/api';
import { defaultMaxClockDriftHours } from '../../shared/domain/hlc';
import { defaultLeadDays } from '../../shared/domain/reminders';
import { defaultVisitCadenceDays } from '../../shared/domain/statistics';
import {
  autoLockMinutesSchema,
  backupSettingsSchema,
  leadDaysByTierSchema,
  purgeRulesSchema,
  visitCadenceByTierSchema,
} from '../../shared/schemas';
import { defaultRetention } from '../backups/retention';
import type { Settings } from '../../shared/types';
import type { Db } from '../connection';
import { clockDriftHoursOf } from '../sync/clockBounds';
import type { PassphraseKeeper } from '../syncSecret';
import { appendAudit } from '../write';

/**
 * This device's preferences, one JSON value per key in the local `settings` table. The team
 * passphrase is not one of them: `sync.setPassphrase` keeps it (db/syncSecret.ts).
 */
type Preferences = Omit<Settings, 'actor' | 'syncPassphraseSet' | 'syncPassphraseStorage'>;

const defaults: Preferences = {
  managerCode: '',
  managerName: '',
  language: null,
  leadDays: defaultLeadDays,
  launchAtLogin: false,
  visitCadenceDays: defaultVisitCadenceDays,
  maxClockDriftHours: defaultMaxClockDriftHours,
  backups: { daily: true, keep: defaultRetention },
  purge: {
    archived: { enabled: true, months: 12 },
    dormant: { enabled: true, months: 24, tier: 'general' },
  },
  autoLockMinutes: 10,
};

export function readSettings(db: Db): Preferences {
  const rows = db.all(db.query.selectFrom('settings').selectAll());
  const stored = Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
  return {
    managerCode: typeof stored['managerCode'] === 'string' ? stored['managerCode'] : defaults.managerCode,
    managerName: typeof stored['managerName'] === 'string' ? stored['managerName'] : defaults.managerName,
    language: stored['language'] === 'zh-CN' || stored['language'] === 'en' ? stored['language'] : null,
    leadDays: leadDaysByTierSchema.safeParse(stored['leadDays']).data ?? defaults.leadDays,
    launchAtLogin: stored['launchAtLogin'] === true,
    visitCadenceDays:
      visitCadenceByTierSchema.safeParse(stored['visitCadenceDays']).data ?? defaults.visitCadenceDays,
    maxClockDriftHours: clockDriftHoursOf(stored['maxClockDriftHours']),
    backups: backupSettingsSchema.safeParse(stored['backups']).data ?? defaults.backups,
    purge: purgeRulesSchema.safeParse(stored['purge']).data ?? defaults.purge,
    autoLockMinutes:
      autoLockMinutesSchema.safeParse(stored['autoLockMinutes']).data ?? defaults.autoLockMinutes,
  };
}

/** Who is writing: the manager code set on this device, else the given fallback (OS user). */
export function actorOf(db: Db, fallback: string): string {
  return readSettings(db).managerCode || fallback;
}

export function settingsHandlers(
  db: Db,
  passphrase: PassphraseKeeper,
): Pick<ApiHandlers, 'settings.get' | 'settings.update'> {
  const withPassphrase = (preferences: Preferences, actor: string): Settings => {
    const { set, storage } = passphrase.status();
    return { ...preferences, syncPassphraseSet: set, syncPassphraseStorage: storage, actor };
  };
  return {
    'settings.get': (_input, { actor }) => withPassphrase(readSettings(db), actor),
    'settings.update': (input, { actor }) =>
      db.transaction(() => {
        const before = readSettings(db);
        const changes = Object.entries(input).filter(
          ([key, value]) =>
            value !== undefined && JSON.stringify(value) !== JSON.stringify(before[key as keyof Preferences]),
        );
        for (const [key, value] of changes) {
          db.run(
            db.query
              .insertInto('settings')
              .values({ key, value: JSON.stringify(value) })
              .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: JSON.stringify(value) })),
          );
        }
        if (changes.length > 0) {
          const keys = changes.map(([key]) => key as keyof Preferences);
          appendAudit(db, {
            actor,
            action: 'update',
            entity: 'settings',
            entityId: null,
            before: Object.fromEntries(keys.map((key) => [key, before[key]])),
            after: Object.fromEntries(changes),
          });
        }
        const after = readSettings(db);
        // Clearing the manager code falls back to a name this handler does not know: the
        // renderer reads settings.get again after an update.
        return withPassphrase(after, after.managerCode || actor);
      }),
  };
}
