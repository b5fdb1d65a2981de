import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './20261127_0001_initial';
import * as anniversaryDaysAndReminders from './20261128_0002_anniversary_days_and_reminders';
import * as consumptionRollupAndImports from './20261128_0003_consumption_rollup_and_imports';
import * as tierSource from './20261128_0004_tier_source';
import * as syncBundles from './20261128_0005_sync_bundles';
import * as importAfterValues from './20261128_0006_import_after_values';
import * as importCreatedChunks from './20261128_0007_import_created_chunks';
import * as syncClockHome from './20261128_0008_sync_clock_home';
import * as importRejects from './20261206_0012_import_rejects';

/** Every migration, in order. Static so bundlers and the packaged app need no file scanning. */
const migrations: Record<string, Migration> = {
  '20261127_0001_initial': initial,
  '20261128_0002_anniversary_days_and_reminders': anniversaryDaysAndReminders,
  '20261128_0003_consumption_rollup_and_imports': consumptionRollupAndImports,
  '20261128_0004_tier_source': tierSource,
  '20261128_0005_sync_bundles': syncBundles,
  '20261128_0006_import_after_values': importAfterValues,
  '20261128_0007_import_created_chunks': importCreatedChunks,
  '20261128_0008_sync_clock_home': syncClockHome,
  '20261206_0012_import_rejects': importRejects,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

export const latestMigration = Object.keys(migrations).at(-1) ?? '';
