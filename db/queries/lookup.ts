import { minPhoneSuffix, prefixUpperBound, type ParsedLookup } from '../../shared/domain/lookupQuery';
import { searchKeyLength } from '../../shared/domain/nameSearch';
import type { LookupField } from '../../shared/types';
import type { Db } from '../connection';
import type { AccountRow } from './accounts';
import { searchFields, type SearchField } from './searchKeys';

/**
 * Lookup runs as one prepared statement per kind of query: a UNION ALL of small index range
 * scans, each bounded by the result limit, joined to the accounts they found. The hot path is
 * hand-written SQL (kysely would rebuild the same text on every keystroke); ranking happens in
 * the handler over at most a few hundred candidates.
 */
export interface LookupCandidate extends AccountRow {
  readonly field: LookupField;
  /** Name fields: 1 when the key starts at the beginning of the name. */
  readonly start: number;
  /** The stored key or value that matched. */
  readonly key: string;
}

export interface LookupStatement {
  readonly sql: string;
  /** Counts the accounts the same branches reach, without the result limit (up to `:countLimit`). */
  readonly countSql: string;
  readonly parameters: Record<string, string | number>;
}

function nameBranches(field: SearchField, includeArchived: boolean): string[] {
  const branches: string[] = [];
  for (const archived of includeArchived ? [0, 1] : [0]) {
    for (const start of [1, 0]) {
      branches.push(
        `SELECT '${field === 'text' ? 'name' : field}' AS field, start, key, account_rid AS rid FROM search_keys ` +
          `WHERE field = ${searchFields[field]} AND archived = ${archived} AND start = ${start} ` +
          `AND key >= :nameLo AND key < :nameHi LIMIT :limit`,
      );
    }
  }
  return branches;
}

function liveAccounts(includeArchived: boolean, alias = ''): string {
  const prefix = alias === '' ? '' : `${alias}.`;
  return includeArchived ? `${prefix}deleted = 0` : `${prefix}deleted = 0 AND ${prefix}status = 'active'`;
}

const customerNoBranch = (includeArchived: boolean) =>
  `SELECT 'customerNo' AS field, 1 AS start, customer_no AS key, rid FROM accounts ` +
  `WHERE customer_no >= :numberLo AND customer_no < :numberHi AND ${liveAccounts(includeArchived)} LIMIT :limit`;

const creditCodeBranch = (includeArchived: boolean) =>
  `SELECT 'creditCode' AS field, 1 AS start, credit_code AS key, rid FROM accounts ` +
  `WHERE credit_code = :creditCode AND ${liveAccounts(includeArchived)} LIMIT :limit`;

const phoneBranch = (includeArchived: boolean) =>
  `SELECT 'phone' AS field, 1 AS start, p.number AS key, a.rid AS rid FROM account_phones p ` +
  `JOIN accounts a ON a.id = p.account_id ` +
  `WHERE p.number_rev >= :phoneLo AND p.number_rev < :phoneHi AND p.deleted = 0 AND ${liveAccounts(includeArchived, 'a')} ` +
  `LIMIT :limit`;

const idBranch = (includeArchived: boolean) =>
  `SELECT 'id' AS field, 1 AS start, id AS key, rid FROM accounts WHERE id = :id AND ${liveAccounts(includeArchived)}`;

function reversed(text: string): string {
  return Array.from(text).reverse().join('');
}

/** The statement (SQL and named parameters) that finds the candidates for a query. */
type Branch = 'id' | 'phone' | 'customerNo' | 'creditCode' | `name:${SearchField}`;

function branchSql(branch: Branch, includeArchived: boolean): string[] {
  switch (branch) {
    case 'id':
      return [idBranch(includeArchived)];
    case 'phone':
      return [phoneBranch(includeArchived)];
    case 'customerNo':
      return [customerNoBranch(includeArchived)];
    case 'creditCode':
      return [creditCodeBranch(includeArchived)];
    default:
      return nameBranches(branch.slice('name:'.length) as SearchField, includeArchived);
  }
}

/** SQL text per shape of query, built once: the same string object keeps the cache lookup cheap. */
const sqlByShape = new Map<string, { readonly sql: string; readonly countSql: string }>();

function unionSql(branches: readonly Branch[], includeArchived: boolean) {
  const shape = `${branches.join(',')}|${includeArchived ? 1 : 0}`;
  let texts = sqlByShape.get(shape);
  if (texts === undefined) {
    const union = branches
      .flatMap((branch) => branchSql(branch, includeArchived))
      .map((branch) => `SELECT * FROM (${branch})`)
      .join(' UNION ALL ');
    texts = {
      sql: `SELECT m.field, m.start, m.key, a.* FROM (${union}) m JOIN accounts a ON a.rid = m.rid`,
      // Each branch stops at :limit (here the count limit), so a query as broad as one letter
      // reads a bounded number of index entries.
      countSql: `SELECT count(*) FROM (SELECT DISTINCT rid FROM (${union}) LIMIT :limit)`,
    };
    sqlByShape.set(shape, texts);
  }
  return texts;
}

/** The statement (SQL and named parameters) that finds the candidates for a query. */
export function lookupStatement(
  parsed: ParsedLookup,
  limit: number,
  includeArchived: boolean,
): LookupStatement | null {
  const branches: Branch[] = [];
  const parameters: Record<string, string | number> = { limit };
  const namePrefix = (text: string) => {
    const key = text.slice(0, searchKeyLength);
    parameters['nameLo'] = key;
    parameters['nameHi'] = prefixUpperBound(key);
  };
  const numberPrefix = (number: string) => {
    parameters['numberLo'] = number;
    parameters['numberHi'] = prefixUpperBound(number);
    branches.push('customerNo');
  };
  const creditCode = (code: string | null) => {
    if (code === null) return;
    parameters['creditCode'] = code;
    branches.push('creditCode');
  };
  switch (parsed.kind) {
    case 'empty':
      return null;
    case 'id':
      parameters['id'] = parsed.id;
      branches.push('id');
      break;
    case 'digits':
      if (parsed.digits.length >= minPhoneSuffix) {
        // Numbers are stored reversed: their last digits become a prefix, one index range.
        // A foreign number's reversed E.164 ends in `+` (0x2B, below every digit), so it sorts
        // right after its digits and the range of `…0100` or of its whole digits takes it in.
        const suffix = reversed(parsed.digits);
        parameters['phoneLo'] = suffix;
        parameters['phoneHi'] = prefixUpperBound(suffix);
        branches.push('phone');
      }
      numberPrefix(parsed.customerNo);
      creditCode(parsed.creditCode);
      break;
    case 'han':
      namePrefix(parsed.text);
      branches.push('name:text');
      break;
    case 'latin':
      namePrefix(parsed.letters);
      branches.push('name:pinyin', 'name:initials', 'name:text');
      numberPrefix(parsed.customerNo);
      break;
    case 'code':
      numberPrefix(parsed.customerNo);
      creditCode(parsed.creditCode);
      break;
  }
  return { ...unionSql(branches, includeArchived), parameters };
}

export function lookupCandidates(db: Db, statement: LookupStatement): LookupCandidate[] {
  return db.statement(statement.sql).all(statement.parameters) as LookupCandidate[];
}

/** How many accounts the statement's branches reach in all, counting no further than `countLimit`. */
export function lookupCount(db: Db, statement: LookupStatement, countLimit: number): number {
  return db
    .statement(statement.countSql)
    .pluck(true)
    .get({ ...statement.parameters, limit: countLimit }) as number;
}
