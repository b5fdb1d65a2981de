import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './20261127_0001_initial';
import * as anniversaryDaysAndReminders from './20261128_0002_anniversary_days_and_reminders';
import * as consumptionRollupAndImports from './20261128_0003_consumption_rollup_and_imports';
import * as tierSource from './20261128_0004_tier_source';
import * as syncBundles from './20261128_0005_sync_bundles';
import * as importAfterValues from './20261128_0006_import_after_values';
import * as importCreatedChunks from './20261128_0007_import_created_chunks';
import * as syncClockHome from './20261128_0008_sync_clock_home';
import * as visitsLastContact from './20261206_0009_visits_last_contact';
import * as importRejects from './20261206_0012_import_rejects';
import * as followUpDone from './20261206_0013_follow_up_done';
import * as contracts from './20261206_0014_contracts';
import * as statisticsWindow from './20261206_0015_statistics_window';
import * as auditChain from './20261206_0016_audit_chain';
import * as auditIndexes from './20261206_0017_audit_indexes';
import * as erasure from './20261206_0018_erasure';
import * as statisticsKept from './20261206_0019_statistics_kept';
import * as users from './20261206_0021_users';
import * as userKeys from './20261206_0022_user_keys';
import * as unsettledImports from './20261206_0023_unsettled_imports';

/** A migration with the name it is recorded under in `kysely_migration`. */
export interface NamedMigration {
  readonly name: string;
  readonly migration: Migration;
}

/**
 * Every migration, in order. Static so bundlers and the packaged app need no file scanning.
 * Names sort in the order they run (date, then number): db/schemaUpgrade.ts relies on it.
 */
export const migrations: readonly NamedMigration[] = [
  { name: '20261127_0001_initial', migration: initial },
  { name: '20261128_0002_anniversary_days_and_reminders', migration: anniversaryDaysAndReminders },
  { name: '20261128_0003_consumption_rollup_and_imports', migration: consumptionRollupAndImports },
  { name: '20261128_0004_tier_source', migration: tierSource },
  { name: '20261128_0005_sync_bundles', migration: syncBundles },
  { name: '20261128_0006_import_after_values', migration: importAfterValues },
  { name: '20261128_0007_import_created_chunks', migration: importCreatedChunks },
  { name: '20261128_0008_sync_clock_home', migration: syncClockHome },
  { name: '20261206_0009_visits_last_contact', migration: visitsLastContact },
  { name: '20261206_0012_import_rejects', migration: importRejects },
  { name: '20261206_0013_follow_up_done', migration: followUpDone },
  { name: '20261206_0014_contracts', migration: contracts },
  { name: '20261206_0015_statistics_window', migration: statisticsWindow },
  { name: '20261206_0016_audit_chain', migration: auditChain },
  { name: '20261206_0017_audit_indexes', migration: auditIndexes },
  { name: '20261206_0018_erasure', migration: erasure },
  { name: '20261206_0019_statistics_kept', migration: statisticsKept },
  { name: '20261206_0021_users', migration: users },
  { name: '20261206_0022_user_keys', migration: userKeys },
  { name: '20261206_0023_unsettled_imports', migration: unsettledImports },
];

/** The same list for kysely's own Migrator (tools that expect one); the app runs db/schemaUpgrade.ts. */
export const migrationProvider: MigrationProvider = {
  getMigrations: () =>
    Promise.resolve(Object.fromEntries(migrations.map(({ name, migration }) => [name, migration]))),
};

export const latestMigration = migrations.at(-1)?.name ?? '';
