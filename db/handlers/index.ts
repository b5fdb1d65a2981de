import type { ApiEvents, ApiHandlers } from '../../shared/api';
import type { StorageStatus } from '../../shared/types';
import type { Db } from '../connection';
import { quickCheck } from '../openBook';
import type { PassphraseKeeper } from '../syncSecret';
import { usersHandlers } from '../access/users';
import { accountHandlers } from './accounts';
import { agendaHandlers } from './agenda';
import { anniversaryHandlers } from './anniversaries';
import { auditHandlers } from './audit';
import { backupHandlers } from './backups';
import { consumptionHandlers } from './consumption';
import { contractHandlers } from './contracts';
import { erasureHandlers } from './erasure';
import { purgeHandlers } from './purge';
import { exportHandlers } from './exports';
import { handoverHandlers } from './handover';
import { importHandlers, type ImportServices } from './imports';
import { lookupHandlers } from './lookup';
import { phoneHandlers } from './phones';
import { relationshipHandlers } from './relationships';
import { reminderHandlers } from './reminders';
import { settingsHandlers } from './settings';
import { statsHandlers } from './stats';
import type { Signer } from '../access/signing';
import { syncHandlers } from './sync';
import { tierHandlers } from './tiers';
import { visitHandlers } from './visits';

/** The whole contract, implemented. A missing or misnamed operation fails to compile. */
export function createHandlers(
  db: Db,
  services: {
    imports?: ImportServices;
    passphrase: PassphraseKeeper;
    /** How the book was opened (db/openBook.ts); absent: writable, nothing to tell. */
    storage?: () => StorageStatus;
    /** Reports a sync export's or import's progress (windows get it as `sync.progress`). */
    syncProgress?: (event: ApiEvents['sync.progress']) => void;
    /** Who signs the sync files this session exports (db/access/signing.ts); absent: unsigned. */
    signer?: Signer | undefined;
  },
): ApiHandlers {
  const { passphrase } = services;
  return {
    ...accountHandlers(db),
    ...phoneHandlers(db),
    ...relationshipHandlers(db),
    ...visitHandlers(db),
    ...anniversaryHandlers(db),
    ...consumptionHandlers(db),
    ...contractHandlers(db),
    ...reminderHandlers(db),
    ...agendaHandlers(db),
    ...lookupHandlers(db),
    ...auditHandlers(db),
    ...backupHandlers(db),
    ...importHandlers(db, services.imports),
    ...settingsHandlers(db, passphrase),
    ...statsHandlers(db),
    ...tierHandlers(db),
    ...syncHandlers(db, passphrase, services.syncProgress, services.signer),
    ...exportHandlers(db),
    ...handoverHandlers(db),
    ...usersHandlers(db),
    ...erasureHandlers(db),
    ...purgeHandlers(db),
    'storage.get': () => services.storage?.() ?? writableStorage(db.path),
    'storage.check': () => {
      const problems = quickCheck(db.sqlite);
      // The connection that found the damage writes no more either: on the job thread, an export
      // queued behind the check would otherwise record its audit entry in a damaged book.
      if (problems.length > 0) db.refuseWrites();
      return { problems };
    },
  } satisfies ApiHandlers;
}

function writableStorage(path: string): StorageStatus {
  return { path, writable: true, reason: null, problems: [], verifiedCopy: null, notices: [] };
}
