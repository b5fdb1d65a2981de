import { describe, expect, it } from 'vitest';
import { isBackupOf } from '../../db/backups/files';

/* A second backup taken in the same second takes a `-2` name: it is listed like the first. */
describe('backup file names', () => {
  it('are those of the book, with or without a same-second number', () => {
    expect(isBackupOf('fieldbook', 'fieldbook-20261206-105032-manual.db')).toBe(true);
    expect(isBackupOf('fieldbook', 'fieldbook-20261206-105032-manual-2.db')).toBe(true);
    expect(isBackupOf('fieldbook', 'fieldbook-20261206-105032-manual-2.db.partial')).toBe(false);
    expect(isBackupOf('fieldbook', 'other-20261206-105032-manual.db')).toBe(false);
    expect(isBackupOf('fieldbook', 'fieldbook-20261206-105032-weekly.db')).toBe(false);
  });
});
