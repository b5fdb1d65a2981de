import { ApiError } from '../../shared/errors';
import { validationMessages, type ValidationMessageKey } from '../../shared/validationMessages';
import type { Db } from '../connection';
import { findAccountRow, type AccountRow } from '../queries/accounts';
import { findRow } from '../queries/records';
import type { SyncedTable } from '../schema';
import type { Row } from '../tables';

/** Checks shared by handlers: each throws the typed error the UI shows. */

export function requireAccount(db: Db, id: string): AccountRow {
  const row = findAccountRow(db, id);
  if (!row) throw new ApiError('NOT_FOUND', `No account ${id}`, { details: { entity: 'account', id } });
  return row;
}

/** An account that can take new records: exists and is not deleted. */
export function requireLiveAccount(db: Db, id: string): AccountRow {
  const row = requireAccount(db, id);
  if (row.deleted === 1)
    throw new ApiError('ACCOUNT_DELETED', `Account ${row.name} is deleted`, {
      details: { id, name: row.name },
    });
  return row;
}

export function requireRow<T extends SyncedTable>(db: Db, table: T, id: string, entity: string): Row<T> {
  const row = findRow(db, table, id);
  if (!row) throw new ApiError('NOT_FOUND', `No ${entity} ${id}`, { details: { entity, id } });
  return row;
}

export function requireLiveRow<T extends SyncedTable>(db: Db, table: T, id: string, entity: string): Row<T> {
  const row = requireRow(db, table, id, entity);
  if (row.deleted === 1)
    throw new ApiError('NOT_FOUND', `The ${entity} ${id} is deleted`, { details: { entity, id } });
  return row;
}

/** A validation error on one field, in the same shape as schema failures. */
export function invalidField(path: string, key: ValidationMessageKey): ApiError {
  const message = validationMessages[key].en;
  return new ApiError('VALIDATION_FAILED', `${path}: ${message}`, {
    issues: [
      { path: path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)), code: key, message },
    ],
  });
}
