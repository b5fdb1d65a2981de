import type { ConsumptionCategory } from '../../shared/types';
import { beforeReference, billRunMs, periodCount, periodMonths, periods } from './clock';
import { categoryScale, organizationCategoryOdds, unitPriceFen } from './data/activity';
import { industries } from './data/companies';
import { organization, type Plan } from './plan';
import type { Prng } from './random';
import type { Sink } from './sink';

/**
 * Monthly bills for the 24 closed months: one row per (account, period, service), amounts
 * in fen. An account's size is heavy-tailed (Pareto, so a fifth of the accounts bring most of
 * the revenue), its bill follows a trend (growing, declining, seasonal around 春节, or flat)
 * and splits over its services. Bills are loaded at each month-end run; bills older than the
 * account were loaded with it. Archived accounts stopped paying some months ago.
 */
const categories: ConsumptionCategory[] = [];
const shares: number[] = [];
const fullTurn = Math.PI * 2;

function chooseCategories(plan: Plan, i: number, prng: Prng): void {
  categories.length = 0;
  if (plan.kind[i] !== organization) {
    categories.push('data');
    if (prng.chance(0.5)) categories.push(prng.chance(0.6) ? 'voice' : 'broadband');
    return;
  }
  const favours = industries[plan.industry[i] ?? 0]?.favours ?? [];
  for (const [category, odds] of organizationCategoryOdds) {
    const favoured = favours.includes(category);
    if (prng.chance(favoured ? odds + (1 - odds) * 0.45 : odds)) categories.push(category);
  }
  for (const fallback of ['data', 'voice'] as const) {
    if (categories.length < 2 && !categories.includes(fallback)) categories.push(fallback);
  }
}

/** The account's bill as a multiple of its typical one, month by month (index 0 oldest). */
function trendOf(prng: Prng): (period: number) => number {
  const roll = prng.float();
  const rate = 0.005 + 0.025 * prng.float();
  if (roll < 0.3) return (p) => Math.pow(1 + rate, p - periodCount + 1);
  if (roll < 0.5) return (p) => Math.pow(1 - rate, p - periodCount + 1);
  if (roll < 0.7) {
    const depth = 0.1 + 0.25 * prng.float();
    // Peaks around the Spring Festival (Jan–Feb), when calls and data soar.
    return (p) => 1 + depth * Math.cos((fullTurn * ((periodMonths[p] ?? 1) - 1.5)) / 12);
  }
  return () => 1;
}

function quantityOf(category: ConsumptionCategory, amount: number, prng: Prng): number | null {
  const price = unitPriceFen[category];
  if (price === null) return null;
  const units = (amount / price) * (0.8 + 0.4 * prng.float());
  if (category === 'data') return Math.round(units * 10) / 10;
  return Math.max(1, Math.round(units));
}

export function writeConsumption(plan: Plan, i: number, prng: Prng, sink: Sink): void {
  chooseCategories(plan, i, prng);
  shares.length = 0;
  let total = 0;
  for (const category of categories) {
    const share = categoryScale[category] * (0.5 + prng.float());
    shares.push(share);
    total += share;
  }
  const trend = trendOf(prng);
  const last = plan.archived[i] ? periodCount - 1 - prng.range(1, 12) : periodCount - 1;
  const spend = plan.spend[i] ?? 0;
  const created = plan.created[i] ?? 0;
  const accountId = plan.ids[i] ?? '';
  // Bills of one run are loaded in account order over about 20 hours.
  const runOffset = (i / plan.count) * 72_000_000;
  for (let p = 0; p <= last; p++) {
    const loaded = Math.max((billRunMs[p] ?? 0) + runOffset + prng.int(1000), created + 60_000 + p * 1000);
    const monthly = spend * trend(p);
    for (let c = 0; c < categories.length; c++) {
      const category = categories[c] ?? 'other';
      const noise = 1 + 0.08 * prng.gauss();
      const amountFen = Math.max(100, Math.round(((monthly * (shares[c] ?? 0)) / total) * noise));
      sink.insert('consumption', {
        id: sink.id(prng, beforeReference(loaded + c)),
        account_id: accountId,
        period: periods[p] ?? '',
        category,
        amount_fen: amountFen,
        quantity: quantityOf(category, amountFen, prng),
        source: 'billing',
        note: '',
      });
    }
  }
}
