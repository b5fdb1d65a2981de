import { format } from 'date-fns';
import { basename } from 'node:path';
import { contract } from '../../shared/api';
import { ApiError, type ApiResult } from '../../shared/errors';
import { storableActor } from '../../shared/domain/text';
import type { BackupRestoreResult, RequestContext } from '../../shared/types';
import type { Db } from '../connection';
import type { FaultLog } from '../faultLog';
import { toApiError } from '../faults';
import { backupPath } from '../handlers/backups';
import { readSettings } from '../handlers/settings';
import { toIssues, validationFailed } from '../issues';
import { migrations } from '../migrations/index';
import { defaultBackupFolder, listBackups } from './copies';
import { restoreInPlace } from './restore';

/**
 * What the service does with backups beyond the handlers: the restore (it awaits SQLite's
 * backup API, which no handler can) and the automatic daily backup while the app runs.
 */

/** `backups.restore`, run where the book's connection is (the job thread in the app). */
export async function runRestore(
  db: Db,
  input: unknown,
  context: RequestContext,
  log: FaultLog,
): Promise<ApiResult<BackupRestoreResult>> {
  const parsed = contract['backups.restore'].input.safeParse(input);
  if (!parsed.success)
    return { ok: false, error: validationFailed('backups.restore', toIssues(parsed.error)).toData() };
  try {
    const { file } = parsed.data;
    const result = await restoreInPlace(db, backupPath(db, file), {
      bookPath: db.path,
      folder: defaultBackupFolder(db.path),
      now: new Date(),
      retention: readSettings(db).backups.keep,
      known: migrations,
      actor: storableActor(context.actor),
    });
    return {
      ok: true,
      value: {
        restored: file,
        safetyBackup: basename(result.safetyBackup ?? ''),
        erasedAgain: result.erasedAgain.length,
      },
    };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: error.toData() };
    log('backups.restore', error);
    return { ok: false, error: toApiError(error, 'backups.restore').toData() };
  }
}

/** Whether today's automatic backup is still to be taken (settings allowing). */
export function dailyBackupDue(db: Db, now: Date): boolean {
  if (!readSettings(db).backups.daily) return false;
  const today = format(now, 'yyyy-MM-dd');
  return !listBackups(db.path, defaultBackupFolder(db.path)).some(
    ({ manifest }) => manifest?.reason === 'daily' && format(new Date(manifest.at), 'yyyy-MM-dd') === today,
  );
}

const hourMs = 60 * 60 * 1000;

/**
 * Takes the day's backup once the book is known sound (`ready`), then looks again every hour (a
 * laptop left running past midnight gets the next day's). `take` runs `backups.create` on the
 * job thread; it is skipped while the book cannot be written or a write job runs. Returns stop.
 */
export function scheduleDailyBackups(options: {
  readonly db: Db;
  readonly ready: () => Promise<void>;
  readonly canRun: () => boolean;
  readonly take: () => Promise<ApiResult<unknown>>;
  readonly log: FaultLog;
}): () => void {
  let running = false;
  const attempt = async () => {
    await options.ready();
    if (running || !options.canRun() || !dailyBackupDue(options.db, new Date())) return;
    running = true;
    try {
      const result = await options.take();
      if (!result.ok)
        options.log('backups.create', `daily backup: ${result.error.code} ${result.error.message}`);
    } finally {
      running = false;
    }
  };
  const run = () => void attempt().catch((error: unknown) => options.log('backups.create', error));
  run();
  const timer = setInterval(run, hourMs);
  timer.unref();
  return () => clearInterval(timer);
}
