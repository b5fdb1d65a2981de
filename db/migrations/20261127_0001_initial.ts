import { sql, type Kysely } from 'kysely';

/*
 * Frozen: never edit after landing; add a new migration instead.
 *
 * Synced tables carry `hlc` (the clock of the insert, shared by every field not yet edited)
 * and `seq` (this device's change counter at the row's last change, local or imported) — an
 * insert is one op stored as the row itself. Edits add one `sync_ops` row and one
 * `field_clock` row per changed field. Child tables have no foreign keys on purpose: sync
 * files may arrive in any order, so a visit can land before its account; handlers check
 * parents on local writes. `created_at` is not stored: it is the UUIDv7 id's timestamp.
 */
const statements = [
  `CREATE TABLE sync_clock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    node TEXT NOT NULL,
    hlc TEXT NOT NULL,
    seq INTEGER NOT NULL
  )`,
  `INSERT INTO sync_clock (id, node, hlc, seq)
    SELECT 1, n, '1970-01-01T00:00:00.000Z-0000-' || n, 0 FROM (SELECT lower(hex(randomblob(8))) AS n)`,
  `CREATE TABLE accounts (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('organization', 'person')),
    customer_no TEXT NOT NULL,
    name TEXT NOT NULL,
    credit_code TEXT,
    tier TEXT NOT NULL CHECK (tier IN ('strategic', 'partner', 'commercial', 'general')),
    status TEXT NOT NULL CHECK (status IN ('active', 'archived')),
    owner TEXT NOT NULL DEFAULT '',
    region TEXT NOT NULL DEFAULT '',
    industry TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    postcode TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL DEFAULT '',
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    hlc TEXT NOT NULL,
    seq INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    name_pinyin TEXT NOT NULL DEFAULT '',
    name_key TEXT NOT NULL DEFAULT ''
  )`,
  `CREATE INDEX accounts_customer_no ON accounts (customer_no)`,
  `CREATE INDEX accounts_credit_code ON accounts (credit_code) WHERE credit_code IS NOT NULL`,
  `CREATE INDEX accounts_name_key ON accounts (name_key, kind)`,
  `CREATE INDEX accounts_seq ON accounts (seq)`,
  `CREATE TABLE account_phones (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    number TEXT NOT NULL,
    label TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    hlc TEXT NOT NULL,
    seq INTEGER NOT NULL,
    number_rev TEXT NOT NULL
  )`,
  `CREATE INDEX account_phones_account ON account_phones (account_id)`,
  `CREATE INDEX account_phones_number ON account_phones (number)`,
  `CREATE INDEX account_phones_number_rev ON account_phones (number_rev)`,
  `CREATE INDEX account_phones_seq ON account_phones (seq)`,
  `CREATE TABLE relationships (
    id TEXT PRIMARY KEY,
    from_id TEXT NOT NULL,
    to_id TEXT NOT NULL,
    type TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    hlc TEXT NOT NULL,
    seq INTEGER NOT NULL
  )`,
  `CREATE INDEX relationships_from ON relationships (from_id, type)`,
  `CREATE INDEX relationships_to ON relationships (to_id, type)`,
  `CREATE INDEX relationships_seq ON relationships (seq)`,
  `CREATE TABLE visits (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    kind TEXT NOT NULL,
    participants TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL DEFAULT '',
    feedback TEXT NOT NULL DEFAULT '',
    follow_up TEXT NOT NULL DEFAULT '',
    follow_up_due TEXT,
    manager TEXT NOT NULL DEFAULT '',
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    hlc TEXT NOT NULL,
    seq INTEGER NOT NULL
  )`,
  `CREATE INDEX visits_account ON visits (account_id, occurred_at)`,
  `CREATE INDEX visits_seq ON visits (seq)`,
  `CREATE TABLE anniversaries (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    calendar TEXT NOT NULL CHECK (calendar IN ('gregorian', 'lunar')),
    month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    day INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31),
    leap_month INTEGER NOT NULL DEFAULT 0 CHECK (leap_month IN (0, 1)),
    year INTEGER,
    lead_days TEXT,
    note TEXT NOT NULL DEFAULT '',
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    hlc TEXT NOT NULL,
    seq INTEGER NOT NULL
  )`,
  `CREATE INDEX anniversaries_account ON anniversaries (account_id)`,
  `CREATE INDEX anniversaries_date ON anniversaries (calendar, month, day)`,
  `CREATE INDEX anniversaries_seq ON anniversaries (seq)`,
  `CREATE TABLE consumption (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    period TEXT NOT NULL,
    category TEXT NOT NULL,
    amount_fen INTEGER NOT NULL,
    quantity REAL,
    source TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    hlc TEXT NOT NULL,
    seq INTEGER NOT NULL
  )`,
  `CREATE INDEX consumption_account ON consumption (account_id, period)`,
  `CREATE INDEX consumption_seq ON consumption (seq)`,
  `CREATE TABLE field_clock (
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    col TEXT NOT NULL,
    hlc TEXT NOT NULL,
    PRIMARY KEY (tbl, row_id, col)
  ) WITHOUT ROWID`,
  `CREATE TABLE sync_ops (
    seq INTEGER NOT NULL,
    col TEXT NOT NULL,
    hlc TEXT NOT NULL,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    value TEXT,
    PRIMARY KEY (seq, col)
  ) WITHOUT ROWID`,
  `CREATE TABLE search_keys (
    field INTEGER NOT NULL,
    archived INTEGER NOT NULL,
    start INTEGER NOT NULL,
    key TEXT NOT NULL,
    account_rid INTEGER NOT NULL,
    PRIMARY KEY (field, archived, start, key, account_rid)
  ) WITHOUT ROWID`,
  `CREATE INDEX search_keys_account ON search_keys (account_rid)`,
  `CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT,
    before TEXT,
    after TEXT
  )`,
  `CREATE INDEX audit_log_entity ON audit_log (entity, entity_id)`,
  `CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  )`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const tables = [
    'settings',
    'audit_log',
    'search_keys',
    'sync_ops',
    'field_clock',
    'consumption',
    'anniversaries',
    'visits',
    'relationships',
    'account_phones',
    'accounts',
    'sync_clock',
  ];
  for (const table of tables) await sql.raw(`DROP TABLE ${table}`).execute(db);
}
