import { ownersCondition } from '../access/scope';
import { csvCell, type CsvStyle } from '../../shared/domain/csv';
import type { csvExportLanguages, csvExportTables } from '../../shared/schemas';
import type { Db } from '../connection';
import type { ExportColumn } from './columns';

export type CsvExportTable = (typeof csvExportTables)[number];
/** The language of an export's header texts and value names. */
export type ExportLanguage = (typeof csvExportLanguages)[number];

/** Which rows an export holds: accounts by owner, region and tier; records by date. */
export interface ExportFilters {
  /** Accounts of these owners only (the filter asked for, or the user's scope); absent: all. */
  readonly owners?: readonly string[] | undefined;
  readonly region?: string | undefined;
  readonly tiers?: readonly string[] | undefined;
  /** Inclusive days, `YYYY-MM-DD`. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** SQL text with its parameters, in order. */
export interface SqlPart {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** `FROM … WHERE …` and the order of the rows (within the batch key's order). */
export interface SourceSql extends SqlPart {
  readonly orderBy?: string;
}

export interface TableExport {
  readonly table: CsvExportTable;
  /** The file's name inside a zip or directory (ASCII, so every unzip tool keeps it). */
  readonly fileName: string;
  readonly columns: readonly ExportColumn[];
  /**
   * An account `rid` the rows are read by, a range at a time (`.all()` of a few thousand rows
   * hands rows to JavaScript faster than a row-by-row iterator, and the order is by account).
   */
  readonly batchKey: string;
  /** `FROM … WHERE …`: live rows of live accounts, the filters applied. */
  readonly source: (filters: ExportFilters) => SourceSql;
}

/**
 * The account conditions of the filters, for an alias of `accounts` (empty: every account).
 * Liveness is separate, because relationships need both ends alive but only one in scope.
 */
export function accountScope(alias: string, filters: ExportFilters): SqlPart {
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  if (filters.owners !== undefined) {
    const owners = ownersCondition(`${alias}.owner`, filters.owners);
    conditions.push(owners.sql);
    parameters.push(...owners.values);
  }
  if (filters.region !== undefined) {
    conditions.push(`${alias}.region = ?`);
    parameters.push(filters.region);
  }
  if (filters.tiers !== undefined && filters.tiers.length > 0) {
    conditions.push(`${alias}.tier IN (${filters.tiers.map(() => '?').join(', ')})`);
    parameters.push(...filters.tiers);
  }
  return { sql: conditions.join(' AND '), parameters };
}

/** `AND …` for live accounts in scope under an alias. */
export function liveAccountIn(alias: string, filters: ExportFilters): SqlPart {
  const scope = accountScope(alias, filters);
  return {
    sql: `${alias}.deleted = 0${scope.sql ? ` AND ${scope.sql}` : ''}`,
    parameters: scope.parameters,
  };
}

/** The billing months the day range covers (`YYYY-MM`, inclusive). */
export function periodRange(filters: ExportFilters): { from?: string; to?: string } {
  return {
    ...(filters.from !== undefined ? { from: filters.from.slice(0, 7) } : {}),
    ...(filters.to !== undefined ? { to: filters.to.slice(0, 7) } : {}),
  };
}

/** The day range as stored instants: from local midnight of `from` to local midnight after `to`. */
export function instantRange(filters: ExportFilters): { from?: string; before?: string } {
  const midnight = (day: string, plusDays: number) => {
    const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
    return new Date(year, month - 1, date + plusDays).toISOString();
  };
  return {
    ...(filters.from !== undefined ? { from: midnight(filters.from, 0) } : {}),
    ...(filters.to !== undefined ? { before: midnight(filters.to, 1) } : {}),
  };
}

/** Conditions joined with AND, their parameters concatenated. */
export function allOf(...parts: readonly (SqlPart | null)[]): SqlPart {
  const present = parts.filter((part): part is SqlPart => part !== null && part.sql !== '');
  return {
    sql: present.map((part) => part.sql).join(' AND '),
    parameters: present.flatMap((part) => part.parameters),
  };
}

/** Every account's number and name as two cells, by `rid` (deleted ones are never joined). */
function accountCells(db: Db, style: CsvStyle): ReadonlyMap<unknown, string> {
  const cells = new Map<unknown, string>();
  const statement = db.sqlite.prepare('SELECT rid, customer_no, name FROM accounts').raw(true);
  for (const [rid, number, name] of statement.iterate() as Iterable<[number, string, string]>)
    cells.set(rid, `${csvCell(number, true, style)},${csvCell(name, false, style)}`);
  return cells;
}

/** The account's number and name, first in every child table (selected as its `rid`). */
export const accountColumns = (alias: string): ExportColumn[] => [
  {
    header: [
      { 'zh-CN': '客户编号', en: 'Customer number' },
      { 'zh-CN': '客户名称', en: 'Account name' },
    ],
    sql: `${alias}.rid`,
    format: { prefetch: accountCells },
  },
];

export const idColumn = (alias: string, texts = { 'zh-CN': '记录ID', en: 'Record ID' }): ExportColumn => ({
  header: texts,
  sql: `${alias}.id`,
  format: 'asText',
});
