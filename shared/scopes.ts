import type { Access, OperationName } from './api';
import type { Role } from './types';

/** A table of records that belong to accounts (db/entities/: each knows its account columns). */
export type RecordTable =
  'account_phones' | 'relationships' | 'visits' | 'anniversaries' | 'consumption' | 'contracts';

/**
 * How an operation is held to the accounts its user may see (a manager: their own; a
 * supervisor: their team's; auditors and admins: all). The dispatcher checks the first three
 * before the handler runs (db/access/scope.ts); the last two are the handler's to keep.
 * - `accounts`: input fields holding account ids (one id or a list): each must be in scope;
 * - `record`: an input field holding a record's id: its accounts must be in scope;
 * - `owners`: input fields holding owners' codes (a handover's leaver and successor): each must
 *   be in scope, and the handler keeps to those owners' accounts;
 * - `owner`: an `owner` in the input (a filter, or a new owner) must be in scope, and without
 *   one the handler reads the user's accounts only (`ownersInScope`);
 * - `filtered`: the handler limits what it reads or writes to the user's accounts;
 * - `book`: no account's data, or the whole book to roles that may see it (audit, purge,
 *   backups: `OperationSettings.access`).
 * Every input `owner` is held to the scope whatever the kind.
 */
export type Scope =
  | { readonly accounts: readonly string[] }
  | { readonly owners: readonly string[] }
  | { readonly record: RecordTable; readonly field: string }
  | 'owner'
  | 'filtered'
  | 'book';

const byId = { accounts: ['id'] } as const;
const byAccountId = { accounts: ['accountId'] } as const;
const record = (table: RecordTable, field = 'id') => ({ record: table, field }) as const;

export const operationScopes: { readonly [N in OperationName]: Scope } = {
  'accounts.create': 'owner',
  'accounts.update': byId,
  'accounts.archive': byId,
  'accounts.restore': byId,
  'accounts.delete': byId,
  'accounts.undelete': byId,
  'accounts.get': byId,
  'accounts.findByNumber': 'filtered',
  'accounts.detail': byId,
  'accounts.reveal': byId,
  'accounts.list': 'owner',
  'accounts.checkDuplicates': 'filtered',
  'accounts.sharedNumbers': 'filtered',
  'accounts.handoverManagers': 'filtered',
  'accounts.handoverPreview': { owners: ['from', 'to'] },
  'accounts.handover': { owners: ['from', 'to'] },
  'phones.add': byAccountId,
  'phones.update': record('account_phones'),
  'phones.delete': record('account_phones'),
  'phones.undelete': record('account_phones'),
  'relationships.create': { accounts: ['fromId', 'toId'] },
  'relationships.update': record('relationships'),
  'relationships.delete': record('relationships'),
  'relationships.undelete': record('relationships'),
  'visits.create': byAccountId,
  'visits.update': record('visits'),
  'visits.delete': record('visits'),
  'visits.undelete': record('visits'),
  'visits.list': byAccountId,
  'anniversaries.create': byAccountId,
  'anniversaries.update': record('anniversaries'),
  'anniversaries.delete': record('anniversaries'),
  'anniversaries.undelete': record('anniversaries'),
  'anniversaries.upcoming': 'owner',
  'anniversaries.onDate': 'owner',
  'anniversaries.countByDay': 'owner',
  'consumption.create': byAccountId,
  'consumption.update': record('consumption'),
  'consumption.delete': record('consumption'),
  'consumption.undelete': record('consumption'),
  'consumption.list': byAccountId,
  'contracts.create': byAccountId,
  'contracts.update': record('contracts'),
  'contracts.delete': record('contracts'),
  'contracts.undelete': record('contracts'),
  'contracts.list': byAccountId,
  'contracts.find': 'filtered',
  'contracts.expiring': 'owner',
  'stats.account': byAccountId,
  'stats.group': byAccountId,
  'stats.portfolio': 'owner',
  'stats.pareto': 'owner',
  'stats.slipping': 'owner',
  'stats.coverage': 'owner',
  'stats.rebuild': 'book',
  'tiers.suggestions': 'owner',
  // Chosen accounts, or every account in scope whose tier follows suggestions (the handler's).
  'tiers.apply': { accounts: ['accountIds'] },
  'tiers.history': byId,
  'reminders.open': 'filtered',
  'reminders.acknowledge': record('anniversaries', 'anniversaryId'),
  'reminders.snooze': record('anniversaries', 'anniversaryId'),
  'agenda.list': 'filtered',
  'followUps.complete': record('visits', 'visitId'),
  'followUps.reopen': record('visits', 'visitId'),
  'followUps.snooze': record('visits', 'visitId'),
  'followUps.reschedule': record('visits', 'visitId'),
  'followUps.completeOverdue': 'filtered',
  'plannedVisits.snooze': record('visits', 'visitId'),
  'plannedVisits.reschedule': record('visits', 'visitId'),
  'lookup.search': 'filtered',
  'audit.list': 'book',
  'audit.verify': 'book',
  'audit.page': 'book',
  'audit.facets': 'book',
  'audit.export': 'book',
  'imports.stage': 'filtered',
  'imports.preview': 'filtered',
  'imports.apply': 'filtered',
  'imports.settle': 'book',
  'imports.list': 'filtered',
  'imports.revert': 'filtered',
  'imports.rejects': 'filtered',
  'sync.export': 'filtered',
  'sync.preview': 'filtered',
  'sync.import': 'filtered',
  'sync.history': 'book',
  'sync.conflicts': 'filtered',
  'sync.resolveConflict': 'filtered',
  'sync.setPassphrase': 'book',
  'sync.clearPassphrase': 'book',
  'accounts.erase': byId,
  'accounts.exportPersonalData': byId,
  'purge.candidates': 'book',
  'purge.apply': 'book',
  'exports.csv': 'owner',
  'settings.get': 'book',
  'settings.update': 'book',
  'storage.get': 'book',
  'storage.check': 'book',
  'backups.list': 'book',
  'backups.create': 'book',
  'backups.verify': 'book',
  'backups.preview': 'book',
  'backups.remove': 'book',
  'backups.restore': 'book',
  'users.list': 'book',
  'users.update': 'book',
  'users.add': 'book',
  'users.setPassword': 'book',
  'session.status': 'book',
  'session.setUp': 'book',
  'session.signIn': 'book',
  'session.lock': 'book',
  'session.changePassword': 'book',
  'session.join': 'book',
  'session.unlockHere': 'book',
  'session.unlock': 'book',
};

/** Which `OperationSettings.access` each role may run (an auditor still changes nothing). */
const accessOfRole: Record<Role, readonly Access[]> = {
  manager: ['everyone'],
  supervisor: ['everyone', 'team'],
  auditor: ['everyone', 'audit'],
  admin: ['everyone', 'team', 'audit', 'admin'],
};

export function roleMayRun(role: Role, access: Access): boolean {
  return access === 'session' || accessOfRole[role].includes(access);
}
