import type { ApiHandlers } from '../../shared/api';
import type { Db } from '../connection';
import { accountHandlers } from './accounts';
import { activityHandlers } from './activity';
import { auditHandlers } from './audit';
import { lookupHandlers } from './lookup';
import { phoneHandlers } from './phones';
import { relationshipHandlers } from './relationships';
import { reminderHandlers } from './reminders';
import { settingsHandlers } from './settings';

/** The whole contract, implemented. A missing or misnamed operation fails to compile. */
export function createHandlers(db: Db): ApiHandlers {
  return {
    ...accountHandlers(db),
    ...phoneHandlers(db),
    ...relationshipHandlers(db),
    ...activityHandlers(db),
    ...reminderHandlers(db),
    ...lookupHandlers(db),
    ...auditHandlers(db),
    ...settingsHandlers(db),
  } satisfies ApiHandlers;
}
