import { create } from 'zustand';
import type { ApiError } from '../../shared/errors';
import type {
  SharedNumbers,
  SyncConflict,
  SyncConflictResolution,
  SyncExport,
  SyncHistoryEntry,
  SyncImportResult,
  SyncPreview,
  SyncProgress,
} from '../../shared/types';
import { api } from '../api';
import { asApiError, Latest } from './latest';
import { useSettings } from './settings';

/**
 * The Sync screen: the file chosen for import and its preview, the last import's result, the
 * conflict inbox and the history of files. The service decodes, plans and merges; this caches
 * what it answered. A preview answers for one file: choosing another drops it, and the import
 * sends the preview's digest, so what is imported is exactly what was previewed.
 */
export interface ChosenSyncFile {
  readonly name: string;
  readonly contentBase64: string;
}

/** This device's changes (or all), or a full file written at head office for one user. */
export type ExportKind = 'device' | 'user';

export interface ExportRequest {
  readonly full: boolean;
  /** A head-office file for this user code (administrators): their accounts, to join from. */
  readonly forUser?: string;
  /** Why the file is written: kept in the audit log and in the file. */
  readonly purpose?: string;
}

interface SyncState {
  readonly active: boolean;
  readonly file: ChosenSyncFile | null;
  readonly previewing: boolean;
  readonly preview: SyncPreview | null;
  readonly importing: boolean;
  readonly imported: SyncImportResult | null;
  /** The last refusal of preview or import (a file that cannot be read, a wrong key…). */
  readonly importError: ApiError | null;
  readonly exporting: boolean;
  readonly exportError: ApiError | null;
  /** The file the last export saved, and its records (said on the page, not in a toast). */
  readonly exported: { readonly fileName: string; readonly records: number } | null;
  /** Whose the last export was: this device's changes, or a head-office file for a user. */
  readonly exportKind: ExportKind | null;
  /** How far the running export, preview or import has come (`sync.progress`). */
  readonly progress: SyncProgress | null;
  readonly history: readonly SyncHistoryEntry[] | null;
  readonly historyError: ApiError | null;
  readonly conflicts: readonly SyncConflict[] | null;
  readonly conflictsError: ApiError | null;
  /** Names of the accounts the conflicts belong to, by id (fetched with the list). */
  readonly accountNames: Readonly<Record<string, string>>;
  /** Live accounts sharing a customer number or credit code (sync may bring such pairs). */
  readonly sharedNumbers: SharedNumbers | null;
  /** A conflict was just decided (said in the inbox: the decided entry has left the list). */
  readonly resolvedOne: boolean;
  readonly sharedNumbersError: ApiError | null;
  open(): void;
  close(): void;
  /** Refetches history, conflicts and shared numbers (on `data.changed`, while the screen is open). */
  refresh(): void;
  setPassphrase(passphrase: string): Promise<void>;
  clearPassphrase(): Promise<void>;
  exportFile(request: ExportRequest): Promise<SyncExport | null>;
  choose(file: ChosenSyncFile): Promise<void>;
  /** The file could not be read in the browser. */
  fail(error: ApiError): void;
  confirmImport(): Promise<void>;
  resolve(id: string, resolution: SyncConflictResolution, value?: string): Promise<void>;
}

/** Answers to older questions (a preview of a file chosen before another) are dropped. */
const previewLatest = new Latest();
const listLatest = new Latest();

/** Records in an export, whatever entities it holds. */
const recordsOf = (rows: Readonly<Record<string, number>>) =>
  Object.values(rows).reduce((sum, count) => sum + count, 0);

export const useSync = create<SyncState>((set, get) => {
  /**
   * Follows one job's `sync.progress` events until the returned stop is called. One job runs
   * at a time (the job thread takes them in turn), so its kind tells its events apart.
   */
  const follow = (job: SyncProgress['job']) => {
    set({ progress: null });
    const stop = window.fieldbook.on('sync.progress', (event) => {
      if (event.job === job) set({ progress: event });
    });
    return () => {
      stop();
      set({ progress: null });
    };
  };

  const loadAccountNames = async (conflicts: readonly SyncConflict[]) => {
    const known = get().accountNames;
    const ids = [...new Set(conflicts.map((conflict) => conflict.accountId))].filter(
      (id): id is string => id !== null && known[id] === undefined,
    );
    if (ids.length === 0) return;
    const found = await Promise.all(
      ids.map((id) =>
        api.accounts.get({ id }).then(
          (account) => [id, account.name] as const,
          () => null,
        ),
      ),
    );
    const names = Object.fromEntries(found.filter((entry) => entry !== null));
    set({ accountNames: { ...get().accountNames, ...names } });
  };

  return {
    active: false,
    file: null,
    previewing: false,
    preview: null,
    importing: false,
    imported: null,
    importError: null,
    exporting: false,
    exportError: null,
    exported: null,
    exportKind: null,
    progress: null,
    history: null,
    historyError: null,
    conflicts: null,
    conflictsError: null,
    accountNames: {},
    sharedNumbers: null,
    sharedNumbersError: null,
    resolvedOne: false,
    open() {
      set({ active: true });
      get().refresh();
    },
    close() {
      previewLatest.drop();
      set({
        active: false,
        file: null,
        preview: null,
        previewing: false,
        imported: null,
        importError: null,
        exported: null,
        exportKind: null,
        resolvedOne: false,
      });
    },
    refresh() {
      if (!get().active) return;
      // Three lists, one question: a newer refresh drops all three answers of an older one.
      const current = listLatest.begin();
      const when =
        <T>(land: (value: T) => void) =>
        (value: T) => {
          if (current()) land(value);
        };
      api.sync.history({ limit: 50 }).then(
        when((history) => set({ history, historyError: null })),
        when((error: unknown) => set({ historyError: asApiError(error) })),
      );
      api.sync.conflicts().then(
        when((conflicts) => {
          set({ conflicts, conflictsError: null });
          void loadAccountNames(conflicts);
        }),
        when((error: unknown) => set({ conflictsError: asApiError(error) })),
      );
      api.accounts.sharedNumbers().then(
        when((sharedNumbers) => set({ sharedNumbers, sharedNumbersError: null })),
        when((error: unknown) => set({ sharedNumbersError: asApiError(error) })),
      );
    },
    async setPassphrase(passphrase) {
      await api.sync.setPassphrase({ passphrase });
      await useSettings.getState().load();
    },
    async clearPassphrase() {
      await api.sync.clearPassphrase();
      await useSettings.getState().load();
    },
    async exportFile({ full, forUser, purpose }) {
      const exportKind: ExportKind = forUser === undefined ? 'device' : 'user';
      set({ exporting: true, exportError: null, exported: null, exportKind });
      const stop = follow('export');
      try {
        const exported = await api.sync.export({
          full,
          // The file is named by this computer's clock, as people read it (not UTC).
          utcOffsetMinutes: -new Date().getTimezoneOffset(),
          ...(forUser === undefined ? {} : { forUser }),
          ...(purpose === undefined ? {} : { purpose }),
        });
        set({ exported: { fileName: exported.fileName, records: recordsOf(exported.rows) } });
        // An export is a read for windows (nothing they show changes), so no data.changed.
        get().refresh();
        return exported;
      } catch (error) {
        set({ exportError: asApiError(error) });
        return null;
      } finally {
        stop();
        set({ exporting: false });
      }
    },
    async choose(file) {
      const current = previewLatest.begin();
      set({ file, previewing: true, preview: null, imported: null, importError: null });
      const stop = follow('preview');
      try {
        const preview = await api.sync.preview({ contentBase64: file.contentBase64 });
        if (current()) set({ preview });
      } catch (error) {
        if (current()) set({ importError: asApiError(error) });
      } finally {
        stop();
        if (current()) set({ previewing: false });
      }
    },
    fail(error) {
      previewLatest.drop();
      set({ file: null, preview: null, previewing: false, imported: null, importError: error });
    },
    async confirmImport() {
      const { file, preview } = get();
      if (!file || !preview) return;
      set({ importing: true, importError: null });
      const stop = follow('import');
      try {
        const imported = await api.sync.import({
          contentBase64: file.contentBase64,
          expectedDigest: preview.digest,
        });
        previewLatest.drop();
        set({ imported, file: null, preview: null });
        get().refresh();
      } catch (error) {
        set({ importError: asApiError(error) });
      } finally {
        stop();
        set({ importing: false });
      }
    },
    async resolve(id, resolution, value) {
      await api.sync.resolveConflict({ id, resolution, ...(value === undefined ? {} : { value }) });
      set({ resolvedOne: true });
      get().refresh();
    },
  };
});
