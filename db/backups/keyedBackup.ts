import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { keyedUri, withoutKey } from '../cipher';

/**
 * SQLite's backup API into an encrypted book. The destination connection is one the driver opens
 * itself from a file name, so the key can reach it only as URI parameters (`keyedUri`); the
 * driver's `backup()` refuses such a name (it checks that the name's folder exists, and a
 * `file:` URI has none), so the same native step is driven here, as `backup()` drives it:
 * a page batch per turn of the event loop, the destination's write lock held throughout, so
 * every other connection sees the old book or the restored one, never a mix. A plain source
 * cannot go into an encrypted destination (SQLite3 Multiple Ciphers refuses: the pages differ
 * in reserved bytes); callers encrypt a plain source first (`VACUUM INTO` a keyed name).
 */
interface NativeBackup {
  transfer(pages: number): { totalPages: number; remainingPages: number };
  close(): void;
}

interface NativeDatabase {
  backup(
    database: BetterSqlite3.Database,
    attached: string,
    destination: string,
    unlink: boolean,
  ): NativeBackup;
}

const isNative = (value: unknown): value is NativeDatabase =>
  typeof value === 'object' && value !== null && typeof (value as { backup?: unknown }).backup === 'function';

/** The driver's native handle behind a connection (kept under a private symbol). */
function nativeOf(source: BetterSqlite3.Database): NativeDatabase {
  for (const symbol of Object.getOwnPropertySymbols(source)) {
    const value: unknown = (source as unknown as Record<symbol, unknown>)[symbol];
    if (isNative(value)) return value;
  }
  throw new Error('this SQLite driver offers no backup step to drive');
}

const pagesPerStep = 100;

/** Copies every page of `source` (keyed with `key`) over the encrypted book at `destination`. */
export async function backupIntoEncrypted(
  source: BetterSqlite3.Database,
  destination: string,
  key: Buffer,
): Promise<void> {
  let backup: NativeBackup;
  try {
    backup = nativeOf(source).backup(source, 'main', keyedUri(destination, key), false);
  } catch (error) {
    throw withoutKey(error, key);
  }
  try {
    for (;;) {
      const { remainingPages } = backup.transfer(pagesPerStep);
      if (remainingPages === 0) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    throw withoutKey(error, key);
  } finally {
    backup.close();
  }
}
