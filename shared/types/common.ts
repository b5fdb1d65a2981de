import type { SessionUser } from './access';
import type {
  accountKinds,
  appLanguages,
  accountStatuses,
  anniversaryKinds,
  calendars,
  consumptionCategories,
  phoneLabels,
  relationshipTypes,
  tiers,
  tierSources,
  visitKinds,
} from '../schemas/common';

/** What the API returns. Ids are UUIDv7 strings, times ISO-8601 UTC, money integer fen. */
export type AccountKind = (typeof accountKinds)[number];
export type Tier = (typeof tiers)[number];
export type TierSource = (typeof tierSources)[number];
export type AccountStatus = (typeof accountStatuses)[number];
export type PhoneLabel = (typeof phoneLabels)[number];
export type RelationshipType = (typeof relationshipTypes)[number];
export type VisitKind = (typeof visitKinds)[number];
export type AnniversaryKind = (typeof anniversaryKinds)[number];
export type CalendarKind = (typeof calendars)[number];
export type ConsumptionCategory = (typeof consumptionCategories)[number];
/** A language the app speaks. */
export type AppLanguage = (typeof appLanguages)[number];

/** Who is asking, supplied by the transport (the signed-in manager), never by the input. */
export interface RequestContext {
  readonly actor: string;
  /**
   * The signed-in user, whose role and scope every operation is held to (db/access/). Absent
   * only for a book nobody has set up sign-in for (tests, scripts on a plain book): no limits.
   */
  readonly user?: SessionUser;
}
