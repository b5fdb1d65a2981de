import type { ImportSettings, ImportCounts, ImportEncoding } from '../../shared/types';
import { defaultPhoneLabel } from '../handlers/accounts';
import type { Db } from '../connection';
import { newId } from '../ids';
import { normalizePhone } from '../../shared/domain/phone';
import { fieldClockOf, importRecorder, insertImport, type ImportRecorder } from '../queries/imports';
import { writeBatch, type Writer } from '../write';
import type { ImportAction } from './plan';
import { markUnsettled } from './settle';

/**
 * Writes a checked plan in one transaction through the write path (sync bookkeeping and search
 * keys as for single writes; one audit entry for the batch) and records what each row was
 * before, so the import can be reverted. An import of bills records its new bills and adds them
 * to the statistics roll-up in the transaction right after it (db/imports/settle.ts).
 */
export interface ApplyRequest {
  readonly id: string;
  readonly fileName: string;
  readonly encoding: ImportEncoding;
  readonly settings: ImportSettings;
  readonly counts: ImportCounts;
  readonly actions: readonly ImportAction[];
  readonly actor: string;
  /** Rows written so far, every few thousand rows and at the end. */
  readonly onProgress?: (done: number, total: number) => void;
}

const progressEvery = 5000;

export function applyImport(db: Db, request: ApplyRequest): void {
  const { actions, onProgress } = request;
  writeBatch(
    db,
    request.actor,
    'import',
    (writer) => {
      insertImport(db, {
        id: request.id,
        kind: request.settings.kind,
        fileName: request.fileName,
        encoding: request.encoding,
        settings: request.settings,
        counts: request.counts,
        actor: request.actor,
        at: new Date().toISOString(),
      });
      const record = importRecorder(db, request.id);
      const bills = request.settings.kind === 'consumption';
      if (bills) writer.deferRollupOfCreatedBills();
      const firstSeq = writer.seq + 1;
      for (let done = 0; done < actions.length; done++) {
        const action = actions[done];
        if (action) applyAction(db, writer, action, record, bills ? null : record);
        if (onProgress && (done + 1) % progressEvery === 0) onProgress(done + 1, actions.length);
      }
      record.finish();
      if (bills && writer.seq >= firstSeq) markUnsettled(db, request.id, firstSeq, writer.seq);
      onProgress?.(actions.length, actions.length);
    },
    request.id,
  );
}

/** `recordCreated` null: the created rows are recorded after the commit, with the roll-up (./settle.ts). */
function applyAction(
  db: Db,
  writer: Writer,
  action: ImportAction,
  record: ImportRecorder,
  recordCreated: ImportRecorder | null,
): void {
  if (action.type === 'insert') {
    const row =
      action.table === 'consumption'
        ? writer.insert('consumption', { id: newId(), ...action.values })
        : action.table === 'contracts'
          ? writer.insert('contracts', { id: newId(), ...action.values })
          : writer.insert('accounts', { id: newId(), ...action.values });
    recordCreated?.created(action.table, row);
    if (action.table === 'accounts' && action.phone !== null) addPhone(writer, row.id, action.phone, record);
    return;
  }
  if (Object.keys(action.patch).length > 0) {
    const { row, changed, before } = updateWithBefore(db, writer, action);
    if (changed.length > 0) {
      const hlc = fieldClockOf(db, action.table, row.id, changed[0] ?? '');
      const stored = row as unknown as { [column: string]: unknown };
      const after = Object.fromEntries(changed.map((column) => [column, stored[column] ?? null]));
      record.changed({ tbl: action.table, rowId: row.id, before, seq: row.seq, hlc, after });
    }
  }
  if (action.table === 'accounts' && action.phone !== null) addPhone(writer, action.id, action.phone, record);
}

function updateWithBefore(db: Db, writer: Writer, action: Extract<ImportAction, { type: 'update' }>) {
  const stored = db.statement(`SELECT * FROM ${action.table} WHERE id = ?`).get(action.id) as
    { [column: string]: unknown } | undefined;
  const result =
    action.table === 'consumption'
      ? writer.update('consumption', action.id, action.patch)
      : action.table === 'contracts'
        ? writer.update('contracts', action.id, action.patch)
        : writer.update('accounts', action.id, action.patch);
  const before = Object.fromEntries(result.changed.map((column) => [column, stored?.[column] ?? null]));
  return { row: result.row, changed: result.changed, before };
}

function addPhone(writer: Writer, accountId: string, digits: string, record: ImportRecorder): void {
  const kind = normalizePhone(digits)?.kind ?? 'service';
  const phone = writer.insert('account_phones', {
    id: newId(),
    account_id: accountId,
    number: digits,
    label: defaultPhoneLabel(kind),
    note: '',
  });
  record.created('account_phones', phone);
}
