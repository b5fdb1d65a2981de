import { minPhoneSuffix, prefixUpperBound, type ParsedLookup } from '../../shared/domain/lookupQuery';
import { searchKeyLength } from '../../shared/domain/nameSearch';
import type { LookupField } from '../../shared/types';
import type { Db } from '../connection';
import type { AccountRow } from './accounts';
import { searchFields, type SearchField } from './searchKeys';

/**
 * Lookup runs as one prepared statement per kind of query: a UNION ALL of small index range
 * scans (branches), each bounded by the result limit, joined to the accounts they found. The
 * hot path is hand-written SQL (kysely would rebuild the same text on every keystroke); ranking
 * happens in the handler over the candidates.
 *
 * What a keystroke's statement costs, and what keeps it small:
 * - Limits are written into the SQL text, never bound. This SQLite (built with STAT4) lets the
 *   planner look at a bound LIMIT, and a statement whose plan looked at a parameter is
 *   prepared again every time that parameter is bound: every run. Preparing a 13-branch
 *   statement takes ~0.14 ms, seven times what running it takes. Texts are kept per shape and
 *   limit.
 * - Turning rows into JavaScript values is the rest of the cost, so candidates carry only the
 *   columns ranking and the result need, and only the candidates that can be shown. Name
 *   branches are numbered in the handler's rank order (start of the name before inside it,
 *   active before archived, pinyin before initials before characters); when the branches
 *   found more than fit, the statement keeps the branches up to the first that brings the
 *   distinct accounts to the limit, plus every exact match and every non-name match (which
 *   outrank or interleave with them). Anything left out ranks below `limit` accounts that are
 *   kept, so the handler's hits are what ranking every candidate gave. Whether any branch
 *   reached the limit (then the total needs counting) is decided over every row, kept or not.
 */
export type LookupAccount = Pick<
  AccountRow,
  'id' | 'kind' | 'customer_no' | 'name' | 'tier' | 'status' | 'owner' | 'region' | 'name_pinyin'
>;

export interface LookupCandidate extends LookupAccount {
  readonly field: LookupField;
  /** Name fields: 1 when the key starts at the beginning of the name. */
  readonly start: number;
  /** The stored key or value that matched. */
  readonly key: string;
}

/** The candidates that can be shown, and whether a branch stopped at the limit (more may match). */
export interface LookupCandidates {
  readonly candidates: LookupCandidate[];
  readonly cutOff: boolean;
}

export type Branch = 'id' | 'phone' | 'customerNo' | 'creditCode' | `name:${SearchField}`;

export interface LookupStatement {
  readonly sql: string;
  readonly parameters: Record<string, string | number | null>;
  /** The branches and the account filter, for the count (`lookupCount`). */
  readonly shape: string;
  readonly branches: readonly Branch[];
  readonly includeArchived: boolean;
  /** Kept to the accounts of some owners (the user's scope): `:owners` is bound. */
  readonly scoped: boolean;
}

/** What a branch returns: the candidate's match (with its rank order), or only the account. */
type Output = 'match' | 'rid';

/** Position of a name field among fields of equal match and status, as the handler ranks them. */
const nameFieldOrder: Record<SearchField, number> = { pinyin: 0, initials: 1, text: 2 };

/** Kept to the user's accounts (`:owners`, a JSON list): the condition on an account's owner. */
const ownedBy = (scoped: boolean, column: string) =>
  scoped ? ` AND ${column} IN (SELECT value FROM json_each(:owners))` : '';

function nameBranches(
  field: SearchField,
  includeArchived: boolean,
  output: Output,
  limit: number,
  scoped: boolean,
): string[] {
  const branches: string[] = [];
  for (const archived of includeArchived ? [0, 1] : [0]) {
    for (const start of [1, 0]) {
      const order = (1 - start) * 8 + archived * 4 + nameFieldOrder[field];
      const columns =
        output === 'rid'
          ? 'account_rid AS rid'
          : `${order} AS b, ${order} AS o, '${field === 'text' ? 'name' : field}' AS field, start, key, account_rid AS rid`;
      branches.push(
        `SELECT ${columns} FROM search_keys ` +
          `WHERE field = ${searchFields[field]} AND archived = ${archived} AND start = ${start} ` +
          `AND key >= :nameLo AND key < :nameHi` +
          (scoped ? ` AND account_rid IN (SELECT rid FROM accounts WHERE 1${ownedBy(true, 'owner')})` : '') +
          ` LIMIT ${limit}`,
      );
    }
  }
  return branches;
}

function liveAccounts(includeArchived: boolean, alias = ''): string {
  const prefix = alias === '' ? '' : `${alias}.`;
  return includeArchived ? `${prefix}deleted = 0` : `${prefix}deleted = 0 AND ${prefix}status = 'active'`;
}

/** Non-name branches are numbered after the name branches (16…) and always kept (order -1). */
const otherBranchNumber: Record<Exclude<Branch, `name:${SearchField}`>, number> = {
  id: 16,
  phone: 17,
  customerNo: 18,
  creditCode: 19,
};

const matchColumns = (
  field: Exclude<Branch, `name:${SearchField}`>,
  key: string,
  output: Output,
  alias = '',
) =>
  output === 'rid'
    ? `${alias}rid AS rid`
    : `${otherBranchNumber[field]} AS b, -1 AS o, '${field}' AS field, 1 AS start, ${key} AS key, ${alias}rid AS rid`;

const customerNoBranch = (includeArchived: boolean, output: Output, limit: number, scoped: boolean) =>
  `SELECT ${matchColumns('customerNo', 'customer_no', output)} FROM accounts ` +
  `WHERE customer_no >= :numberLo AND customer_no < :numberHi AND ${liveAccounts(includeArchived)}` +
  `${ownedBy(scoped, 'owner')} LIMIT ${limit}`;

const creditCodeBranch = (includeArchived: boolean, output: Output, limit: number, scoped: boolean) =>
  `SELECT ${matchColumns('creditCode', 'credit_code', output)} FROM accounts ` +
  `WHERE credit_code = :creditCode AND ${liveAccounts(includeArchived)}${ownedBy(scoped, 'owner')} LIMIT ${limit}`;

const phoneBranch = (includeArchived: boolean, output: Output, limit: number, scoped: boolean) =>
  `SELECT ${matchColumns('phone', 'p.number', output, 'a.')} FROM account_phones p ` +
  `JOIN accounts a ON a.id = p.account_id ` +
  `WHERE p.number_rev >= :phoneLo AND p.number_rev < :phoneHi AND p.deleted = 0 AND ${liveAccounts(includeArchived, 'a')}` +
  `${ownedBy(scoped, 'a.owner')} LIMIT ${limit}`;

const idBranch = (includeArchived: boolean, output: Output, scoped: boolean) =>
  `SELECT ${matchColumns('id', 'id', output)} FROM accounts WHERE id = :id AND ${liveAccounts(includeArchived)}` +
  ownedBy(scoped, 'owner');

function reversed(text: string): string {
  return Array.from(text).reverse().join('');
}

function branchSql(
  branch: Branch,
  includeArchived: boolean,
  output: Output,
  limit: number,
  scoped: boolean,
): string[] {
  switch (branch) {
    case 'id':
      return [idBranch(includeArchived, output, scoped)];
    case 'phone':
      return [phoneBranch(includeArchived, output, limit, scoped)];
    case 'customerNo':
      return [customerNoBranch(includeArchived, output, limit, scoped)];
    case 'creditCode':
      return [creditCodeBranch(includeArchived, output, limit, scoped)];
    default:
      return nameBranches(
        branch.slice('name:'.length) as SearchField,
        includeArchived,
        output,
        limit,
        scoped,
      );
  }
}

function union(
  branches: readonly Branch[],
  includeArchived: boolean,
  output: Output,
  limit: number,
  scoped: boolean,
): string {
  return branches
    .flatMap((branch) => branchSql(branch, includeArchived, output, limit, scoped))
    .map((branch) => `SELECT * FROM (${branch})`)
    .join(' UNION ALL ');
}

const accountColumns =
  'a.id, a.kind, a.customer_no, a.name, a.tier, a.status, a.owner, a.region, a.name_pinyin';

/**
 * The candidates statement. `:exact` is the name query when an exact match is possible (shorter
 * than the keys), else NULL, which equals nothing. `first` is the best rank order an account
 * reached; `reach` how many accounts reached each order or better.
 */
function candidatesSql(
  branches: readonly Branch[],
  includeArchived: boolean,
  limit: number,
  keepAll: boolean,
  scoped: boolean,
): string {
  return `WITH m AS MATERIALIZED (${union(branches, includeArchived, 'match', limit, scoped)}),
    firsts AS (SELECT min(CASE WHEN start = 1 AND key = :exact THEN -1 ELSE o END) AS first FROM m GROUP BY rid),
    reach AS (SELECT first, count(*) OVER (ORDER BY first) AS accounts FROM firsts),
    cut AS (SELECT
      (SELECT max(n) FROM (SELECT count(*) AS n FROM m GROUP BY b)) >= ${limit} AS cut_off,
      (SELECT min(first) FROM reach WHERE accounts >= ${limit}) AS last_kept)
    SELECT m.field, m.start, m.key, ${accountColumns}, c.cut_off
    FROM m JOIN cut c JOIN accounts a ON a.rid = m.rid
    ${keepAll ? '' : 'WHERE NOT c.cut_off OR c.last_kept IS NULL OR m.o <= c.last_kept OR (m.start = 1 AND m.key = :exact)'}`;
}

/**
 * SQL text per shape of query and limit, built once: the same string object keeps the
 * statement cache's lookup cheap. Limits are whole numbers the contract bounds (1–500 for
 * results, the count limit for counts), so the texts stay few.
 */
const sqlTexts = new Map<string, string>();

function cachedSql(key: string, build: () => string): string {
  let text = sqlTexts.get(key);
  if (text === undefined) sqlTexts.set(key, (text = build()));
  return text;
}

function checkedLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError('a lookup limit is a whole number ≥ 1');
  return limit;
}

export interface LookupStatementOptions {
  /**
   * Return every candidate the branches find, as before candidates were trimmed: the reference
   * `lookupCandidates.property.test.ts` compares the trimmed statement with.
   */
  readonly keepEveryCandidate?: boolean;
  /** Only accounts of these owners (the signed-in user's scope); absent: every account. */
  readonly owners?: readonly string[] | undefined;
}

/** The statement (SQL and named parameters) that finds the candidates for a query. */
export function lookupStatement(
  parsed: ParsedLookup,
  limit: number,
  includeArchived: boolean,
  options: LookupStatementOptions = {},
): LookupStatement | null {
  const branches: Branch[] = [];
  // Every name is bound, used or not: one parameter object shape per statement.
  const parameters: Record<string, string | number | null> = { exact: null };
  const namePrefix = (text: string) => {
    const key = text.slice(0, searchKeyLength);
    parameters['nameLo'] = key;
    parameters['nameHi'] = prefixUpperBound(key);
    // A query as long as the keys may match a cut key that the handler then rejects: no
    // exact matches, and every candidate is kept (see above).
    parameters['exact'] = text.length < searchKeyLength ? text : null;
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
  const rows = checkedLimit(limit);
  const scoped = options.owners !== undefined;
  if (scoped) parameters['owners'] = JSON.stringify(options.owners);
  const shape = `${branches.join(',')}|${includeArchived ? 1 : 0}|${scoped ? 'scoped' : 'all'}`;
  const keepAll =
    options.keepEveryCandidate === true ||
    (parameters['exact'] === null && parameters['nameLo'] !== undefined);
  const sql = cachedSql(`${shape}|${rows}|${keepAll ? 'all' : 'kept'}`, () =>
    candidatesSql(branches, includeArchived, rows, keepAll, scoped),
  );
  return { sql, parameters, shape, branches, includeArchived, scoped };
}

export function lookupCandidates(db: Db, statement: LookupStatement): LookupCandidates {
  const rows = db.statement(statement.sql).all(statement.parameters) as (LookupCandidate & {
    cut_off: number;
  })[];
  return { candidates: rows, cutOff: rows.some((row) => row.cut_off === 1) };
}

/** How many accounts the statement's branches reach in all, counting no further than `countLimit`. */
export function lookupCount(db: Db, statement: LookupStatement, countLimit: number): number {
  const limit = checkedLimit(countLimit);
  // Each branch stops at the count limit too, so a query as broad as one letter reads a
  // bounded number of index entries; the branches give only the account.
  const sql = cachedSql(
    `count|${statement.shape}|${limit}`,
    () =>
      `SELECT count(*) FROM (SELECT DISTINCT rid FROM ` +
      `(${union(statement.branches, statement.includeArchived, 'rid', limit, statement.scoped)}) LIMIT ${limit})`,
  );
  return db.statement(sql).pluck(true).get(statement.parameters) as number;
}
