import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { createBackup, defaultBackupFolder, defaultRetention } from '../../db/backups';

/**
 * Takes a backup of the book named on the command line, as the job thread does; run by
 * backupKill.test.ts (bundled, so it starts fast), which kills it while the copy is written.
 */
function main(path: string | undefined, at: string | undefined): void {
  if (path === undefined || at === undefined) throw new Error('usage: backupChild BOOK ISO-TIME');
  const sqlite = new BetterSqlite3(path, { fileMustExist: true });
  process.stdout.write('copying\n');
  createBackup(sqlite, {
    bookPath: path,
    folder: defaultBackupFolder(path),
    reason: 'daily',
    now: new Date(at),
    retention: defaultRetention,
  });
  sqlite.close();
  process.stdout.write('done\n');
}

main(process.argv[2], process.argv[3]);
