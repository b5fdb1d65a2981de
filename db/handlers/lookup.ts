import type { ApiHandlers } from '../../shared/api';
import { parseLookupQuery, type ParsedLookup } from '../../shared/domain/lookupQuery';
import {
  initialTokens,
  normalizeNameWithOffsets,
  searchKeyLength,
  tokenMatchRange,
} from '../../shared/domain/nameSearch';
import type { LookupField, LookupHit, LookupResult, MatchKind } from '../../shared/types';
import { lookupCountLimit } from '../../shared/schemas';
import { masksFor } from '../access/scope';
import { maskPhone } from '../../shared/domain/mask';
import type { Db } from '../connection';
import { toAccountSummary } from '../queries/accounts';
import { contractsByNumber } from '../queries/contracts';
import { localToday } from '../queries/records';
import {
  lookupCandidates,
  lookupCount,
  lookupStatement,
  type LookupCandidate,
  type LookupCandidates,
  type LookupStatement,
} from '../queries/lookup';

/**
 * Ranking: exact before prefix (and phone suffix) before substring; within each, active
 * accounts before archived ones, then by field (phone and number before names), then pinyin
 * that ends on a whole syllable, then by the name's pinyin. One hit per account: its best match.
 */
const matchOrder: Record<MatchKind, number> = { exact: 0, prefix: 1, suffix: 1, substring: 2 };
const fieldOrder: Record<LookupField, number> = {
  id: 0,
  creditCode: 0,
  phone: 1,
  customerNo: 2,
  pinyin: 3,
  initials: 4,
  name: 5,
  contractNo: 2,
};

function queryText(parsed: ParsedLookup, field: LookupField): string {
  switch (parsed.kind) {
    case 'digits':
      return field === 'phone'
        ? parsed.digits
        : field === 'creditCode'
          ? (parsed.creditCode ?? '')
          : parsed.customerNo;
    case 'latin':
      return field === 'customerNo' ? parsed.customerNo : parsed.letters;
    case 'han':
      return parsed.text;
    case 'code':
      return field === 'creditCode' ? (parsed.creditCode ?? '') : parsed.customerNo;
    case 'id':
      return parsed.id;
    case 'empty':
      return '';
  }
}

/**
 * A phone query is the digits of the number's end; all of them when it was typed whole. A
 * number of another country is stored with its `+` (E.164), which a query leaves out.
 */
function isWholeNumber(stored: string, queryDigits: string): boolean {
  return stored === queryDigits || (stored.charAt(0) === '+' && stored.slice(1) === queryDigits);
}

/** The match kind and the highlighted range, or null when a truncated key did not really match. */
function describe(candidate: LookupCandidate, query: string): Omit<LookupHit, 'account'> | null {
  const field = candidate.field;
  if (field === 'phone') {
    const exact = isWholeNumber(candidate.key, query);
    return {
      field,
      match: exact ? 'exact' : 'suffix',
      text: candidate.key,
      start: exact ? 0 : candidate.key.length - query.length,
      end: candidate.key.length,
    };
  }
  if (field === 'customerNo') {
    const match = candidate.key === query ? 'exact' : 'prefix';
    return { field, match, text: candidate.key, start: 0, end: query.length };
  }
  if (field === 'creditCode' || field === 'id') {
    return { field, match: 'exact', text: candidate.key, start: 0, end: candidate.key.length };
  }
  const { text: normalized, offsets } = normalizeNameWithOffsets(candidate.name);
  const pinyin = candidate.name_pinyin === '' ? [] : candidate.name_pinyin.split(' ');
  let whole: string;
  let range: { start: number; end: number } | null;
  if (field === 'name') {
    // Keys leave out whitespace: find the match there, then map back to the normalized text.
    const kept: number[] = [];
    for (let i = 0; i < normalized.length; i++) if (!/\s/.test(normalized.charAt(i))) kept.push(i);
    whole = normalized.replace(/\s+/g, '');
    const at = whole.indexOf(query);
    range = at < 0 ? null : { start: kept[at] ?? 0, end: (kept[at + query.length - 1] ?? 0) + 1 };
  } else {
    const tokens = field === 'pinyin' ? pinyin : initialTokens(normalized, pinyin);
    whole = tokens.join('');
    range = tokenMatchRange(normalized, tokens, query);
  }
  if (range === null) return null;
  const match: MatchKind =
    whole === query ? 'exact' : candidate.start === 1 && whole.startsWith(query) ? 'prefix' : 'substring';
  const start = offsets[range.start] ?? 0;
  const end =
    range.end < normalized.length ? (offsets[range.end] ?? candidate.name.length) : candidate.name.length;
  return { field, match, text: candidate.name, start, end: Math.max(end, start + 1) };
}

/**
 * The match kind a candidate will have, from its key alone (cheap), so only the hits that make
 * the cut are described and highlighted. A key cut at the index's length counts as a prefix.
 */
function likelyMatch(candidate: LookupCandidate, query: string): MatchKind {
  switch (candidate.field) {
    case 'phone':
      return isWholeNumber(candidate.key, query) ? 'exact' : 'suffix';
    case 'customerNo':
      return candidate.key === query ? 'exact' : 'prefix';
    case 'creditCode':
    case 'id':
      return 'exact';
    default:
      if (candidate.start !== 1) return 'substring';
      return candidate.key === query && query.length < searchKeyLength ? 'exact' : 'prefix';
  }
}

/** `lin` ends on a syllable of 林超 (lin chao) but inside one of 李宁 (li ning): 林 first. */
function endsOnSyllable(pinyin: string, query: string): boolean {
  let length = 0;
  for (const token of pinyin.split(' ')) {
    length += token.length;
    if (length >= query.length) return length === query.length;
  }
  return false;
}

/**
 * Each branch of the statement (a field, a start flag, active or archived) stops at `limit`
 * rows. When none did, the candidates are every match there is; when one did, there may be
 * more, and a second statement counts them.
 */
function countMatches(
  db: Db,
  statement: LookupStatement,
  { candidates, cutOff }: LookupCandidates,
  hits: number,
  limit: number,
): { total: number; totalCapped: boolean } {
  if (!cutOff) {
    // Every candidate was described unless the hits filled up first; a candidate whose cut key
    // did not really match (a query longer than the keys) may then be counted.
    const total = hits < limit ? hits : new Set(candidates.map((candidate) => candidate.id)).size;
    return { total, totalCapped: false };
  }
  const counted = lookupCount(db, statement, lookupCountLimit);
  return { total: Math.max(counted, hits), totalCapped: counted >= lookupCountLimit };
}

export function search(
  db: Db,
  query: string,
  limit: number,
  includeArchived: boolean,
  owners?: readonly string[],
): LookupResult {
  const parsed = parseLookupQuery(query);
  const statement = lookupStatement(parsed, limit, includeArchived, { owners });
  if (statement === null) return { query, kind: parsed.kind, hits: [], total: 0, totalCapped: false };
  const found = lookupCandidates(db, statement);
  const ranked = found.candidates.map((candidate) => {
    const text = queryText(parsed, candidate.field);
    const rank: Rank = [
      matchOrder[likelyMatch(candidate, text)],
      candidate.status === 'archived' ? 1 : 0,
      fieldOrder[candidate.field],
      candidate.field === 'pinyin' && !endsOnSyllable(candidate.name_pinyin, text) ? 1 : 0,
      candidate.name_pinyin,
    ];
    return { candidate, text, rank };
  });
  ranked.sort((a, b) => compareRanks(a.rank, b.rank));
  const hits: LookupHit[] = [];
  const seen = new Set<string>();
  for (const { candidate, text } of ranked) {
    if (hits.length >= limit) break;
    if (seen.has(candidate.id)) continue;
    const described = describe(candidate, text);
    if (!described) continue;
    seen.add(candidate.id);
    hits.push({ account: toAccountSummary(candidate), ...described });
  }
  return { query, kind: parsed.kind, hits, ...countMatches(db, statement, found, hits.length, limit) };
}

type Rank = [number, number, number, number, string];

function compareRanks(a: Rank, b: Rank): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3] || (a[4] < b[4] ? -1 : a[4] > b[4] ? 1 : 0);
}

/**
 * A query that is (the start of) a contract number also finds the contract's account: an exact
 * number first of all, a number's start after the exact matches of the accounts' own fields.
 */
function withContracts(
  db: Db,
  result: LookupResult,
  limit: number,
  includeArchived: boolean,
  owners: readonly string[] | undefined,
): LookupResult {
  const query = result.query.trim();
  if (query.length < 2 || query.length > 40) return result;
  const found = contractsByNumber(db, query, limit, localToday(), owners).filter(
    (item) => includeArchived || item.account.status !== 'archived',
  );
  if (found.length === 0) return result;
  const key = query.toUpperCase();
  const seen = new Set(result.hits.map((hit) => hit.account.id));
  const contractHits: LookupHit[] = [];
  for (const { contract, account } of found) {
    if (seen.has(account.id)) continue;
    seen.add(account.id);
    const match: MatchKind = contract.number === key ? 'exact' : 'prefix';
    contractHits.push({
      account,
      field: 'contractNo',
      match,
      text: contract.number,
      start: 0,
      end: key.length,
    });
  }
  const exact = contractHits.filter((hit) => hit.match === 'exact');
  const firstOther = result.hits.findIndex((hit) => hit.match !== 'exact');
  const at = firstOther < 0 ? result.hits.length : firstOther;
  const hits = [
    ...exact,
    ...result.hits.slice(0, at),
    ...contractHits.filter((hit) => hit.match !== 'exact'),
    ...result.hits.slice(at),
  ].slice(0, limit);
  return { ...result, hits, total: result.total + contractHits.length };
}

export function lookupHandlers(db: Db): Pick<ApiHandlers, 'lookup.search'> {
  return {
    'lookup.search': ({ query, limit, includeArchived }, context) => {
      // Only the accounts the user may see: a manager's own, a supervisor's team's.
      const owners = context.user?.owners ?? undefined;
      const result = withContracts(
        db,
        search(db, query, limit, includeArchived, owners),
        limit,
        includeArchived,
        owners,
      );
      // A number found is shown masked where the role has no need (the account page reveals it).
      const hits = result.hits.map((hit) =>
        hit.field === 'phone' && masksFor(context.user, hit.account.owner)
          ? { ...hit, text: maskPhone(hit.text) }
          : hit,
      );
      return { ...result, hits };
    },
  };
}
