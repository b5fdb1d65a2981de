import { ruleProblem, type AnniversaryRule } from '../../shared/domain/anniversaryRule';
import type { AnniversaryKind } from '../../shared/types';
import { foundedYear } from './accounts';
import { beforeReference, day, referenceMs } from './clock';
import {
  birthdayNotes,
  contractLabels,
  foundingNotes,
  organizationCustomLabels,
  personCustomLabels,
} from './data/activity';
import { leapMonthDateNear, lunarDateIn, lunarMonthDays } from './lunar';
import { organization, streams, type Plan } from './plan';
import { Prng } from './random';
import type { Sink } from './sink';

/**
 * Anniversaries: people's birthdays (a third lunar, as many in 潮汕 keep them), weddings
 * (spouses share theirs), and companies' founding and contract days. Every rule is checked
 * with the same `ruleProblem` the API uses, so demo data never holds a date a form rejects.
 */
interface Draft extends AnniversaryRule {
  readonly kind: AnniversaryKind;
  readonly label: string;
  readonly note: string;
}

const reference = new Date(referenceMs);
const weddingStream = new Prng(0);

/** A Gregorian date in `year` (any day when null), before the reference date. */
function gregorianIn(year: number | null, prng: Prng): { month: number; day: number } {
  const y = year ?? 2001;
  const start = Date.UTC(y, 0, 1);
  const end = Math.min(Date.UTC(y + 1, 0, 1), year === null ? Infinity : referenceMs);
  const date = new Date(start + prng.int(Math.max(1, Math.round((end - start) / day))) * day);
  return { month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function dateRule(
  calendar: 'gregorian' | 'lunar',
  year: number | null,
  prng: Prng,
): Pick<AnniversaryRule, 'calendar' | 'month' | 'day' | 'leapMonth' | 'year'> {
  if (calendar === 'gregorian') return { calendar, ...gregorianIn(year, prng), leapMonth: false, year };
  if (year === null)
    return { calendar, month: prng.range(1, 12), day: prng.range(1, 30), leapMonth: false, year };
  return { calendar, ...lunarDateIn(year, prng), year };
}

function birthday(plan: Plan, i: number, prng: Prng): Draft {
  const note = prng.chance(0.1) ? prng.pick(birthdayNotes) : '';
  const born = plan.birthYear[i] ?? 1976;
  const year = prng.chance(0.8) ? born : null;
  if (prng.chance(0.3)) {
    if (year !== null && prng.chance(0.03)) {
      const leap = leapMonthDateNear(year, prng);
      return { kind: 'birthday', label: '', note, calendar: 'lunar', ...leap.date, year: leap.year };
    }
    return { kind: 'birthday', label: '', note, ...dateRule('lunar', year, prng) };
  }
  if (year !== null && prng.chance(0.006)) {
    return {
      kind: 'birthday',
      label: '',
      note,
      calendar: 'gregorian',
      month: 2,
      day: 29,
      leapMonth: false,
      year: born - (born % 4),
    };
  }
  return { kind: 'birthday', label: '', note, ...dateRule('gregorian', year, prng) };
}

/** A couple's wedding day, the same from either side: drawn from the pair's own stream. */
function wedding(plan: Plan, i: number, prng: Prng): Draft {
  const partner = plan.spouse[i] ?? -1;
  const stream =
    partner === -1 ? prng : weddingStream.reseed(plan.seed, streams.weddings, Math.min(i, partner));
  const born = Math.max(plan.birthYear[i] ?? 1976, partner === -1 ? 0 : (plan.birthYear[partner] ?? 0));
  const year = Math.min(reference.getUTCFullYear() - 1, Math.max(1978, born + stream.range(23, 33)));
  return {
    kind: 'wedding',
    label: '',
    note: '',
    ...dateRule(stream.chance(0.15) ? 'lunar' : 'gregorian', year, stream),
  };
}

function personDrafts(plan: Plan, i: number, prng: Prng, out: Draft[]): void {
  if (prng.chance(0.92)) out.push(birthday(plan, i, prng));
  if ((plan.spouse[i] ?? -1) !== -1 || prng.chance(0.25)) out.push(wedding(plan, i, prng));
  if (prng.chance(0.15)) {
    const label = prng.pick(personCustomLabels);
    const calendar = label.endsWith('父亲生日') || label.endsWith('母亲生日') ? 'lunar' : 'gregorian';
    out.push({
      kind: 'custom',
      label,
      note: '',
      ...dateRule(prng.chance(0.7) ? calendar : 'gregorian', null, prng),
    });
  }
}

function organizationDrafts(plan: Plan, i: number, prng: Prng, out: Draft[]): void {
  const founded = foundedYear(plan, i);
  if (prng.chance(0.95)) {
    const note = prng.chance(0.15) ? prng.pick(foundingNotes) : '';
    out.push({ kind: 'founding', label: '', note, ...dateRule('gregorian', founded, prng) });
  }
  const contracts = prng.chance(0.85) ? (prng.chance(0.15) ? 2 : 1) : 0;
  const firstContractYear = Math.max(founded + 1, 2012);
  for (let c = 0; c < contracts; c++) {
    const year = prng.range(firstContractYear, reference.getUTCFullYear());
    out.push({
      kind: 'contract',
      label: prng.pick(contractLabels),
      note: '',
      ...dateRule('gregorian', year, prng),
    });
  }
  if (prng.chance(0.2)) {
    const year = prng.chance(0.5)
      ? prng.range(Math.max(founded, 2000), reference.getUTCFullYear() - 1)
      : null;
    out.push({
      kind: 'custom',
      label: prng.pick(organizationCustomLabels),
      note: '',
      ...dateRule('gregorian', year, prng),
    });
  }
}

/**
 * `ruleProblem`, except that lunar rules with a year are checked against the lunar tables
 * (themselves verified against `ruleProblem` once per year): the library recomputes a year's
 * astronomy on every call for another year, a millisecond each.
 */
function problemOf(rule: AnniversaryRule): ReturnType<typeof ruleProblem> {
  if (rule.calendar === 'gregorian' || rule.year === null) return ruleProblem(rule);
  if (rule.day > 30) return 'lunar_day_out_of_range';
  const days = lunarMonthDays(rule.year, rule.month, rule.leapMonth);
  if (days === 0) return rule.leapMonth ? 'lunar_leap_month_missing_in_year' : 'lunar_day_missing_in_year';
  return rule.day > days ? 'lunar_day_missing_in_year' : null;
}

const drafts: Draft[] = [];

export function writeAnniversaries(plan: Plan, i: number, prng: Prng, sink: Sink): void {
  drafts.length = 0;
  if (plan.kind[i] === organization) organizationDrafts(plan, i, prng, drafts);
  else personDrafts(plan, i, prng, drafts);
  const tier = plan.tier[i] ?? 3;
  const created = plan.created[i] ?? 0;
  for (const draft of drafts) {
    const problem = problemOf(draft);
    if (problem)
      throw new Error(`demo data made an invalid anniversary (${problem}): ${JSON.stringify(draft)}`);
    const leadDays = tier === 0 && prng.chance(0.3) ? '[30,7,1]' : prng.chance(0.06) ? '[7,1]' : null;
    sink.insert('anniversaries', {
      id: sink.id(prng, beforeReference(created + prng.range(60_000, 30 * day))),
      account_id: plan.ids[i] ?? '',
      kind: draft.kind,
      label: draft.label,
      calendar: draft.calendar,
      month: draft.month,
      day: draft.day,
      leap_month: draft.leapMonth ? 1 : 0,
      year: draft.year,
      lead_days: leadDays,
      note: draft.note,
    });
  }
}
