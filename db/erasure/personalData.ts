import { csvCell } from '../../shared/domain/csv';
import type { Db } from '../connection';
import { entities } from '../entities';

/**
 * Everything the book holds about one account, for a request under the personal information
 * law (个人信息保护法): its row and every record that names it, with every synced column
 * (deleted records too: they are still held), and the audit log's entries about them. As JSON
 * (by entity) and as CSV, one line per value (entity, record id, field, value), so a file
 * holds records of every kind without a column per field.
 */
export interface PersonalData {
  readonly records: Record<string, Record<string, unknown>[]>;
  readonly audit: Record<string, unknown>[];
}

const inList = 'IN (SELECT value FROM json_each(?))';

export function personalDataOf(db: Db, accountId: string): PersonalData {
  const records: Record<string, Record<string, unknown>[]> = {};
  const ids: string[] = [];
  for (const entity of Object.values(entities)) {
    const clause = entity.accounts.map((column) => `${column} = ?`).join(' OR ');
    const rows = db
      .statement(`SELECT id, ${entity.synced.join(', ')} FROM ${entity.table} WHERE ${clause} ORDER BY id`)
      .all(...entity.accounts.map(() => accountId)) as Record<string, unknown>[];
    if (rows.length === 0) continue;
    records[entity.entity] = rows;
    for (const row of rows) ids.push(String(row['id']));
  }
  const audit = db
    .statement(
      `SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log
       WHERE entity_id ${inList} ORDER BY id`,
    )
    .all(JSON.stringify(ids)) as Record<string, unknown>[];
  return { records, audit };
}

export function personalDataCsv(data: PersonalData): string {
  const lines = ['entity,id,field,value'];
  const line = (cells: readonly (string | number | null)[]) =>
    lines.push(cells.map((cell) => csvCell(cell, false, 'plain')).join(','));
  for (const [entity, rows] of Object.entries(data.records))
    for (const row of rows)
      for (const [field, value] of Object.entries(row))
        if (field !== 'id') line([entity, String(row['id']), field, cellOf(value)]);
  for (const entry of data.audit)
    for (const field of ['at', 'actor', 'action', 'entity', 'entity_id', 'before', 'after'])
      line(['audit', String(entry['id']), field, cellOf(entry[field])]);
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const cellOf = (value: unknown): string | number | null =>
  typeof value === 'string' || typeof value === 'number'
    ? value
    : value === null
      ? null
      : JSON.stringify(value);
