import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './20261127_0001_initial';
import * as anniversaryDaysAndReminders from './20261128_0002_anniversary_days_and_reminders';

/** Every migration, in order. Static so bundlers and the packaged app need no file scanning. */
const migrations: Record<string, Migration> = {
  '20261127_0001_initial': initial,
  '20261128_0002_anniversary_days_and_reminders': anniversaryDaysAndReminders,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

export const latestMigration = Object.keys(migrations).at(-1) ?? '';
