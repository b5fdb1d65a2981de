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
export function lookupStatement(
  parsed: ParsedLookup,
  limit: number,
  includeArchived: boolean,
): LookupStatement | null {
  const branches: string[] = [];
  const parameters: Record<string, string | number> = { limit };
  const namePrefix = (text: string) => {
    const key = text.slice(0, searchKeyLength);
    parameters['nameLo'] = key;
    parameters['nameHi'] = prefixUpperBound(key);
  };
  const numberPrefix = (number: string) => {
    parameters['numberLo'] = number;
    parameters['numberHi'] = prefixUpperBound(number);
    branches.push(customerNoBranch(includeArchived));
  };
  const creditCode = (code: string | null) => {
    if (code === null) return;
    parameters['creditCode'] = code;
    branches.push(creditCodeBranch(includeArchived));
  };
  switch (parsed.kind) {
    case 'empty':
      return null;
    case 'id':
      parameters['id'] = parsed.id;
      branches.push(idBranch(includeArchived));
      break;
    case 'digits':
      if (parsed.digits.length >= minPhoneSuffix) {
        const suffix = reversed(parsed.digits);
        parameters['phoneLo'] = suffix;
        parameters['phoneHi'] = prefixUpperBound(suffix);
        branches.push(phoneBranch(includeArchived));
      }
      numberPrefix(parsed.customerNo);
      creditCode(parsed.creditCode);
      break;
    case 'han':
      namePrefix(parsed.text);
      branches.push(...nameBranches('text', includeArchived));
      break;
    case 'latin':
      namePrefix(parsed.letters);
      for (const field of ['pinyin', 'initials', 'text'] as const)
        branches.push(...nameBranches(field, includeArchived));
      numberPrefix(parsed.customerNo);
      break;
    case 'code':
      numberPrefix(parsed.customerNo);
      creditCode(parsed.creditCode);
      break;
  }
  const union = branches.map((branch) => `SELECT * FROM (${branch})`).join(' UNION ALL ');
  return {
    sql: `SELECT m.field, m.start, m.key, a.* FROM (${union}) m JOIN accounts a ON a.rid = m.rid`,
    parameters,
  };
}

export function lookupCandidates(db: Db, statement: LookupStatement): LookupCandidate[] {
  return db.statement(statement.sql).all(statement.parameters) as LookupCandidate[];
}
