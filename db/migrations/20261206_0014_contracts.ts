import { sql, type Kysely } from 'kysely';

/*
 * Frozen once landed: never edit after; add a new migration instead.
 *
 * Contracts (合同): an account's service contracts, synced like every record.
 * - contracts: number (the contract's own code, as printed on it), service (a consumption
 *   category), start and end day, monthly value in fen, auto-renewal flag, notes.
 * - contracts_account: an account's contracts (the 360° view, scopes, erasure).
 * - contracts_seq: by change counter (sync export).
 * - contracts_number: lookup by contract number, exact or by its start.
 * - contracts_end: by end day, so "ending in the next 90 days" is a range (renewal reminders,
 *   the statistics card), not a scan of every contract.
 * - imports: its kind may now be `contracts` (a contracts CSV import). SQLite cannot change a
 *   CHECK in place, so the table is rebuilt with the same columns and index.
 * - renewal_log (local, never synced): which renewal reminders this device has notified, per
 *   contract, end day and lead time, so a desktop reminder is shown once per lead time, and
 *   again when the contract is extended to a new end day.
 */
const statements = [
  `CREATE TABLE contracts (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    number TEXT NOT NULL,
    service TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    monthly_fen INTEGER NOT NULL DEFAULT 0,
    auto_renew INTEGER NOT NULL DEFAULT 0 CHECK (auto_renew IN (0, 1)),
    notes TEXT NOT NULL DEFAULT '',
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    hlc TEXT NOT NULL,
    seq INTEGER NOT NULL
  )`,
  'CREATE INDEX contracts_account ON contracts (account_id, end_date)',
  'CREATE INDEX contracts_seq ON contracts (seq)',
  'CREATE INDEX contracts_number ON contracts (number)',
  'CREATE INDEX contracts_end ON contracts (end_date, deleted)',
  `CREATE TABLE imports_widened (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('consumption', 'accounts', 'contracts')),
    file_name TEXT NOT NULL,
    encoding TEXT NOT NULL,
    options TEXT NOT NULL,
    counts TEXT NOT NULL,
    actor TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    reverted_at TEXT,
    reverted_by TEXT,
    revert_counts TEXT
  )`,
  'INSERT INTO imports_widened SELECT * FROM imports',
  'DROP TABLE imports',
  'ALTER TABLE imports_widened RENAME TO imports',
  'CREATE INDEX imports_at ON imports (imported_at)',
  `CREATE TABLE renewal_log (
    contract_id TEXT NOT NULL,
    end_date TEXT NOT NULL,
    lead_days INTEGER NOT NULL,
    notified_at TEXT NOT NULL,
    PRIMARY KEY (contract_id, end_date, lead_days)
  ) WITHOUT ROWID`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('DROP TABLE renewal_log').execute(db);
  await sql.raw('DROP TABLE contracts').execute(db);
}
