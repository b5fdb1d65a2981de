/**
 * Input schemas of the contract, one file per domain (`common.ts` holds the enums and the
 * text, id and date rules the others build on). Everything is re-exported here, so
 * `shared/schemas` stays one import for callers.
 */
export * from './common';
export * from './accounts';
export * from './activity';
export * from './settings';
export * from './agenda';
export * from './imports';
export * from './statistics';
export * from './sync';
export * from './exports';
export * from './contracts';
export * from './backups';
export * from './handover';
export * from './erasure';
export * from './audit';
export * from './purge';
export * from './access';
