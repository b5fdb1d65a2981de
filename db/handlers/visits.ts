import type { ApiHandlers, OperationName, ParsedInputOf } from '../../shared/api';
import { followUpProblems } from '../../shared/domain/visitRules';
import { ApiError } from '../../shared/errors';
import { validationMessages } from '../../shared/validationMessages';
import type { Db } from '../connection';
import { visitsEntity } from '../entities/visits';
import { visitsOf } from '../queries/records';
import { listHandler, operations, recordHandlers } from './records';

type VisitOps = Extract<OperationName, `visits.${string}`>;

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
    { issues },
  );
}

export function visitHandlers(db: Db): Pick<ApiHandlers, VisitOps> {
  const records = recordHandlers(db, {
    entity: visitsEntity,
    values: (input: ParsedInputOf<'visits.create'>, actor) => ({
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
    patch: (row, input: ParsedInputOf<'visits.update'>) => {
      // The input alone may be fine and the visit it makes not: a new due date against the
      // stored day, or the follow-up's text cleared while its date stays.
      const problems = followUpProblems({
        occurredAt: input.occurredAt ?? row.occurred_at,
        followUp: input.followUp ?? row.follow_up,
        followUpDue: input.followUpDue === undefined ? row.follow_up_due : input.followUpDue,
      });
      if (problems.length > 0) throw followUpRefusal(problems);
      return {
        occurred_at: input.occurredAt,
        kind: input.kind,
        participants: input.participants,
        content: input.content,
        feedback: input.feedback,
        follow_up: input.followUp,
        follow_up_due: input.followUpDue,
        manager: input.manager,
      };
    },
  });
  return operations('visits', {
    ...records,
    list: listHandler(db, visitsEntity, (input: ParsedInputOf<'visits.list'>) => visitsOf(db, input)),
  });
}
