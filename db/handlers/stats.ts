import type { ApiHandlers } from '../../shared/api';
import { resolveWindow, type BilledMonths, type PeriodWindow } from '../../shared/domain/statistics';
import { withOwners } from '../access/scope';
import type { Db } from '../connection';
import { toAccountSummary } from '../queries/accounts';
import { rebuildAnniversaryCounts } from '../queries/anniversaryCounts';
import { rebuildConsumptionRollup } from '../queries/consumptionRollup';
import { groupRootOf, groupTree } from '../queries/detail';
import { slippingAccounts } from '../queries/statsAlerts';
import { coverageOf } from '../queries/statsCoverage';
import { paretoOf } from '../queries/statsPareto';
import { billedAt } from '../queries/statsMonths';
import { portfolioOf } from '../queries/statsPortfolio';
import { accountTrend, groupTrend } from '../queries/statsSeries';
import { invalidField, requireAccount } from './guards';
import { readSettings } from './settings';

type StatsOperation =
  | 'stats.account'
  | 'stats.group'
  | 'stats.portfolio'
  | 'stats.pareto'
  | 'stats.slipping'
  | 'stats.coverage'
  | 'stats.rebuild';

/** `from` after the default `to` cannot be caught by the schema: the default depends on the bills. */
function windowOf(
  request: { from?: string | undefined; to?: string | undefined; months: number },
  billed: BilledMonths,
): PeriodWindow {
  const window = resolveWindow(request, billed.defaultTo);
  if (!window) throw invalidField('from', 'period_range_reversed');
  return window;
}

const categoriesOf = <C>(categories: readonly C[] | undefined): readonly C[] | null =>
  categories && categories.length > 0 ? categories : null;

/**
 * Consumption statistics, read from the monthly roll-up. Windows end by default at the book's
 * latest billed month; `now` is the device clock, injectable so the cap on that default (the last
 * complete month) is testable.
 */
export function statsHandlers(db: Db, now: () => Date = () => new Date()): Pick<ApiHandlers, StatsOperation> {
  return {
    'stats.account': (input) => {
      const account = toAccountSummary(requireAccount(db, input.accountId));
      const window = windowOf(input, billedAt(db, now()));
      return {
        account,
        categories: categoriesOf(input.categories),
        trend: accountTrend(db, account.id, window, input.categories),
      };
    },
    'stats.group': (input) => {
      requireAccount(db, input.accountId);
      const window = windowOf(input, billedAt(db, now()));
      const nodes = groupTree(db, groupRootOf(db, input.accountId));
      // A deleted account has no live tree: it is reported alone, as a group of one.
      const tree =
        nodes.length > 0
          ? nodes
          : [{ account: toAccountSummary(requireAccount(db, input.accountId)), parentId: null, depth: 0 }];
      const root = tree[0];
      if (!root) throw new Error('a group has at least its root');
      return {
        root: root.account,
        categories: categoriesOf(input.categories),
        ...groupTrend(db, tree, window, input.categories),
      };
    },
    'stats.portfolio': (input, context) => {
      const billed = billedAt(db, now());
      return {
        ...portfolioOf(db, {
          ...withOwners(input, context),
          window: windowOf(input, billed),
          categories: input.categories,
        }),
        billed,
      };
    },
    'stats.pareto': (input, context) => {
      const billed = billedAt(db, now());
      return { ...paretoOf(db, { ...withOwners(input, context), window: windowOf(input, billed) }), billed };
    },
    'stats.slipping': (input, context) => {
      const billed = billedAt(db, now());
      return {
        ...slippingAccounts(db, { ...withOwners(input, context), to: input.to ?? billed.defaultTo }),
        billed,
      };
    },
    'stats.coverage': (input, context) => {
      const clock = now();
      return coverageOf(db, {
        ...withOwners(input ?? {}, context),
        limit: input?.limit ?? 100,
        today: input?.today ?? localDate(clock),
        utcOffsetMinutes: -clock.getTimezoneOffset(),
        cadenceDays: readSettings(db).visitCadenceDays,
      });
    },
    'stats.rebuild': () => {
      const started = performance.now();
      const counts = db.transaction(() => {
        const rolledUp = rebuildConsumptionRollup(db);
        rebuildAnniversaryCounts(db);
        return rolledUp;
      });
      return { ...counts, milliseconds: Math.round(performance.now() - started) };
    },
  };
}

function localDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
