import type { ApiHandlers, OperationName } from '../../shared/api';
import { repeatsAnniversary, type AnniversaryLike } from '../../shared/domain/anniversaryDuplicates';
import { ruleProblem } from '../../shared/domain/anniversaryRule';
import { followUpProblems } from '../../shared/domain/visitRules';
import { addDays } from '../../shared/domain/lunarCalendar';
import { ApiError } from '../../shared/errors';
import { validationMessages } from '../../shared/validationMessages';
import type { AccountKind, AnniversaryKind, ConsumptionCategory } from '../../shared/types';
import type { Db } from '../connection';
import { newId } from '../ids';
import {
  anniversariesOf,
  consumptionOf,
  localToday,
  sameBill,
  toAnniversary,
  toConsumption,
  toVisit,
  visitsOf,
} from '../queries/records';
import { anniversariesBetween, countByDay } from '../queries/anniversaryDates';
import type { Row } from '../tables';
import { write } from '../write';
import { invalidField, requireLiveAccount, requireLiveRow } from './guards';
import { setDeleted } from './softDelete';

type ActivityOps = Extract<
  OperationName,
  `visits.${string}` | `anniversaries.${string}` | `consumption.${string}`
>;

/** Birthdays and weddings are people's; a founding day is a company's. */
const anniversaryAccountKind: Partial<Record<AnniversaryKind, AccountKind>> = {
  birthday: 'person',
  wedding: 'person',
  founding: 'organization',
};

function checkAnniversaryKind(db: Db, accountId: string, kind: AnniversaryKind): void {
  const account = requireLiveAccount(db, accountId);
  const needed = anniversaryAccountKind[kind];
  if (needed && account.kind !== needed) {
    throw new ApiError(
      'INVALID_ANNIVERSARY',
      `A ${kind} belongs to a ${needed}, and ${account.name} is not one`,
      {
        details: { kind, accountKind: account.kind },
      },
    );
  }
}

function rejectSameBill(
  db: Db,
  accountId: string,
  period: string,
  category: ConsumptionCategory,
  exceptId?: string,
): void {
  const existing = sameBill(db, accountId, period, category).filter((row) => row.id !== exceptId);
  if (existing.length > 0) {
    throw new ApiError('DUPLICATE_CONSUMPTION', `There is already ${category} consumption for ${period}`, {
      details: { existing: existing.map(toConsumption) },
    });
  }
}

/**
 * A second birthday (or the same contract day twice) is refused until the user has seen the one
 * already there and keeps both.
 */
function rejectLikeAnniversary(
  db: Db,
  accountId: string,
  candidate: AnniversaryLike,
  exceptId?: string,
): void {
  const existing = anniversariesOf(db, accountId)
    .filter((row) => row.id !== exceptId)
    .map(toAnniversary)
    .filter((anniversary) => repeatsAnniversary(candidate, anniversary));
  if (existing.length > 0) {
    throw new ApiError('DUPLICATE_ANNIVERSARY', `The account already has a ${candidate.kind} like it`, {
      details: { existing },
    });
  }
}

/** A visit's follow-up problems as one validation error, each on its field. */
function followUpRefusal(problems: ReturnType<typeof followUpProblems>): ApiError {
  const issues = problems.map(({ path, key }) => ({
    path: [path],
    code: key,
    message: validationMessages[key].en,
  }));
  return new ApiError(
    'VALIDATION_FAILED',
    issues.map((issue) => `${issue.path[0]}: ${issue.message}`).join('; '),
    {
      issues,
    },
  );
}

const byAccount = (row: { account_id: string }) => [row.account_id];

export function activityHandlers(db: Db): Pick<ApiHandlers, ActivityOps> {
  const anniversaryRecheck = (row: Row<'anniversaries'>) =>
    checkAnniversaryKind(db, row.account_id, row.kind);

  return {
    'visits.create': (input, { actor }) => {
      requireLiveAccount(db, input.accountId);
      const row = write(db, actor, (writer) =>
        writer.insert('visits', {
          id: newId(),
          account_id: input.accountId,
          occurred_at: input.occurredAt ?? new Date().toISOString(),
          kind: input.kind,
          participants: input.participants,
          content: input.content,
          feedback: input.feedback,
          follow_up: input.followUp,
          follow_up_due: input.followUpDue,
          follow_up_done_at: null,
          manager: input.manager ?? actor,
        }),
      );
      return toVisit(row);
    },
    'visits.update': (input, { actor }) => {
      const row = requireLiveRow(db, 'visits', input.id, 'visit');
      requireLiveAccount(db, row.account_id);
      // The input alone may be fine and the visit it makes not: a new due date against the
      // stored day, or the follow-up's text cleared while its date stays.
      const problems = followUpProblems({
        occurredAt: input.occurredAt ?? row.occurred_at,
        followUp: input.followUp ?? row.follow_up,
        followUpDue: input.followUpDue === undefined ? row.follow_up_due : input.followUpDue,
      });
      if (problems.length > 0) throw followUpRefusal(problems);
      const patch = {
        occurred_at: input.occurredAt,
        kind: input.kind,
        participants: input.participants,
        content: input.content,
        feedback: input.feedback,
        follow_up: input.followUp,
        follow_up_due: input.followUpDue,
        manager: input.manager,
      };
      return toVisit(write(db, actor, (writer) => writer.update('visits', row.id, patch)).row);
    },
    'visits.delete': ({ id }, { actor }) =>
      toVisit(setDeleted(db, actor, 'visits', 'visit', id, true, byAccount)),
    'visits.undelete': ({ id }, { actor }) =>
      toVisit(setDeleted(db, actor, 'visits', 'visit', id, false, byAccount)),
    'visits.list': (input) => {
      requireLiveAccount(db, input.accountId);
      return visitsOf(db, input).map(toVisit);
    },

    'anniversaries.create': (input, { actor }) => {
      checkAnniversaryKind(db, input.accountId, input.kind);
      if (!input.allowDuplicate) rejectLikeAnniversary(db, input.accountId, input);
      const row = write(db, actor, (writer) =>
        writer.insert('anniversaries', {
          id: newId(),
          account_id: input.accountId,
          kind: input.kind,
          label: input.label,
          calendar: input.calendar,
          month: input.month,
          day: input.day,
          leap_month: input.calendar === 'lunar' && input.leapMonth ? 1 : 0,
          year: input.year,
          lead_days: input.leadDays === null ? null : JSON.stringify(input.leadDays),
          note: input.note,
        }),
      );
      return toAnniversary(row);
    },
    'anniversaries.update': (input, { actor }) => {
      const row = requireLiveRow(db, 'anniversaries', input.id, 'anniversary');
      requireLiveAccount(db, row.account_id);
      const current = toAnniversary(row);
      const merged = {
        calendar: input.calendar ?? current.calendar,
        month: input.month ?? current.month,
        day: input.day ?? current.day,
        leapMonth: input.leapMonth ?? current.leapMonth,
        year: input.year === undefined ? current.year : input.year,
      };
      if (merged.calendar === 'gregorian') merged.leapMonth = false;
      const problem = ruleProblem(merged);
      if (problem) throw invalidField('day', problem);
      const kind = input.kind ?? current.kind;
      // Only a new kind is checked: a form sends the kind it shows, and the note of a day that
      // arrived by sync on an account of the other kind can still be corrected.
      if (kind !== current.kind) checkAnniversaryKind(db, row.account_id, kind);
      const label = input.label ?? current.label;
      if (kind === 'custom' && label === '') throw invalidField('label', 'custom_needs_label');
      const candidate = { kind, label, ...merged };
      const sameAsBefore =
        kind === current.kind &&
        label === current.label &&
        merged.calendar === current.calendar &&
        merged.month === current.month &&
        merged.day === current.day &&
        merged.leapMonth === current.leapMonth;
      // Only a change can make a repeat; an edit of the note of one of two birthdays kept on
      // purpose must not ask again.
      if (!sameAsBefore && !input.allowDuplicate)
        rejectLikeAnniversary(db, row.account_id, candidate, row.id);
      const patch = {
        kind,
        label,
        calendar: merged.calendar,
        month: merged.month,
        day: merged.day,
        leap_month: merged.leapMonth ? 1 : 0,
        year: merged.year,
        lead_days:
          input.leadDays === undefined ? undefined : input.leadDays && JSON.stringify(input.leadDays),
        note: input.note,
      };
      return toAnniversary(write(db, actor, (writer) => writer.update('anniversaries', row.id, patch)).row);
    },
    'anniversaries.upcoming': ({ from, days, ...filters }) => {
      const start = from ?? localToday();
      return anniversariesBetween(db, start, addDays(start, days - 1), filters);
    },
    'anniversaries.onDate': ({ date, ...filters }) => anniversariesBetween(db, date, date, filters),
    'anniversaries.countByDay': ({ from, days, ...filters }) =>
      countByDay(db, from, addDays(from, days - 1), filters),
    'anniversaries.delete': ({ id }, { actor }) =>
      toAnniversary(setDeleted(db, actor, 'anniversaries', 'anniversary', id, true, byAccount)),
    'anniversaries.undelete': ({ id }, { actor }) =>
      toAnniversary(
        setDeleted(db, actor, 'anniversaries', 'anniversary', id, false, byAccount, anniversaryRecheck),
      ),

    'consumption.create': (input, { actor }) => {
      requireLiveAccount(db, input.accountId);
      if (!input.allowDuplicate) rejectSameBill(db, input.accountId, input.period, input.category);
      const row = write(db, actor, (writer) =>
        writer.insert('consumption', {
          id: newId(),
          account_id: input.accountId,
          period: input.period,
          category: input.category,
          amount_fen: input.amountFen,
          quantity: input.quantity,
          source: input.source,
          note: input.note,
        }),
      );
      return toConsumption(row);
    },
    'consumption.update': (input, { actor }) => {
      const row = requireLiveRow(db, 'consumption', input.id, 'consumption');
      requireLiveAccount(db, row.account_id);
      const period = input.period ?? row.period;
      const category = input.category ?? row.category;
      const moved = period !== row.period || category !== row.category;
      if (moved && !input.allowDuplicate) rejectSameBill(db, row.account_id, period, category, row.id);
      const patch = {
        period: input.period,
        category: input.category,
        amount_fen: input.amountFen,
        quantity: input.quantity,
        source: input.source,
        note: input.note,
      };
      return toConsumption(write(db, actor, (writer) => writer.update('consumption', row.id, patch)).row);
    },
    'consumption.delete': ({ id }, { actor }) =>
      toConsumption(setDeleted(db, actor, 'consumption', 'consumption', id, true, byAccount)),
    'consumption.undelete': ({ id }, { actor }) =>
      toConsumption(setDeleted(db, actor, 'consumption', 'consumption', id, false, byAccount)),
    'consumption.list': (input) => {
      requireLiveAccount(db, input.accountId);
      return consumptionOf(db, input).map(toConsumption);
    },
  };
}
