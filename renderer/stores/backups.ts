import { create } from 'zustand';
import type { ApiError } from '../../shared/errors';
import type {
  BackupProblem,
  AuditVerdict,
  BackupInfo,
  BackupList,
  BackupPreview,
  BackupRestoreResult,
} from '../../shared/types';
import { api } from '../api';
import { asApiError, Latest } from './latest';

/**
 * The Backups screen: the backups beside the book, the check of one, the audit log's check.
 * The service copies, verifies and restores; this caches what it answered.
 */

/** What a backup's check said: running, its problems (none: sound), or a refusal. */
export type BackupCheck =
  | { readonly state: 'running' }
  | { readonly state: 'done'; readonly problems: readonly BackupProblem[] }
  | { readonly state: 'failed'; readonly error: ApiError };

export type AuditCheck =
  | { readonly state: 'running' }
  | { readonly state: 'done'; readonly verdict: AuditVerdict }
  | { readonly state: 'failed'; readonly error: ApiError };

interface BackupsState {
  readonly active: boolean;
  readonly list: BackupList | null;
  readonly listError: ApiError | null;
  readonly creating: boolean;
  readonly createError: ApiError | null;
  /** Checks run on this visit to the page, by backup file. */
  readonly checks: Readonly<Record<string, BackupCheck>>;
  readonly audit: AuditCheck | null;
  /** The restore that reloaded the window (said on the page after the reload). */
  readonly restored: BackupRestoreResult | null;
  open(): void;
  close(): void;
  refresh(): void;
  /** A backup by hand; resolves to it, or null when refused (the refusal is in `createError`). */
  create(): Promise<BackupInfo | null>;
  check(file: string): Promise<void>;
  verifyAudit(): Promise<void>;
  preview(file: string): Promise<BackupPreview>;
  /**
   * Replaces the book with the backup, then reloads the window: every screen, cache and
   * setting is read again from the restored book, none left showing the book as it was.
   */
  restore(file: string): Promise<void>;
  /** Deletes a backup; a refusal is shown where its check would be. */
  remove(file: string): Promise<void>;
  dismissRestored(): void;
}

/**
 * The restore's result crosses the reload in the tab's session storage (not in the book:
 * the book was just replaced, and this window alone asked for it).
 */
const restoredKey = 'fieldbook:backups.restored';

function takeRestored(): BackupRestoreResult | null {
  try {
    const text = sessionStorage.getItem(restoredKey);
    sessionStorage.removeItem(restoredKey);
    return text === null ? null : (JSON.parse(text) as BackupRestoreResult);
  } catch {
    return null;
  }
}

const listLatest = new Latest();

export const useBackups = create<BackupsState>((set, get) => ({
  active: false,
  list: null,
  listError: null,
  creating: false,
  createError: null,
  checks: {},
  audit: null,
  restored: takeRestored(),
  open() {
    set({ active: true });
    get().refresh();
  },
  close() {
    listLatest.drop();
    set({ active: false, createError: null, checks: {}, audit: null });
  },
  refresh() {
    if (!get().active) return;
    void listLatest.ask(
      api.backups.list(),
      (list) => set({ list, listError: null }),
      (error) => set({ listError: error }),
    );
  },
  async create() {
    set({ creating: true, createError: null });
    try {
      const backup = await api.backups.create({ kind: 'manual' });
      get().refresh();
      return backup;
    } catch (error) {
      set({ createError: asApiError(error) });
      return null;
    } finally {
      set({ creating: false });
    }
  },
  async check(file) {
    const put = (check: BackupCheck) => set({ checks: { ...get().checks, [file]: check } });
    put({ state: 'running' });
    try {
      const verdict = await api.backups.verify({ file });
      put({ state: 'done', problems: verdict.problems });
    } catch (error) {
      put({ state: 'failed', error: asApiError(error) });
    }
  },
  async verifyAudit() {
    set({ audit: { state: 'running' } });
    try {
      set({ audit: { state: 'done', verdict: await api.audit.verify() } });
    } catch (error) {
      set({ audit: { state: 'failed', error: asApiError(error) } });
    }
  },
  preview(file) {
    return api.backups.preview({ file });
  },
  async remove(file) {
    try {
      await api.backups.remove({ file });
      get().refresh();
    } catch (error) {
      set({ checks: { ...get().checks, [file]: { state: 'failed', error: asApiError(error) } } });
    }
  },
  async restore(file) {
    const result = await api.backups.restore({ file });
    sessionStorage.setItem(restoredKey, JSON.stringify(result));
    window.location.reload();
  },
  dismissRestored() {
    set({ restored: null });
  },
}));
