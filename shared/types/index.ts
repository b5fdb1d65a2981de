/**
 * What the API returns, one file per domain. Ids are UUIDv7 strings, times ISO-8601 UTC, money
 * integer fen. Everything is re-exported here, so `shared/types` is one import for callers.
 */
export type * from './common';
export type * from './accounts';
export type * from './activity';
export type * from './lookup';
export type * from './settings';
export type * from './agenda';
export type * from './imports';
export type * from './statistics';
export type * from './tiers';
export type * from './sync';
export type * from './storage';
export type * from './contracts';
export type * from './backups';
export type * from './handover';
export type * from './erasure';
export type * from './audit';
export type * from './purge';
export type * from './access';
