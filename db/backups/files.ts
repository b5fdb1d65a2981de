import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { format } from 'date-fns';
import { z } from 'zod';
import type { AuditHead } from '../../shared/types';

/**
 * What a backup is on disk: `<book>-<yyyyMMdd-HHmmss>-<reason>.db` in the backup folder, and
 * beside it `<same>.json`, its manifest — when it was taken, why, the schema version, the rows
 * of every table, the SHA-256 of the file and the audit chain's last entry. The manifest is written before the copy takes its
 * name, so a backup under its name always has one; a flipped byte anywhere fails the digest.
 */
export const backupReasons = ['daily', 'manual', 'upgrade', 'restore'] as const;
export type BackupReason = (typeof backupReasons)[number];

export interface BackupManifest {
  readonly format: 1;
  /** When the copy was taken (ISO 8601). */
  readonly at: string;
  readonly reason: BackupReason;
  /** The last migration the copied book had. */
  readonly schemaVersion: string;
  /** Rows per table in the book at the moment of the copy, and in the copy. */
  readonly rows: Readonly<Record<string, number>>;
  readonly bytes: number;
  readonly sha256: string;
  /**
   * The audit chain's last entry in the copy (db/audit/anchors.ts): what a verify of the log
   * holds the book to. Null for an empty log; absent in manifests written before it was kept.
   */
  readonly audit?: AuditHead | null | undefined;
}

const manifestSchema = z.strictObject({
  format: z.literal(1),
  at: z.iso.datetime(),
  reason: z.enum(backupReasons),
  schemaVersion: z.string().max(200),
  rows: z.record(z.string().max(200), z.number().int().nonnegative()),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  audit: z
    .strictObject({ id: z.number().int().positive(), hash: z.string().regex(/^[0-9a-f]{64}$/) })
    .nullable()
    .optional(),
});

/** A manifest's text, held to the shape Fieldbook writes (a hand-edited one throws). */
export function parseManifest(text: string): BackupManifest {
  return manifestSchema.parse(JSON.parse(text));
}

export const manifestPathOf = (backup: string) => backup.replace(/\.db$/, '.json');

export function backupFileName(stem: string, at: Date, reason: BackupReason): string {
  return `${stem}-${format(at, 'yyyyMMdd-HHmmss')}-${reason}.db`;
}

const namePattern = /^(.+)-(\d{8}-\d{6})-([a-z]+)(?:-\d+)?\.db$/;

/** Whether `name` is a backup of the book named `stem` (and not a partial one). */
export function isBackupOf(stem: string, name: string): boolean {
  const match = namePattern.exec(name);
  return match?.[1] === stem && (backupReasons as readonly string[]).includes(match[3] ?? '');
}

/** Rows per table, every table but SQLite's own, read in one snapshot. */
export function rowCounts(sqlite: BetterSqlite3.Database): Record<string, number> {
  const read = () => {
    const tables = sqlite
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    const counts: Record<string, number> = {};
    for (const table of tables) {
      counts[table] = Number(
        sqlite
          .prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`)
          .pluck()
          .get(),
      );
    }
    return counts;
  };
  return sqlite.inTransaction ? read() : sqlite.transaction(read).deferred();
}

/** SHA-256 of a file, read in chunks (a head office's book is gigabytes). */
export function fileDigest(path: string): { readonly sha256: string; readonly bytes: number } {
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(path, 'r');
  let bytes = 0;
  try {
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
      hash.update(chunk.subarray(0, read));
      bytes += read;
    }
  } finally {
    closeSync(fd);
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Where two row counts differ, in words ("visits: 120 in the book, 119 in the copy"). */
export function countDifferences(
  expected: Readonly<Record<string, number>>,
  actual: Readonly<Record<string, number>>,
  names: readonly [expected: string, actual: string],
): string[] {
  const tables = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return tables
    .filter((table) => expected[table] !== actual[table])
    .map(
      (table) =>
        `${table}: ${expected[table] ?? 'none'} in ${names[0]}, ${actual[table] ?? 'none'} in ${names[1]}`,
    );
}
