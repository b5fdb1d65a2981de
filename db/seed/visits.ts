import type { VisitKind } from '../../shared/types';
import { beforeReference, day, isoDate, referenceMs, visitsStartMs, workingMoment } from './clock';
import {
  complaintDemands,
  complaintIssues,
  followUps,
  marketingEvents,
  plannedVisitTopics,
  satisfiedFeedback,
  suggestionTexts,
  topicOutcomes,
  topicVerbs,
  unhappyFeedback,
  visitKindWeights,
  visitOpenings,
  visitTopics,
} from './data/activity';
import { honorifics, managerCodes } from './data/people';
import { allSurnames, surnameTable } from './names';
import { organization, type Plan } from './plan';
import { Weighted, type Prng } from './random';
import type { Sink } from './sink';

/**
 * Service records over the last two years: strategic accounts are seen most (about 40 times
 * in the two years), general ones five or six; archived ones rarely, and accounts created
 * recently fewer. Each record is written by the account's manager a little after it happened,
 * in the words managers use. Most active strategic and partner accounts also have a visit
 * planned in the two months after "now".
 */
const visitsPerTier = [44, 20, 10.5, 5.9];
const kinds = new Weighted(visitKindWeights);
const year = 365 * day;
const hour = 3_600_000;

function content(kind: VisitKind, prng: Prng): string {
  const opening = prng.pick(visitOpenings[kind]);
  switch (kind) {
    case 'complaint':
      return `${opening}：${prng.pick(complaintIssues)}`;
    case 'suggestion':
      return `${opening}：${prng.pick(suggestionTexts)}`;
    case 'marketing':
      return `${opening}${prng.pick(marketingEvents)}`;
    default:
      return `${opening}，${prng.pick(topicVerbs)}${prng.pick(visitTopics)}${prng.pick(topicOutcomes)}`;
  }
}

function feedback(kind: VisitKind, prng: Prng): string {
  if (kind === 'complaint') return `${prng.pick(unhappyFeedback)}${prng.pick(complaintDemands)}`;
  const roll = prng.float();
  if (roll < 0.45) return prng.pick(satisfiedFeedback);
  if (roll < 0.65) return prng.pick(unhappyFeedback);
  return '';
}

function participants(isOrganization: boolean, prng: Prng): string {
  if (!isOrganization) return prng.chance(0.8) ? '本人' : '本人及家属';
  const count = prng.range(1, 3);
  let text = '';
  for (let k = 0; k < count; k++) {
    text += `${k > 0 ? '、' : ''}${allSurnames[surnameTable.pick(prng)] ?? ''}${prng.pick(honorifics)}`;
  }
  return text;
}

export function writeVisits(plan: Plan, i: number, prng: Prng, sink: Sink): void {
  const from = Math.max((plan.created[i] ?? 0) + hour, visitsStartMs);
  const to = referenceMs - hour;
  if (from >= to) return;
  const span = Math.min(1, (to - from) / year);
  const mean = (visitsPerTier[plan.tier[i] ?? 3] ?? 5) * (plan.archived[i] ? 0.4 : 1) * (0.3 + 0.7 * span);
  const count = prng.count(mean);
  const isOrganization = plan.kind[i] === organization;
  const accountId = plan.ids[i] ?? '';
  const manager = managerCodes[plan.owner[i] ?? 0] ?? '';
  for (let v = 0; v < count; v++) {
    const kind = kinds.pick(prng);
    const occurred = workingMoment(from, to, prng.float(), prng.int(570));
    const wantsFollowUp = kind === 'complaint' || prng.chance(0.3);
    const followUp = wantsFollowUp ? prng.pick(followUps) : '';
    const due =
      wantsFollowUp && (kind === 'complaint' || prng.chance(0.8))
        ? isoDate(occurred + (kind === 'complaint' ? prng.range(1, 7) : prng.range(3, 30)) * day)
        : null;
    const id = sink.id(prng, beforeReference(occurred + prng.range(300_000, 2 * day)));
    const record = {
      account_id: accountId,
      occurred_at: new Date(occurred).toISOString(),
      kind,
      participants: participants(isOrganization, prng),
      content: content(kind, prng),
      feedback: feedback(kind, prng),
      follow_up: followUp,
      follow_up_due: due,
    };
    sink.insert('visits', { id, ...record, follow_up_done_at: followUpDoneAt(due, occurred, prng), manager });
  }
  writePlannedVisits(plan, i, prng, sink);
}

/**
 * Managers keep their follow-ups: those due more than three weeks before "now" were done (on
 * or a little before the day), and of the recent ones a little over half are still open, so
 * each manager's agenda has a few overdue and coming.
 */
function followUpDoneAt(due: string | null, occurred: number, prng: Prng): string | null {
  if (due === null) return null;
  const dueMs = Date.parse(`${due}T02:00:00Z`);
  if (dueMs >= referenceMs - 21 * day && prng.chance(0.6)) return null;
  const doneMs = Math.max(occurred + hour, dueMs + prng.range(0, 8) * hour - prng.range(0, 3) * day);
  return new Date(beforeReference(doneMs)).toISOString();
}

/** Chance of a planned visit in the weeks after "now", by tier (strategic first). */
const planChance = [0.9, 0.5, 0.2, 0.04];
const planSpanMs = 60 * day;

/** Visits dated after "now", written a few days before it: the plans on a manager's agenda. */
function writePlannedVisits(plan: Plan, i: number, prng: Prng, sink: Sink): void {
  if (plan.archived[i] || !prng.chance(planChance[plan.tier[i] ?? 3] ?? 0)) return;
  const when = workingMoment(referenceMs + day, referenceMs + planSpanMs, prng.float(), prng.int(570));
  sink.insert('visits', {
    id: sink.id(prng, referenceMs - prng.range(1, 10) * day),
    account_id: plan.ids[i] ?? '',
    occurred_at: new Date(when).toISOString(),
    kind: prng.chance(0.7) ? 'onsite' : 'phone',
    participants: '',
    content: prng.pick(plannedVisitTopics),
    feedback: '',
    follow_up: '',
    follow_up_due: null,
    follow_up_done_at: null,
    manager: managerCodes[plan.owner[i] ?? 0] ?? '',
  });
}
