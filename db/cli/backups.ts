import { basename, join } from 'node:path';
import type {
  AuditVerdict,
  BackupInfo,
  BackupList,
  BackupRemoved,
  BackupRestoreResult,
  BackupVerdict,
  StorageCheck,
} from '../../shared/types';
import { ApiError } from '../../shared/errors';
import { defaultBackupFolder, restoreBackup } from '../backups';
import { readSettings } from '../handlers/settings';
import { migrations } from '../migrations/index';
import { UsageError } from './args';
import { unwrap } from './everyday';
import type { CommandContext } from './run';

/**
 * `fieldbook backup create|list|verify|restore` and `fieldbook audit verify`: the same
 * operations as the Backups page. A book too damaged to take writes is restored by putting the
 * backup file in its place (the damaged file is kept aside): close the app first.
 */
export const backupUsage = `  backup create                  take a verified backup now (in backups/ beside the book)
  backup list                    the backups of this book, newest first
  backup verify [FILE]           check a backup (or every one): digest, integrity, rows
  backup restore FILE            put a backup in the book's place; the book as it is
                                 is backed up first (a damaged one is kept aside), and
                                 accounts it had erased are erased again
  backup remove FILE             delete a backup (recorded in the audit log)`;

export const auditUsage = `  audit verify                   check the audit log's hash chain; names the first entry
                                 changed, removed or inserted, and entries cut from the
                                 end that a backup recorded`;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function describe(backup: BackupInfo): string {
  const rows = backup.rows;
  const counts = rows ? `${rows['accounts'] ?? 0} accounts, ${rows['visits'] ?? 0} visits` : 'no manifest';
  return `${backup.file}  ${backup.reason ?? '?'}  ${megabytes(backup.bytes)}  ${counts}${backup.verifiedWhenWritten ? '' : '  (unverifiable)'}`;
}

/** What a restore erased again: accounts erased after the backup was taken (db/backups/erasures.ts). */
const erasedAgainText = (count: number) =>
  count === 0 ? '' : `; ${count} account${count === 1 ? '' : 's'} erased since the backup erased again`;

export async function runBackup(context: CommandContext, args: readonly string[]): Promise<number> {
  const { fieldbook, show } = context;
  const call = async <T>(name: string, input: unknown) =>
    unwrap<T>(await fieldbook.call(name, input, context.request));
  const [verb, file, ...extra] = args;
  if (extra.length > 0 || ((verb === 'create' || verb === 'list') && file !== undefined))
    throw new UsageError(
      `backup ${verb ?? ''} takes ${verb === 'restore' || verb === 'remove' ? 'one FILE' : 'no further arguments'}`,
    );
  switch (verb) {
    case 'create': {
      const backup = await call<BackupInfo>('backups.create', { kind: 'manual' });
      show(backup, () => `Backed up and verified: ${describe(backup)}`);
      return 0;
    }
    case 'list': {
      const list = await call<BackupList>('backups.list', {});
      show(list, () =>
        [`Backups in ${list.folder}:`, ...list.backups.map((backup) => `  ${describe(backup)}`)].join('\n'),
      );
      return 0;
    }
    case 'verify': {
      const names =
        file === undefined
          ? (await call<BackupList>('backups.list', {})).backups.map((backup) => backup.file)
          : [basename(file)];
      const verdicts: BackupVerdict[] = [];
      for (const name of names) verdicts.push(await call<BackupVerdict>('backups.verify', { file: name }));
      const bad = verdicts.filter((verdict) => verdict.problems.length > 0);
      show(verdicts, () =>
        verdicts
          .map(
            ({ file: name, problems }) =>
              `${name}: ${problems.length === 0 ? 'sound' : problems.map((problem) => problem.text).join('; ')}`,
          )
          .join('\n'),
      );
      return bad.length === 0 ? 0 : 1;
    }
    case 'restore': {
      if (file === undefined) throw new UsageError('usage: fieldbook backup restore FILE');
      const storage = fieldbook.storage();
      // The command line checks a book before its first write: here, before choosing how.
      const damaged =
        storage.reason === 'damaged' || (await call<StorageCheck>('storage.check', {})).problems.length > 0;
      if (damaged) {
        // No write reaches a damaged book: the file itself is replaced, the damaged one kept.
        const retention = readSettings(fieldbook.db).backups.keep;
        fieldbook.close();
        const result = await restoreBackup(join(defaultBackupFolder(storage.path), basename(file)), {
          bookPath: storage.path,
          folder: defaultBackupFolder(storage.path),
          now: new Date(),
          retention,
          known: migrations,
          actor: context.request.actor,
        });
        show(
          result,
          () =>
            `Restored ${basename(file)}; the damaged book is kept as ${result.setAsideAs ?? '(backed up)'}${erasedAgainText(result.erasedAgain.length)}`,
        );
        return 0;
      }
      const result = await call<BackupRestoreResult>('backups.restore', { file: basename(file) });
      show(
        result,
        () =>
          `Restored ${result.restored}; the book as it was is backed up as ${result.safetyBackup}${erasedAgainText(result.erasedAgain)}`,
      );
      return 0;
    }
    case 'remove': {
      if (file === undefined) throw new UsageError('usage: fieldbook backup remove FILE');
      const removed = await call<BackupRemoved>('backups.remove', { file: basename(file) });
      show(removed, () => `Removed ${removed.file}`);
      return 0;
    }
    default:
      throw new UsageError(`backup needs one of: create, list, verify, restore, remove\n\n${backupUsage}`);
  }
}

export async function runAudit(context: CommandContext, args: readonly string[]): Promise<number> {
  if (args[0] !== 'verify' || args.length > 1)
    throw new UsageError(`usage: fieldbook audit verify\n\n${auditUsage}`);
  const verdict = unwrap<AuditVerdict>(await context.fieldbook.call('audit.verify', {}, context.request));
  if (verdict.firstBroken !== null) {
    const { id, problem } = verdict.firstBroken;
    throw new ApiError(
      'DB_CORRUPT',
      `The audit log is broken at entry ${id}: ${problem} (${verdict.entries} entries read)`,
      {
        details: { ...verdict.firstBroken },
      },
    );
  }
  const { anchors } = verdict;
  const end =
    anchors.coveredTo === null
      ? 'No backup records its end yet: entries cut from the end would not be seen.'
      : `Its end matches the backup of ${anchors.newestAt ?? '?'} (entry #${anchors.coveredTo}); entries written since that backup are not covered.`;
  context.show(
    verdict,
    () => `The audit log holds: ${verdict.entries} entries, every one chained to the one before.\n${end}`,
  );
  return 0;
}
