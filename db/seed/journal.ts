import type { Db } from '../connection';

/**
 * A seed writes a whole book (2.5 GB for 100,000 accounts) in one transaction. In WAL mode
 * every page goes twice: into the WAL, then into the book when the WAL is checkpointed at
 * commit. With a rollback journal the pages go into the book once: SQLite journals only the
 * pages the book had before (an empty book's few), and a killed seed is still rolled back —
 * the next connection that opens the book finds the journal and puts those pages back
 * (tests/seed/seedCrash.test.ts), after which opening sets WAL again as for every book.
 *
 * Only when this connection is the book's only one: the switch needs the book to itself, and
 * is skipped (the seed runs in WAL as before) when another connection has it open.
 */
export function withRollbackJournal<T>(db: Db, load: () => T): T {
  const switched = !db.sqlite.inTransaction && toRollbackJournal(db);
  // The pages spilled while seeding now go into the book, where the connection's 1 GB map would
  // read them back: that gigabyte of the book then counted in this process's memory (RSS 1.9
  // against 0.9 GB for 100,000 accounts). Read through the page cache instead while seeding.
  const mmapSize = db.sqlite.pragma('mmap_size', { simple: true }) as number;
  if (switched) db.sqlite.pragma('mmap_size = 0');
  try {
    return load();
  } finally {
    if (switched) {
      db.sqlite.pragma(`mmap_size = ${mmapSize}`);
      db.sqlite.pragma('journal_mode = WAL');
    }
  }
}

function toRollbackJournal(db: Db): boolean {
  if (db.sqlite.pragma('journal_mode', { simple: true }) !== 'wal') return false;
  const busyTimeout = db.sqlite.pragma('busy_timeout', { simple: true }) as number;
  // Another connection holding the book: do not wait for it, seed in WAL.
  db.sqlite.pragma('busy_timeout = 0');
  try {
    return db.sqlite.pragma('journal_mode = DELETE', { simple: true }) === 'delete';
  } catch {
    return false;
  } finally {
    db.sqlite.pragma(`busy_timeout = ${busyTimeout}`);
  }
}
