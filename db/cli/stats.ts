import type { OperationName } from '../../shared/api';
import { formatYuan } from '../../shared/domain/money';
import { ApiError, type ApiResult } from '../../shared/errors';
import type {
  AccountStats,
  CoverageStats,
  GroupStats,
  ParetoStats,
  PortfolioStats,
  RollupRebuildResult,
  SlippingStats,
} from '../../shared/types';
import { UsageError, type Flags } from './args';
import { resolveAccount } from './everyday';
import type { CommandContext } from './run';

/** `fieldbook stats …`: the statistics operations with flags, printed for a terminal. */
export const statsUsage = `  stats account|group ID|NUMBER [--months N] [--to YYYY-MM] [--category C]
                                 monthly consumption of an account or its whole group
  stats portfolio|pareto|slipping [--to YYYY-MM] [--months N] [--owner M]
        [--region R] [--tier T] [--category C] [--by account|group] [--top N]
        [--threshold 0.2]        portfolio slices, 80/20 classes, accounts slipping
  stats coverage [--today YYYY-MM-DD]
                                 accounts not visited within their tier's cadence
  stats rebuild                  recompute the monthly roll-up from the raw bills`;

/** The stats flags as the operations' input fields (`--category` → `categories`). */
type StatsFlag =
  'to' | 'from' | 'months' | 'category' | 'by' | 'top' | 'threshold' | 'region' | 'tier' | 'today' | 'owner';

/** Flags as input fields; numbers stay strings when they are not numbers, for zod to name. */
function inputOf(flags: Flags, keys: readonly StatsFlag[]): Record<string, unknown> {
  const renamed: Partial<Record<StatsFlag, string>> = { category: 'categories', tier: 'tiers' };
  const numeric = new Set<StatsFlag>(['months', 'top', 'threshold']);
  const input: Record<string, unknown> = {};
  for (const key of keys) {
    const value = flags[key];
    if (value === undefined) continue;
    const number = typeof value === 'string' ? Number(value) : Number.NaN;
    input[renamed[key] ?? key] = numeric.has(key) && Number.isFinite(number) ? number : value;
  }
  return input;
}

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
const money = formatYuan;

export function runStats(context: CommandContext, args: readonly string[]): void {
  const { fieldbook, show } = context;
  const flags = context.line.flags;
  const [verb, reference, ...extra] = args;
  const needsAccount = verb === 'account' || verb === 'group';
  if (extra.length > 0 || needsAccount !== (reference !== undefined))
    throw new UsageError(`usage:\n${statsUsage}`);
  const call = <T>(name: OperationName, input: unknown): T => {
    const result = fieldbook.dispatch(name, input, context.request) as ApiResult<T>;
    if (!result.ok) throw ApiError.fromData(result.error);
    return result.value;
  };
  const window = ['to', 'from', 'months', 'category'] as const;
  const scope = ['owner', 'region', 'tier'] as const;
  switch (verb) {
    case 'account':
    case 'group': {
      const input = {
        accountId: resolveAccount(fieldbook, reference ?? '', context.request),
        ...inputOf(flags, window),
      };
      const stats = call<AccountStats | GroupStats>(`stats.${verb}`, input);
      show(stats, () => {
        const { trend } = stats;
        const name =
          'root' in stats ? `${stats.root.name} (group of ${stats.members.length})` : stats.account.name;
        return [
          `${name}: ${trend.window.from} … ${trend.window.to}, total ${money(trend.totalFen)}`,
          `latest ${money(trend.latestFen)}  MoM ${percent(trend.momChange)}  YoY ${percent(trend.yoyChange)}  ` +
            `12 months ${money(trend.trailing12Fen)} (${percent(trend.trailing12Change)})`,
          ...trend.series.map((month) => `  ${month.period}  ${money(month.amountFen).padStart(16)}`),
          ...trend.byCategory.map(
            (slice) => `  ${slice.category.padEnd(12)} ${money(slice.amountFen)} ${percent(slice.share)}`,
          ),
        ].join('\n');
      });
      return;
    }
    case 'portfolio': {
      const stats = call<PortfolioStats>('stats.portfolio', inputOf(flags, [...window, ...scope, 'top']));
      show(stats, () =>
        [
          `Portfolio ${stats.window.from} … ${stats.window.to}: ${money(stats.totalFen)} over ${stats.accounts} accounts`,
          ...(['byOwner', 'byRegion', 'byTier', 'byCategory'] as const).flatMap((key) => [
            key.slice(2),
            ...stats[key].map(
              (slice) =>
                `  ${(slice.key || '—').padEnd(14)} ${money(slice.amountFen)} ${percent(slice.share)} (${slice.accounts})`,
            ),
          ]),
          'Top',
          ...stats.top.map(
            (row) => `  ${row.rank}. ${row.account.name} ${money(row.amountFen)} ${percent(row.share)}`,
          ),
        ].join('\n'),
      );
      return;
    }
    case 'pareto': {
      const stats = call<ParetoStats>('stats.pareto', inputOf(flags, [...window, ...scope, 'by', 'top']));
      show(stats, () =>
        [
          `80/20 by ${stats.by}, ${stats.window.from} … ${stats.window.to}: ${stats.ranked} ranked, ${money(stats.totalFen)}`,
          ...stats.classes.map(
            (entry) => `  ${entry.abcClass}: ${entry.count} (${percent(entry.share)} of consumption)`,
          ),
          ...stats.top.map(
            (row) =>
              `  ${row.rank}. [${row.abcClass}] ${row.account.name} ${money(row.amountFen)} cumulative ${percent(row.cumulativeShare)}`,
          ),
        ].join('\n'),
      );
      return;
    }
    case 'slipping': {
      const stats = call<SlippingStats>(
        'stats.slipping',
        inputOf(flags, ['to', 'category', ...scope, 'threshold']),
      );
      show(stats, () =>
        [
          `${stats.total} accounts down more than ${percent(stats.threshold)}: ${stats.recent.from}…${stats.recent.to} against ${stats.previous.from}…${stats.previous.to}`,
          ...stats.rows.map(
            (row) =>
              `  ${row.account.name} ${money(row.previousFen)} → ${money(row.recentFen)} (${percent(row.change)})`,
          ),
        ].join('\n'),
      );
      return;
    }
    case 'coverage': {
      const stats = call<CoverageStats>('stats.coverage', inputOf(flags, ['today', ...scope]));
      show(stats, () =>
        [
          `Visit coverage on ${stats.today}: ${stats.overdue} accounts overdue`,
          ...stats.byTier.map(
            (tier) =>
              `  ${tier.tier.padEnd(11)} every ${tier.cadenceDays} days: ${tier.overdue}/${tier.accounts} overdue (${tier.neverVisited} never visited)`,
          ),
          ...stats.rows.map(
            (row) =>
              `  ${row.account.name} [${row.account.tier}] last visit ${row.lastVisitAt?.slice(0, 10) ?? 'never'}`,
          ),
        ].join('\n'),
      );
      return;
    }
    case 'rebuild': {
      const result = call<RollupRebuildResult>('stats.rebuild', {});
      show(
        result,
        () =>
          `Roll-up rebuilt: ${result.rows} rows (${result.totalRows} across categories) in ${result.milliseconds} ms`,
      );
      return;
    }
    default:
      throw new UsageError(`usage:\n${statsUsage}`);
  }
}
