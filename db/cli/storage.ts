import type { StorageStatus } from '../../shared/types';

/**
 * The one line the CLI prints (on stderr) when a book opened for writing could not be: it is
 * damaged, or its file, folder or disk cannot be written. Null when there is nothing to say
 * (writable, or `--read-only` asked for it).
 */
export function storageNotice(storage: StorageStatus): string | null {
  if (storage.reason === 'damaged') {
    const copy = storage.verifiedCopy ? `; last verified copy: ${storage.verifiedCopy.path}` : '';
    return `fieldbook: this book is damaged (${storage.problems[0] ?? 'integrity check failed'}); opened read-only: search, show and export-csv work, changes are refused${copy}`;
  }
  if (storage.reason === 'not-writable') {
    return 'fieldbook: this book cannot be written here (read-only file, folder or disk); opened read-only: changes are refused';
  }
  return null;
}
