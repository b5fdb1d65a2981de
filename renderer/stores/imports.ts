import { create } from 'zustand';
import { importFieldsOf, importMatchKeys, requiredImportFields } from '../../shared/domain/importFields';
import type { ApiError } from '../../shared/errors';
import { type FieldIssue } from '../../shared/errors';
import type {
  ConsumptionCategory,
  ImportBadRows,
  ImportField,
  ImportKind,
  ImportMapping,
  ImportMatchKey,
  ImportOnExisting,
  ImportPreview,
  ImportRecord,
  ImportRejects,
  ImportRevertResult,
  ImportSettings,
  ImportUnknownCategory,
  StagedImport,
} from '../../shared/types';
import { api } from '../api';
import { currentLanguage } from '../i18n';
import { asApiError, Latest } from './latest';

/**
 * The CSV import screen: the staged file, the choices made for it, the last dry run and the
 * history of imports. The service holds the file and decides everything; this only caches what
 * it answered. A dry run answers for the choices it was asked with: any change drops it, so the
 * Import button is only ever enabled by a preview of exactly what would be applied.
 */
export interface ImportProgress {
  readonly done: number;
  readonly total: number;
}

interface ImportsState {
  readonly staged: StagedImport | null;
  /** The chosen file is being read and sent. */
  readonly staging: boolean;
  readonly settings: ImportSettings;
  readonly preview: ImportPreview | null;
  readonly previewing: boolean;
  /**
   * The file's service names Fieldbook does not know by itself, from the last preview of this
   * file: they stay listed (to be mapped) while the choices change.
   */
  readonly unknownCategories: readonly ImportUnknownCategory[];
  /** Problems with the mapping itself (from `VALIDATION_FAILED`), by field. */
  readonly mappingIssues: Partial<Record<ImportField, FieldIssue>>;
  readonly applying: boolean;
  readonly progress: ImportProgress | null;
  /** The import just applied (its file is no longer staged). */
  readonly applied: ImportRecord | null;
  /** The last refusal of stage, preview or apply. */
  readonly error: ApiError | null;
  readonly history: readonly ImportRecord[] | null;
  readonly historyError: ApiError | null;
  readonly active: boolean;
  open(): void;
  close(): void;
  /** Refetches the history (on `data.changed`, while the screen is open). */
  refresh(): void;
  stage(fileName: string, contentBase64: string): Promise<void>;
  /** The file could not be read in the browser. */
  fail(error: ApiError): void;
  setKind(kind: ImportKind): void;
  setColumn(field: ImportField, header: string): void;
  setMatchKey(matchKey: ImportMatchKey): void;
  setOnExisting(onExisting: ImportOnExisting): void;
  /** Reads a service name of the file as one of Fieldbook's categories (null: not at all). */
  setCategory(key: string, category: ConsumptionCategory | null): void;
  runPreview(): Promise<void>;
  /** `refuse`: all or nothing; `skip`: the good rows, the bad ones kept to download. */
  apply(badRows?: ImportBadRows): Promise<void>;
  revert(id: string): Promise<ImportRevertResult>;
  /** The rows an import left out, as a CSV file in the UI's language. */
  rejects(id: string): Promise<ImportRejects>;
}

/** The choices offered for a kind: those last applied to these headers, else the guess. */
export function defaultSettings(staged: StagedImport, kind: ImportKind): ImportSettings {
  const remembered = staged.remembered;
  if (remembered && remembered.kind === kind) return remembered;
  const mapping = staged.suggested[kind];
  // Match on the first key the file has a column for (customer number first).
  const matchKey = importMatchKeys.find((key) => mapping[key] !== undefined) ?? 'customerNo';
  return { kind, mapping, matchKey, onExisting: 'skip' };
}

/** What a file holds: as last time, else bills unless only the accounts guess finds its columns. */
export function guessKind(staged: StagedImport): ImportKind {
  if (staged.remembered) return staged.remembered.kind;
  const { consumption, accounts } = staged.suggested;
  const billColumns = requiredImportFields.consumption.filter((field) => consumption[field] !== undefined);
  return billColumns.length === 0 && accounts.name !== undefined ? 'accounts' : 'consumption';
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, index) => item === b[index]);

/** The service names mapped to a category (settings from before the map have none). */
function mappedCategories(settings: ImportSettings): Record<string, ConsumptionCategory> {
  const map: Record<string, ConsumptionCategory> = {};
  for (const [key, category] of Object.entries(settings.categoryMap ?? {}))
    if (category !== undefined) map[key] = category;
  return map;
}

/** Only the kind's own fields, and none left unmapped. */
function mappingFor(kind: ImportKind, mapping: ImportMapping): ImportMapping {
  const result: ImportMapping = {};
  for (const field of importFieldsOf[kind]) {
    const header = mapping[field];
    if (header !== undefined && header !== '') result[field] = header;
  }
  return result;
}

function issuesByField(error: ApiError): Partial<Record<ImportField, FieldIssue>> {
  const result: Partial<Record<ImportField, FieldIssue>> = {};
  for (const issue of error.issues ?? []) {
    const [root, field] = issue.path;
    if (root === 'mapping' && typeof field === 'string') result[field as ImportField] ??= issue;
  }
  return result;
}

const initialSettings: ImportSettings = {
  kind: 'consumption',
  mapping: {},
  matchKey: 'customerNo',
  onExisting: 'skip',
};

/** Answers to older questions (a preview of options changed since) are dropped. */
const previewLatest = new Latest();
const historyLatest = new Latest();

export const useImports = create<ImportsState>((set, get) => {
  /** A choice changed: the dry run no longer describes what Import would do. */
  const change = (settings: ImportSettings) => {
    previewLatest.drop();
    set({ settings, preview: null, previewing: false, mappingIssues: {}, error: null, applied: null });
  };
  const input = (badRows: ImportBadRows = 'refuse') => {
    const { staged, settings } = get();
    return {
      stageId: staged?.stageId ?? '',
      kind: settings.kind,
      mapping: mappingFor(settings.kind, settings.mapping),
      matchKey: settings.matchKey,
      onExisting: settings.onExisting,
      badRows,
      ...(settings.kind === 'consumption' ? { categoryMap: mappedCategories(settings) } : {}),
    };
  };
  /** The file is gone from the service (pushed out, or the app restarted): choose it again. */
  const refused = (error: ApiError) => {
    if (error.code === 'VALIDATION_FAILED') set({ mappingIssues: issuesByField(error), error });
    else set({ error, ...(error.code === 'IMPORT_NOT_STAGED' ? { staged: null, preview: null } : {}) });
  };

  return {
    staged: null,
    staging: false,
    settings: initialSettings,
    preview: null,
    previewing: false,
    unknownCategories: [],
    mappingIssues: {},
    applying: false,
    progress: null,
    applied: null,
    error: null,
    history: null,
    historyError: null,
    active: false,
    open() {
      set({ active: true });
      get().refresh();
    },
    close() {
      set({ active: false });
    },
    refresh() {
      if (!get().active) return;
      void historyLatest.ask(
        api.imports.list({ limit: 50 }),
        (history) => set({ history, historyError: null }),
        (historyError) => set({ historyError }),
      );
    },
    async stage(fileName, contentBase64) {
      previewLatest.drop();
      const previous = get().staged;
      set({
        staging: true,
        staged: null,
        preview: null,
        unknownCategories: [],
        mappingIssues: {},
        error: null,
        applied: null,
      });
      try {
        const staged = await api.imports.stage({ fileName, contentBase64 });
        // The same file chosen again after fixing its rows keeps the choices made for it.
        const sameHeaders = previous !== null && sameList(previous.headers, staged.headers);
        set({ staged, settings: sameHeaders ? get().settings : defaultSettings(staged, guessKind(staged)) });
      } catch (error) {
        set({ error: asApiError(error) });
      } finally {
        set({ staging: false });
      }
    },
    fail(error) {
      set({ error, staged: null, preview: null, unknownCategories: [], staging: false });
    },
    setKind(kind) {
      const { staged, settings } = get();
      if (kind === settings.kind) return;
      set({ unknownCategories: [] });
      change(staged ? defaultSettings(staged, kind) : { ...settings, kind });
    },
    setColumn(field, header) {
      const { settings } = get();
      change({ ...settings, mapping: { ...settings.mapping, [field]: header } });
    },
    setMatchKey(matchKey) {
      change({ ...get().settings, matchKey });
    },
    setOnExisting(onExisting) {
      change({ ...get().settings, onExisting });
    },
    setCategory(key, category) {
      const { settings } = get();
      const others = Object.entries(settings.categoryMap ?? {}).filter(([name]) => name !== key);
      const categoryMap = Object.fromEntries(category === null ? others : [...others, [key, category]]);
      change({ ...settings, categoryMap });
    },
    async runPreview() {
      if (!get().staged) return;
      const current = previewLatest.begin();
      set({ previewing: true, preview: null, mappingIssues: {}, error: null, applied: null });
      try {
        const preview = await api.imports.preview(input());
        if (current()) set({ preview, unknownCategories: preview.unknownCategories });
      } catch (error) {
        if (current()) refused(asApiError(error));
      } finally {
        if (current()) set({ previewing: false });
      }
    },
    async apply(badRows = 'refuse') {
      const { staged, preview } = get();
      if (!staged || !preview || (preview.errorTotal > 0 && badRows === 'refuse')) return;
      const stageId = staged.stageId;
      set({ applying: true, error: null, progress: { done: 0, total: preview.counts.rows } });
      const stop = window.fieldbook.on('import.progress', (event) => {
        if (event.stageId === stageId) set({ progress: { done: event.done, total: event.total } });
      });
      try {
        const applied = await api.imports.apply(input(badRows));
        previewLatest.drop();
        // Applied once, the file is dropped by the service: a second apply would double it.
        set({ applied, staged: null, preview: null });
        get().refresh();
      } catch (error) {
        const refusal = asApiError(error);
        // Data changed since the preview: show the rows that now fail.
        const details = refusal.details as Partial<ImportPreview> | undefined;
        if (refusal.code === 'IMPORT_HAS_ERRORS' && details?.counts && details.errors)
          set({
            preview: {
              counts: details.counts,
              errors: details.errors,
              errorTotal: details.errorTotal ?? 0,
              unknownCategories: details.unknownCategories ?? [],
            },
          });
        refused(refusal);
      } finally {
        stop();
        set({ applying: false, progress: null });
      }
    },
    async revert(id) {
      const result = await api.imports.revert({ id });
      get().refresh();
      return result;
    },
    rejects(id) {
      return api.imports.rejects({ id, language: currentLanguage() });
    },
  };
});
