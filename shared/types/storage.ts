/** One export for the UI: a .csv for one table, a .zip of .csv files for several. */
export interface CsvExport {
  /** A suggested name; the renderer saves the file under it. */
  readonly fileName: string;
  readonly contentBase64: string;
  readonly mediaType: 'text/csv' | 'application/zip';
  /** Rows written per table (header lines not counted). */
  readonly rows: Readonly<Record<string, number>>;
}

/**
 * Why an open book takes no changes: asked for (`--read-only`), its file, folder or medium
 * cannot be written here, or the integrity check at open found it damaged.
 */
export type StorageReadOnlyReason = 'requested' | 'not-writable' | 'damaged';

/** What opening the book did beyond opening it, for the window to tell once. */
export type StorageNotice =
  /** The book was brought to this app's schema; `copy` is the verified copy made first. */
  | {
      readonly kind: 'upgraded';
      readonly from: string;
      readonly to: string;
      readonly copy: string | null;
      /** An earlier upgrade had been interrupted (the book was still at `from`). */
      readonly resumed: boolean;
    }
  /** The upgrade left a damaged book: it was replaced by the copy made before it, then upgraded. */
  | { readonly kind: 'restored'; readonly copy: string; readonly damagedKeptAs: string };

/** A verified copy of this book beside it (today: the one made before the last upgrade). */
export interface VerifiedCopy {
  readonly path: string;
  /** When it was written (ISO-8601). */
  readonly at: string;
}

/** `storage.get`: whether the open book takes changes, and if not, why. */
export interface StorageStatus {
  readonly path: string;
  readonly writable: boolean;
  readonly reason: StorageReadOnlyReason | null;
  /** The first problems the integrity check found, in SQLite's words (damaged books only). */
  readonly problems: readonly string[];
  readonly verifiedCopy: VerifiedCopy | null;
  readonly notices: readonly StorageNotice[];
}

/** What `PRAGMA quick_check` found: nothing for a sound book. */
export interface StorageCheck {
  readonly problems: readonly string[];
}
