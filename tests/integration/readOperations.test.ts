import { describe, expect, it } from 'vitest';
import { isReadOperation } from '../../db/dispatch';
import { operationNames } from '../../shared/api';

/**
 * Every operation that is not listed here announces `data.changed`, and every window refetches
 * what it shows. A read announced as a change makes a loop (a screen refetches, the refetch
 * announces a change, …), so each operation's side is stated here on purpose.
 */
const reads = new Set([
  'accounts.get',
  'accounts.findByNumber',
  'accounts.detail',
  'accounts.list',
  'accounts.checkDuplicates',
  'accounts.sharedNumbers',
  'accounts.handoverManagers',
  'accounts.handoverPreview',
  'visits.list',
  'anniversaries.upcoming',
  'anniversaries.onDate',
  'anniversaries.countByDay',
  'consumption.list',
  'contracts.list',
  'contracts.find',
  'contracts.expiring',
  'stats.account',
  'stats.group',
  'stats.portfolio',
  'stats.pareto',
  'stats.slipping',
  'stats.coverage',
  'tiers.suggestions',
  'tiers.history',
  'reminders.open',
  'agenda.list',
  'lookup.search',
  'audit.list',
  'audit.verify',
  'audit.page',
  'audit.facets',
  // Writes an audit entry only: nothing a window shows changes.
  'audit.export',
  // Records in the audit log that it ran; no window shows anything new.
  'accounts.exportPersonalData',
  // Records who saw the masked values, and why.
  'accounts.reveal',
  'backups.list',
  'purge.candidates',
  // Takes a copy and records it: no window shows anything new.
  'backups.create',
  'backups.verify',
  'backups.preview',
  'imports.stage',
  'imports.preview',
  'imports.list',
  'imports.rejects',
  'settings.get',
  'users.list',
  // The sign-in door's own (db/access/gate.ts): windows hear `session.changed` instead.
  'session.status',
  'session.setUp',
  'session.signIn',
  'session.lock',
  'session.changePassword',
  'session.join',
  'session.unlockHere',
  'session.unlock',
  'storage.get',
  'storage.check',
  'sync.export',
  'sync.preview',
  'sync.history',
  'sync.conflicts',
  // Writes an audit entry only: nothing a window shows changes.
  'exports.csv',
]);

describe('isReadOperation', () => {
  it.each(operationNames)('%s', (name) => {
    expect(isReadOperation(name)).toBe(reads.has(name));
  });
});
