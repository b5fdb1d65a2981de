import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { parseLookupQuery } from '../../shared/domain/lookupQuery';
import { formatPhone } from '../../shared/domain/phone';
import { lookupStatement } from '../../db/queries/lookup';
import type { Fieldbook } from '../../db/service';
import { percentile, type Random } from './stats';

/**
 * Lookup latency per kind of query, through the dispatcher (zod, handler, ranking) and as the
 * bare prepared statement the handler runs, on queries drawn from the data itself.
 */
export type QueryKind = 'phone suffix' | 'full phone' | '汉字' | 'pinyin' | 'initials' | 'number';

export interface LookupFigures {
  readonly kind: QueryKind;
  readonly queries: number;
  readonly handlerP50: number;
  readonly handlerP95: number;
  readonly rawP50: number;
  readonly rawP95: number;
  /** handler p50 / raw p50: what the layers above SQL cost. */
  readonly ratio: number;
  readonly meanHits: number;
}

interface Sample {
  readonly name: string;
  readonly pinyin: string;
  readonly customerNo: string;
  readonly number: string;
  readonly kind: string;
}

function samples(sqlite: BetterSqlite3.Database, count: number, random: Random): Sample[] {
  const total = (sqlite.prepare('SELECT max(rid) AS n FROM accounts').get() as { n: number }).n;
  const pick = sqlite.prepare(
    `SELECT a.name, a.name_pinyin AS pinyin, a.customer_no AS customerNo, a.kind, p.number
     FROM accounts a JOIN account_phones p ON p.account_id = a.id
     WHERE a.rid >= ? AND a.deleted = 0 AND p.deleted = 0 LIMIT 1`,
  );
  const out: Sample[] = [];
  while (out.length < count) {
    const row = pick.get(1 + Math.floor(random() * total)) as Sample | undefined;
    if (row) out.push(row);
  }
  return out;
}

function queryFor(kind: QueryKind, sample: Sample, random: Random): string {
  const chars = Array.from(sample.name);
  switch (kind) {
    case 'phone suffix':
      return sample.number.slice(-(4 + Math.floor(random() * 3)));
    case 'full phone':
      // Numbers abroad (E.164) have no +86 form: shown as they are written.
      return random() < 0.5 || sample.number.startsWith('+')
        ? formatPhone(sample.number)
        : `+86 ${sample.number}`;
    case '汉字': {
      // People type a person's whole name, or two characters of a company's.
      if (sample.kind === 'person') return sample.name;
      const start = Math.floor(random() * Math.max(1, chars.length - 2));
      return chars.slice(start, start + 2).join('');
    }
    case 'pinyin':
      return sample.pinyin
        .split(' ')
        .slice(0, 3)
        .join(random() < 0.3 ? ' ' : '');
    case 'initials':
      return sample.pinyin
        .split(' ')
        .slice(0, 3)
        .map((token) => token.charAt(0))
        .join('');
    case 'number':
      return random() < 0.5 ? sample.customerNo : sample.customerNo.slice(0, 7);
  }
}

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export const queryKinds: readonly QueryKind[] = [
  'phone suffix',
  'full phone',
  '汉字',
  'pinyin',
  'initials',
  'number',
];

export function benchLookup(fieldbook: Fieldbook, perKind: number, random: Random): LookupFigures[] {
  const pool = samples(fieldbook.db.sqlite, perKind, random);
  const context = { actor: 'bench' };
  return queryKinds.map((kind) => {
    const queries = pool.map((sample) => queryFor(kind, sample, random));
    let hits = 0;
    const handler: number[] = [];
    const raw: number[] = [];
    for (const query of queries) {
      const statement = lookupStatement(parseLookupQuery(query), 20, true);
      if (statement === null) continue;
      const prepared = fieldbook.db.sqlite.prepare(statement.sql);
      // Both measured warm (pages cached), as in a session where the user keeps typing, and
      // interleaved three times each so neither side gains from running second; the median
      // of the three is the query's time.
      prepared.all(statement.parameters);
      const handlerRuns: number[] = [];
      const rawRuns: number[] = [];
      for (let round = 0; round < 3; round++) {
        handlerRuns.push(
          time(() => {
            const result = fieldbook.dispatch('lookup.search', { query }, context);
            if (result.ok && round === 0) hits += (result.value as { hits: unknown[] }).hits.length;
          }),
        );
        rawRuns.push(time(() => prepared.all(statement.parameters)));
      }
      handler.push(percentile(handlerRuns, 50));
      raw.push(percentile(rawRuns, 50));
    }
    return {
      kind,
      queries: queries.length,
      handlerP50: percentile(handler, 50),
      handlerP95: percentile(handler, 95),
      rawP50: percentile(raw, 50),
      rawP95: percentile(raw, 95),
      ratio: percentile(handler, 50) / Math.max(percentile(raw, 50), 1e-6),
      meanHits: hits / queries.length,
    };
  });
}
