import type { ApiHandlers } from '../../shared/api';
import { lastCompleteMonth, resolveWindow, type PeriodWindow } from '../../shared/domain/statistics';
import type { Db } from '../connection';
import { toAccountSummary } from '../queries/accounts';
import { rebuildConsumptionRollup } from '../queries/consumptionRollup';
import { groupRootOf, groupTree } from '../queries/detail';
import { coverageOf, slippingAccounts } from '../queries/statsAlerts';
import { paretoOf } from '../queries/statsPareto';
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

/** `from` after the default `to` cannot be caught by the schema: the default depends on today. */
function windowOf(
  request: { from?: string | undefined; to?: string | undefined; months: number },
  today: Date,
): PeriodWindow {
  const window = resolveWindow(request, today);
  if (!window) throw invalidField('from', 'period_range_reversed');
  return window;
}

const categoriesOf = <C>(categories: readonly C[] | undefined): readonly C[] | null =>
  categories && categories.length > 0 ? categories : null;

/**
 * Consumption statistics, read from the monthly roll-up. `now` is the device clock, injectable
 * so the default windows ("the last complete month") are testable.
 */
export function statsHandlers(db: Db, now: () => Date = () => new Date()): Pick<ApiHandlers, StatsOperation> {
  return {
    'stats.account': (input) => {
      const account = toAccountSummary(requireAccount(db, input.accountId));
      const window = windowOf(input, now());
      return {
        account,
        categories: categoriesOf(input.categories),
        trend: accountTrend(db, account.id, window, input.categories),
      };
    },
    'stats.group': (input) => {
      requireAccount(db, input.accountId);
      const window = windowOf(input, now());
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
    'stats.portfolio': (input) =>
      portfolioOf(db, { ...input, window: windowOf(input, now()), categories: input.categories }),
    'stats.pareto': (input) => paretoOf(db, { ...input, window: windowOf(input, now()) }),
    'stats.slipping': (input) => slippingAccounts(db, { ...input, to: input.to ?? lastCompleteMonth(now()) }),
    'stats.coverage': (input) => {
      const clock = now();
      return coverageOf(db, {
        ...input,
        limit: input?.limit ?? 100,
        today: input?.today ?? localDate(clock),
        utcOffsetMinutes: -clock.getTimezoneOffset(),
        cadenceDays: readSettings(db).visitCadenceDays,
      });
    },
    'stats.rebuild': () => {
      const started = performance.now();
      const counts = rebuildConsumptionRollup(db);
      return { ...counts, milliseconds: Math.round(performance.now() - started) };
    },
  };
}

function localDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
