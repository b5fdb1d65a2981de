import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

/**
 * Where the bytes of a database go: the user's data (tables and their indexes), the sync
 * metadata (op log, field clocks, the `hlc` and `seq` of every row and the `seq` indexes),
 * the local search index derived from names, and the audit log.
 */
export interface SizeFigures {
  readonly fileBytes: number;
  readonly dataBytes: number;
  readonly syncMetadataBytes: number;
  readonly derivedBytes: number;
  readonly auditBytes: number;
  /** sync metadata / data: the floor is ≤ 1. */
  readonly metadataToData: number;
  readonly objects: readonly { readonly name: string; readonly bytes: number }[];
}

const syncedTables = [
  'accounts',
  'account_phones',
  'relationships',
  'visits',
  'anniversaries',
  'consumption',
];
const syncObjects = new Set([
  'sync_ops',
  'field_clock',
  'sync_clock',
  ...syncedTables.map((t) => `${t}_seq`),
]);
const derivedObjects = new Set(['search_keys', 'search_keys_account', 'account_phones_number_rev']);
const auditObjects = new Set(['audit_log', 'audit_log_entity']);

/** Bytes SQLite uses for an integer up to `max` in a record, plus its serial-type byte. */
function integerBytes(max: number): number {
  const size = max < 128 ? 1 : max < 32768 ? 2 : max < 8388608 ? 3 : max < 2147483648 ? 4 : 6;
  return size + 1;
}

export function measureSize(sqlite: BetterSqlite3.Database): SizeFigures {
  if (!sqlite.readonly) sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const objects = sqlite
    .prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC')
    .all() as { name: string; bytes: number }[];
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  const pageCount = sqlite.pragma('page_count', { simple: true }) as number;
  let syncMetadataBytes = 0;
  let derivedBytes = 0;
  let auditBytes = 0;
  for (const object of objects) {
    if (syncObjects.has(object.name)) syncMetadataBytes += object.bytes;
    if (derivedObjects.has(object.name)) derivedBytes += object.bytes;
    if (auditObjects.has(object.name)) auditBytes += object.bytes;
  }
  // The hlc and seq columns inside the rows of synced tables.
  for (const table of syncedTables) {
    const row = sqlite
      .prepare(
        `SELECT count(*) AS n, coalesce(sum(length(hlc)), 0) AS hlc, coalesce(max(seq), 0) AS seq FROM ${table}`,
      )
      .get() as { n: number; hlc: number; seq: number };
    syncMetadataBytes += row.hlc + row.n * (1 + integerBytes(row.seq));
  }
  // Derived columns: pinyin and duplicate keys of names, reversed phone numbers.
  const derivedColumns = sqlite
    .prepare(
      `SELECT (SELECT coalesce(sum(length(name_pinyin) + length(name_key)), 0) FROM accounts)
            + (SELECT coalesce(sum(length(number_rev)), 0) FROM account_phones) AS bytes`,
    )
    .get() as { bytes: number };
  derivedBytes += derivedColumns.bytes;
  const fileBytes = pageSize * pageCount;
  const dataBytes = fileBytes - syncMetadataBytes - derivedBytes - auditBytes;
  return {
    fileBytes,
    dataBytes,
    syncMetadataBytes,
    derivedBytes,
    auditBytes,
    metadataToData: syncMetadataBytes / dataBytes,
    objects,
  };
}
