import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './20261127_0001_initial';

/** Every migration, in order. Static so bundlers and the packaged app need no file scanning. */
const migrations: Record<string, Migration> = {
  '20261127_0001_initial': initial,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

export const latestMigration = Object.keys(migrations).at(-1) ?? '';
