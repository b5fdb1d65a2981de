import type { ApiHandlers, OperationName, ParsedInputOf } from '../../shared/api';
import { repeatsAnniversary, type AnniversaryLike } from '../../shared/domain/anniversaryDuplicates';
import { ruleProblem } from '../../shared/domain/anniversaryRule';
import { addDays } from '../../shared/domain/lunarCalendar';
import { ApiError } from '../../shared/errors';
import type { AccountKind, AnniversaryKind, AnniversaryWindow, SessionUser } from '../../shared/types';
import { masksFor, withOwners } from '../access/scope';
import { maskOnDate } from '../../shared/domain/mask';
import type { Db } from '../connection';
import { anniversariesEntity } from '../entities/anniversaries';
import { anniversariesBetween, countByDay } from '../queries/anniversaryDates';
import { anniversariesOf, localToday, toAnniversary } from '../queries/records';
import { invalidField, requireLiveAccount } from './guards';
import { operations, recordHandlers } from './records';

type AnniversaryOps = Extract<OperationName, `anniversaries.${string}`>;

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
      { details: { kind, accountKind: account.kind } },
    );
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

/** Birth years kept from a role with no need of them (`masksFor`), row by row. */
function masked(window: AnniversaryWindow, user: SessionUser | undefined): AnniversaryWindow {
  if (!user) return window;
  return {
    ...window,
    rows: window.rows.map((row) => (masksFor(user, row.account.owner) ? maskOnDate(row) : row)),
  };
}

export function anniversaryHandlers(db: Db): Pick<ApiHandlers, AnniversaryOps> {
  const records = recordHandlers(db, {
    entity: anniversariesEntity,
    values: (input: ParsedInputOf<'anniversaries.create'>) => ({
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
    checkNew: (values, input) => {
      checkAnniversaryKind(db, values.account_id, input.kind);
      if (!input.allowDuplicate) rejectLikeAnniversary(db, values.account_id, input);
    },
    patch: (row, input: ParsedInputOf<'anniversaries.update'>) => {
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
        rejectLikeAnniversary(db, row.account_id, { kind, label, ...merged }, row.id);
      return {
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
    },
    recheck: (row) => checkAnniversaryKind(db, row.account_id, row.kind),
  });
  return {
    ...operations('anniversaries', records),
    'anniversaries.upcoming': ({ from, days, ...asked }, context) => {
      const filters = withOwners(asked, context);
      const start = from ?? localToday();
      return masked(anniversariesBetween(db, start, addDays(start, days - 1), filters), context.user);
    },
    'anniversaries.onDate': ({ date, ...filters }, context) =>
      masked(anniversariesBetween(db, date, date, withOwners(filters, context)), context.user),
    'anniversaries.countByDay': ({ from, days, ...filters }, context) =>
      countByDay(db, from, addDays(from, days - 1), withOwners(filters, context)),
  };
}
