import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { openDatabase } from '../../db/openBook';
import { seedDatabase } from '../../db/seed';

/*
 * The whole seeded book, pinned: a digest of every table's rows (derived tables included:
 * search keys, roll-ups, statistics, sync clock) and of the schema, taken from the seed as it
 * was before its speed work. A faster seed must write exactly the same book — same rows, same
 * row ids and sequence numbers, same index contents (integrity_check compares each index with
 * its table) — so any change of content shows here as a changed table digest.
 */

const accounts = 400;
const seed = 7;

/** What differs between two runs of the same seed: the device's clock and wall-clock times. */
const runSpecific = new Set(['hlc', 'updated_at', 'at', 'body_hash', 'hash', 'node', 'timestamp']);

/** Digests taken from the row-at-a-time seed (before the speed work), per table. */
const expected: Record<string, string> = {
  '(schema)': 'b3e44b529053e9f6',
  account_phones: '998:e644da385993f249',
  account_stats: '400:d14a826039c5f0c4',
  accounts: '400:c1d5c479b3f8f2a7',
  anniversaries: '635:f4fc24dfafe68aa1',
  anniversary_key_counts: '596:85e74dcfd2b38118',
  audit_log: '5:472b992f8c914606',
  consumption: '20226:4751bf77e4d80c46',
  consumption_month_total: '24:6b18e2b5a4e6948b',
  consumption_rollup: '2539:e53bb6d959335ba5',
  consumption_rollup_total: '1199:86bdc598825dde35',
  consumption_window: '847:c46a7568bead9bc9',
  consumption_window_end: '1:d4ccc2b663f661d9',
  consumption_window_total: '400:847bd0d4fb465b09',
  contracts: '0:e3b0c44298fc1c14',
  erased_accounts: '0:e3b0c44298fc1c14',
  field_clock: '0:e3b0c44298fc1c14',
  follow_up_log: '0:e3b0c44298fc1c14',
  import_changes: '0:e3b0c44298fc1c14',
  import_created: '0:e3b0c44298fc1c14',
  import_mappings: '0:e3b0c44298fc1c14',
  import_rejects: '0:e3b0c44298fc1c14',
  imports: '0:e3b0c44298fc1c14',
  kysely_migration: '20:0aebc65e7f9bfd9e',
  kysely_migration_lock: '1:a5d19f21c3a7eac9',
  relationships: '342:47891285e1e0b27d',
  reminder_log: '0:e3b0c44298fc1c14',
  renewal_log: '0:e3b0c44298fc1c14',
  search_keys: '6565:48ce3004fdb99f57',
  settings: '0:e3b0c44298fc1c14',
  sync_bundles: '0:e3b0c44298fc1c14',
  sync_clock: '1:69fe037cd405a36d',
  sync_conflicts: '0:e3b0c44298fc1c14',
  sync_ops: '0:e3b0c44298fc1c14',
  unsettled_imports: '0:e3b0c44298fc1c14',
  users: '0:e3b0c44298fc1c14',
  visits: '4053:3d8cbefcf38930c0',
};

let directory: string;
let db: Db;

function tableDigests(database: Db): Record<string, string> {
  const tables = database.sqlite
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const digests: Record<string, string> = {};
  for (const table of tables) {
    const columns = (
      database.sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]
    )
      .filter((name) => !runSpecific.has(name))
      .map((name) => `"${name}"`);
    const hash = createHash('sha256');
    const rows = database.sqlite
      .prepare(`SELECT ${columns.join(', ')} FROM "${table}" ORDER BY ${columns.join(', ')}`)
      .raw()
      .iterate() as Iterable<unknown[]>;
    let count = 0;
    for (const row of rows) {
      hash.update(JSON.stringify(row));
      count++;
    }
    digests[table] = `${count}:${hash.digest('hex').slice(0, 16)}`;
  }
  const schema = database.sqlite
    .prepare(
      "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .raw()
    .all();
  digests['(schema)'] = createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 16);
  return digests;
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-seed-digest-'));
  db = await openDatabase(join(directory, 'book.db'));
  seedDatabase(db, { accounts, seed });
});

afterAll(() => {
  db.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('a seeded book', () => {
  it('is, table by table, the book the row-at-a-time seed wrote', () => {
    expect(tableDigests(db)).toEqual(expected);
  });

  it('passes integrity_check, so every index holds exactly its table', () => {
    expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
