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
}
