import { describe, expect, it } from 'vitest';
import { changesBook, holdsWriteLock, isReadOperation, runsAsJob } from '../../db/dispatch';
import { jobOperations } from '../../db/jobs/runner';
import { contract, fileBody, operationNames } from '../../shared/api';
import { importMaxFileBytes, syncMaxFileBytes } from '../../shared/schemas';

/**
 * How an operation is run lives in the contract (`OperationSettings`), and the dispatcher, the
 * job runner and the preview server read it there: none keeps a list of its own that a new
 * operation could be missing from.
 */
describe('operation settings in the contract', () => {
  it('send the long operations and every CSV import step to the job thread, and nothing else', () => {
    expect([...jobOperations].sort()).toEqual(
      [
        'imports.stage',
        'imports.preview',
        'imports.apply',
        'imports.revert',
        'stats.rebuild',
        'imports.settle',
        'sync.export',
        'sync.preview',
        'sync.import',
        'exports.csv',
        'storage.check',
        'audit.verify',
        'audit.export',
        'backups.create',
        'backups.verify',
        'backups.preview',
        'backups.restore',
        'accounts.erase',
        'purge.apply',
      ].sort(),
    );
    for (const name of operationNames) expect(runsAsJob(name)).toBe(jobOperations.has(name));
  });

  it('name the operations closed to some roles; every other one is open to everyone signed in', () => {
    const withAccess = (access: string) =>
      operationNames.filter((name) => contract[name].settings.access === access).sort();
    expect(withAccess('admin')).toEqual(
      [
        'accounts.erase',
        'backups.remove',
        'backups.restore',
        'purge.apply',
        'purge.candidates',
        'stats.rebuild',
        'imports.settle',
        'users.add',
        'users.setPassword',
        'users.update',
      ].sort(),
    );
    expect(withAccess('team')).toEqual(
      [
        'accounts.handover',
        'accounts.handoverManagers',
        'accounts.handoverPreview',
        'backups.create',
        'backups.list',
        'backups.preview',
        'backups.verify',
      ].sort(),
    );
    expect(withAccess('audit')).toEqual(
      ['audit.export', 'audit.facets', 'audit.list', 'audit.page', 'audit.verify'].sort(),
    );
    expect(withAccess('session')).toEqual(
      operationNames.filter((name) => name.startsWith('session.')).sort(),
    );
  });

  it('say which operations take the write lock and which a read-only book refuses', () => {
    const locking = operationNames.filter(holdsWriteLock);
    const refused = operationNames.filter(changesBook);
    // Every write, and the preview, which is the import rolled back.
    expect(locking).toEqual(
      operationNames.filter((name) => !isReadOperation(name) || name === 'sync.preview'),
    );
    // Those, the export, which records what it sent, and a backup and a person's data export,
    // recorded in the audit log.
    expect(refused).toEqual(
      operationNames.filter(
        (name) =>
          holdsWriteLock(name) ||
          name === 'sync.export' ||
          name === 'backups.create' ||
          name === 'accounts.exportPersonalData' ||
          name === 'accounts.reveal',
      ),
    );
    expect(changesBook('exports.csv')).toBe(false);
    expect(changesBook('audit.export')).toBe(false);
  });

  it('give the operations that carry a whole file the contract’s own bound as their body limit', () => {
    const limits = Object.fromEntries(
      operationNames.flatMap((name) => {
        const limit = contract[name].settings.maxBody;
        return limit === undefined ? [] : [[name, limit]];
      }),
    );
    expect(limits).toEqual({
      'imports.stage': fileBody(importMaxFileBytes),
      'sync.preview': fileBody(syncMaxFileBytes),
      'sync.import': fileBody(syncMaxFileBytes),
      'session.join': fileBody(syncMaxFileBytes),
    });
    // Each takes a base64 file as large as its schema allows, with the JSON around it.
    for (const [name, limit] of Object.entries(limits)) {
      const largest = name === 'imports.stage' ? importMaxFileBytes : syncMaxFileBytes;
      expect(limit).toBeGreaterThan(Math.ceil(largest / 3) * 4);
    }
  });
});
