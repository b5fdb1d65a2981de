import type { ImportKind, ImportMatchKey } from '../../shared/domain/importFields';
import type {
  ImportCounts,
  ImportEncoding,
  ImportRecord,
  ImportRevertCounts,
  ImportSettings,
} from '../../shared/types';
import type { Db } from '../connection';
import type { ImportsTable, SyncedTable } from '../schema';
import { entities, entitiesInExportOrder } from '../entities';

/** SQL of CSV imports: account keys to match rows with, existing bills, and the import records. */

/** Live accounts by match key; `null` marks a key two accounts share (a row cannot tell which). */
export function accountIdsByKey(db: Db, matchKey: ImportMatchKey): Map<string, string | null> {
  const sql = {
    customerNo: 'SELECT customer_no AS key, id FROM accounts WHERE deleted = 0',
    creditCode: 'SELECT credit_code AS key, id FROM accounts WHERE deleted = 0 AND credit_code IS NOT NULL',
    phone: `SELECT p.number AS key, p.account_id AS id FROM account_phones p
            JOIN accounts a ON a.id = p.account_id WHERE p.deleted = 0 AND a.deleted = 0`,
  }[matchKey];
  const ids = new Map<string, string | null>();
  for (const { key, id } of db.statement(sql).iterate() as IterableIterator<{ key: string; id: string }>) {
    const known = ids.get(key);
    ids.set(key, known === undefined || known === id ? id : null);
  }
  return ids;
}

export interface ExistingBill {
  readonly id: string;
  readonly amount_fen: number;
  readonly quantity: number | null;
  readonly note: string;
}

/**
 * The live bills of the given account months (`accountId|period`), by `accountId|period|category`:
 * one statement walking the (account, period) index for all of them, not one query per row.
 */
export function existingBills(db: Db, accountMonths: ReadonlySet<string>): Map<string, ExistingBill[]> {
  const bills = new Map<string, ExistingBill[]>();
  if (accountMonths.size === 0) return bills;
  const rows = db
    .statement(
      `SELECT c.account_id, c.period, c.category, c.id, c.amount_fen, c.quantity, c.note
       FROM json_each(?) AS m CROSS JOIN consumption AS c
       WHERE c.account_id = substr(m.value, 1, instr(m.value, '|') - 1)
         AND c.period = substr(m.value, instr(m.value, '|') + 1) AND c.deleted = 0`,
    )
    .all(JSON.stringify([...accountMonths])) as (ExistingBill & {
    account_id: string;
    period: string;
    category: string;
  })[];
  for (const { account_id, period, category, ...bill } of rows) {
    const key = `${account_id}|${period}|${category}`;
    const list = bills.get(key);
    if (list) list.push(bill);
    else bills.set(key, [bill]);
  }
  return bills;
}

/** Live phone numbers of one account. */
export function phoneNumbersOf(db: Db, accountId: string): string[] {
  return (
    db.statement('SELECT number FROM account_phones WHERE account_id = ? AND deleted = 0').all(accountId) as {
      number: string;
    }[]
  ).map((row) => row.number);
}

export function insertImport(
  db: Db,
  record: {
    id: string;
    kind: ImportKind;
    fileName: string;
    encoding: ImportEncoding;
    settings: ImportSettings;
    counts: ImportCounts;
    actor: string;
    at: string;
  },
): void {
  db.statement(
    `INSERT INTO imports (id, kind, file_name, encoding, options, counts, actor, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    record.id,
    record.kind,
    record.fileName,
    record.encoding,
    JSON.stringify(record.settings),
    JSON.stringify(record.counts),
    record.actor,
    record.at,
  );
}

export interface ImportChange {
  readonly tbl: string;
  readonly rowId: string;
  readonly before: unknown;
  readonly seq: number;
  readonly hlc: string | null;
  /** The changed columns' values as the import wrote them. */
  readonly after: unknown;
}

/** What an import did, recorded as it goes so it can be reverted. */
export interface ImportRecorder {
  /** A row the import inserted, as stored (its synced columns are what a revert compares with). */
  created(table: SyncedTable, row: object): void;
  changed(change: ImportChange): void;
  /** Writes what is still buffered; called once, after the last row. */
  finish(): void;
}

const createdChunkRows = 5000;

/**
 * Records an import's changes, numbered in order: each update one `import_changes` row (one
 * prepared insert each; reading fields back out of a JSON array in SQL cost more), runs of
 * creates in the same table as `import_created` chunks of up to 5,000 rows.
 */
export function importRecorder(db: Db, importId: string, firstOrdinal = 1): ImportRecorder {
  const insertChange = db.statement(
    `INSERT INTO import_changes (import_id, ordinal, tbl, row_id, action, before, seq, hlc, after)
     VALUES (?, ?, ?, ?, 'update', ?, ?, ?, ?)`,
  );
  const insertCreated = db.statement(
    'INSERT INTO import_created (import_id, ordinal, tbl, columns, rows) VALUES (?, ?, ?, ?, ?)',
  );
  let ordinal = firstOrdinal - 1;
  let chunk: { table: SyncedTable; ordinal: number; rows: unknown[][] } | null = null;
  const flush = () => {
    if (!chunk) return;
    const columns = ['id', 'seq', ...entities[chunk.table].synced];
    insertCreated.run(
      importId,
      chunk.ordinal,
      chunk.table,
      JSON.stringify(columns),
      JSON.stringify(chunk.rows),
    );
    chunk = null;
  };
  return {
    created(table, inserted) {
      const row = inserted as Readonly<Record<string, unknown>>;
      ordinal += 1;
      if (chunk && (chunk.table !== table || chunk.rows.length >= createdChunkRows)) flush();
      chunk ??= { table, ordinal, rows: [] };
      const values: unknown[] = [row['id'], row['seq']];
      for (const column of entities[table].synced) values.push(storedValue(row[column]));
      chunk.rows.push(values);
    },
    changed(change) {
      flush();
      ordinal += 1;
      insertChange.run(
        importId,
        ordinal,
        change.tbl,
        change.rowId,
        change.before === null ? null : JSON.stringify(change.before),
        change.seq,
        change.hlc,
        JSON.stringify(change.after),
      );
    },
    finish: flush,
  };
}

/** A value as SQLite stores it (booleans are integers). */
function storedValue(value: unknown): unknown {
  return typeof value === 'boolean' ? Number(value) : (value ?? null);
}

export interface ImportChangeRow {
  readonly tbl: string;
  readonly row_id: string;
  readonly action: 'create' | 'update';
  /** The changed columns before the import (updates). */
  readonly before: Readonly<Record<string, unknown>> | null;
  readonly seq: number;
  readonly hlc: string | null;
  /** The values the import wrote; null for changes recorded before migration 0006. */
  readonly after: Readonly<Record<string, unknown>> | null;
}

/**
 * An import's changes, last first (a revert undoes them in reverse), chunks of created rows
 * spread out into one change each. Read whole: the revert writes as it goes.
 */
export function importChangesOf(db: Db, importId: string): ImportChangeRow[] {
  const changes: (ImportChangeRow & { ordinal: number })[] = [];
  const recorded = db
    .statement(
      'SELECT ordinal, tbl, row_id, action, before, seq, hlc, after FROM import_changes WHERE import_id = ?',
    )
    .all(importId) as (Omit<ImportChangeRow, 'before' | 'after'> & {
    ordinal: number;
    before: string | null;
    after: string | null;
  })[];
  for (const row of recorded) {
    changes.push({
      ...row,
      before: row.before === null ? null : (JSON.parse(row.before) as Record<string, unknown>),
      after: row.after === null ? null : (JSON.parse(row.after) as Record<string, unknown>),
    });
  }
  const chunks = db
    .statement('SELECT ordinal, tbl, columns, rows FROM import_created WHERE import_id = ?')
    .all(importId) as { ordinal: number; tbl: string; columns: string; rows: string }[];
  for (const chunk of chunks) {
    const [, , ...synced] = JSON.parse(chunk.columns) as string[];
    (JSON.parse(chunk.rows) as unknown[][]).forEach(([id, seq, ...values], index) => {
      changes.push({
        ordinal: chunk.ordinal + index,
        tbl: chunk.tbl,
        row_id: String(id),
        action: 'create',
        before: null,
        seq: Number(seq),
        hlc: null,
        after: Object.fromEntries(synced.map((column, at) => [column, values[at] ?? null])),
      });
    });
  }
  return changes.sort((a, b) => b.ordinal - a.ordinal);
}

/** The field clock of one field, absent when the field was never edited since its insert. */
export function fieldClockOf(db: Db, table: string, rowId: string, column: string): string | null {
  const row = db
    .statement('SELECT hlc FROM field_clock WHERE tbl = ? AND row_id = ? AND col = ?')
    .get(table, rowId, column) as { hlc: string } | undefined;
  return row?.hlc ?? null;
}

/**
 * One statement per book: is there a live record of another entity hanging off the account
 * (by any of the entity's account columns: a phone, a relationship from or to it, a visit…)
 * written after the change counter `@since`? Built from the registry, so a new entity counts.
 */
const workSinceSql = entitiesInExportOrder
  .filter((entity) => entity.table !== 'accounts')
  .flatMap((entity) =>
    entity.accounts.map(
      (column) => `SELECT 1 FROM ${entity.table} WHERE ${column} = @account AND deleted = 0 AND seq > @since`,
    ),
  )
  .join('\n UNION ALL ');

/**
 * Whether a live row hangs off the account that was written after the change counter
 * `sinceSeq`: work done on the account since, which deleting it would hide.
 */
export function accountHasWorkSince(db: Db, accountId: string, sinceSeq: number): boolean {
  const row = db.statement(`${workSinceSql} LIMIT 1`).get({ account: accountId, since: sinceSeq });
  return row !== undefined;
}

export function markReverted(
  db: Db,
  id: string,
  actor: string,
  at: string,
  counts: ImportRevertCounts,
): void {
  db.statement('UPDATE imports SET reverted_at = ?, reverted_by = ?, revert_counts = ? WHERE id = ?').run(
    at,
    actor,
    JSON.stringify(counts),
    id,
  );
}

function toImportRecord(row: ImportsTable): ImportRecord {
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.file_name,
    encoding: row.encoding as ImportEncoding,
    at: row.imported_at,
    actor: row.actor,
    settings: JSON.parse(row.options) as ImportSettings,
    counts: JSON.parse(row.counts) as ImportCounts,
    revertedAt: row.reverted_at,
    revertedBy: row.reverted_by,
    revertCounts: row.revert_counts === null ? null : (JSON.parse(row.revert_counts) as ImportRevertCounts),
  };
}

export function findImport(db: Db, id: string): ImportRecord | null {
  const row = db.first(db.query.selectFrom('imports').selectAll().where('id', '=', id));
  return row ? toImportRecord(row) : null;
}

/** The latest imports, newest first. */
export function listImports(db: Db, limit: number): ImportRecord[] {
  return db
    .all(
      db.query
        .selectFrom('imports')
        .selectAll()
        .orderBy('imported_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit),
    )
    .map(toImportRecord);
}

/** The settings last applied to files with this header set. */
export function rememberedSettings(db: Db, headerKey: string): ImportSettings | null {
  const row = db.first(
    db.query.selectFrom('import_mappings').select('settings').where('header_key', '=', headerKey),
  );
  return row ? (JSON.parse(row.settings) as ImportSettings) : null;
}

export function rememberSettings(db: Db, headerKey: string, settings: ImportSettings, at: string): void {
  db.statement(
    `INSERT INTO import_mappings (header_key, kind, settings, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (header_key) DO UPDATE SET kind = excluded.kind, settings = excluded.settings,
       updated_at = excluded.updated_at`,
  ).run(headerKey, settings.kind, JSON.stringify(settings), at);
}
