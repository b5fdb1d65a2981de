import type {
  ImportBadRows,
  ImportField,
  ImportKind,
  ImportMapping,
  ImportMatchKey,
  ImportOnExisting,
} from '../domain/importFields';
import type { ConsumptionCategory } from './common';

export type { ImportBadRows, ImportField, ImportKind, ImportMapping, ImportMatchKey, ImportOnExisting };

/** How a staged file's bytes were read. */
export type ImportEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

/** The choices an import is made with; remembered per header set. */
export interface ImportSettings {
  readonly kind: ImportKind;
  readonly mapping: ImportMapping;
  readonly matchKey: ImportMatchKey;
  readonly onExisting: ImportOnExisting;
  /**
   * Service names the file uses that are not Fieldbook's (`云计算`), each read as one of its
   * categories; keyed by `categoryKey(name)`. Absent in settings saved before it existed.
   */
  readonly categoryMap?: ImportCategoryMap;
}

/** A file's own service names → the categories they are read as (keys: `categoryKey(name)`). */
export type ImportCategoryMap = Readonly<Partial<Record<string, ConsumptionCategory>>>;

/** A file read and held by the service until it is applied (or pushed out by newer files). */
export interface StagedImport {
  readonly stageId: string;
  readonly fileName: string;
  readonly encoding: ImportEncoding;
  readonly delimiter: ',' | ';' | '\t';
  readonly headers: readonly string[];
  /** The first data rows, as text, for the mapping screen. */
  readonly sample: readonly (readonly string[])[];
  /** Data rows (the header line not counted). */
  readonly rowCount: number;
  /** The settings last applied to a file with these headers, if any. */
  readonly remembered: ImportSettings | null;
  /** A mapping guessed from the header names, for each kind of import. */
  readonly suggested: Readonly<Record<ImportKind, ImportMapping>>;
}

/** Why one cell (or row) cannot be imported. */
export type ImportRowErrorCode =
  | 'required'
  | 'invalid_period'
  | 'invalid_category'
  | 'invalid_amount'
  | 'invalid_quantity'
  | 'invalid_customer_no'
  | 'invalid_credit_code'
  | 'invalid_phone'
  | 'invalid_kind'
  | 'invalid_tier'
  | 'invalid_postcode'
  | 'too_long'
  | 'invalid_characters'
  | 'unknown_account'
  | 'ambiguous_account'
  | 'ambiguous_existing'
  | 'duplicate_in_file'
  | 'customer_no_taken'
  | 'kind_mismatch'
  | 'credit_code_for_person'
  | 'invalid_date'
  | 'invalid_yes_no'
  | 'contract_ends_before_start';

export interface ImportRowError {
  /** The row as Excel numbers it: the header is row 1, the first data row is row 2. */
  readonly row: number;
  /** The header of the column at fault; null for a problem of the whole row. */
  readonly column: string | null;
  readonly field: ImportField | null;
  readonly code: ImportRowErrorCode;
  /** The cell's text as read. */
  readonly value: string;
}

export interface ImportCounts {
  /** Data rows in the file. */
  readonly rows: number;
  readonly create: number;
  readonly update: number;
  readonly skip: number;
  /** Existing rows an update would not change. */
  readonly unchanged: number;
  /** Rows with at least one error. */
  readonly errors: number;
}

/** What applying would do; nothing is written. */
export interface ImportPreview {
  readonly counts: ImportCounts;
  /** The first errors, in file order. */
  readonly errors: readonly ImportRowError[];
  /** All errors (cells), of which `errors` lists the first. */
  readonly errorTotal: number;
  /**
   * Service names in the file that are not Fieldbook's, with how many rows use each (mapped
   * ones too, so a mapping can be changed); most used first, at most 50. Bills only.
   */
  readonly unknownCategories: readonly ImportUnknownCategory[];
}

export interface ImportUnknownCategory {
  /** The name as the file first writes it. */
  readonly name: string;
  /** `categoryKey(name)`: what `categoryMap` is keyed by. */
  readonly key: string;
  readonly rows: number;
}

/**
 * The rows a partial import left out (`badRows: 'skip'`), as a CSV file to correct and import
 * again: UTF-8 with BOM, the file's own columns and cells, and one more column saying what is
 * wrong with each row.
 */
export interface ImportRejects {
  readonly fileName: string;
  readonly contentBase64: string;
  readonly rows: number;
}

export interface ImportRevertCounts {
  /** Rows the import created, now deleted. */
  readonly deleted: number;
  /** Rows the import updated, their fields put back. */
  readonly restored: number;
  /** Rows left alone because someone changed them after the import (or already deleted them). */
  readonly conflicts: number;
}

/** An import as recorded on this device. */
export interface ImportRecord {
  readonly id: string;
  readonly kind: ImportKind;
  readonly fileName: string;
  readonly encoding: ImportEncoding;
  readonly at: string;
  readonly actor: string;
  readonly settings: ImportSettings;
  readonly counts: ImportCounts;
  readonly revertedAt: string | null;
  readonly revertedBy: string | null;
  readonly revertCounts: ImportRevertCounts | null;
}

/** A row a revert left alone, and the fields changed since the import. */
export interface ImportRevertConflict {
  readonly table: string;
  readonly rowId: string;
  readonly columns: readonly string[];
}

export interface ImportRevertResult {
  readonly import: ImportRecord;
  readonly counts: ImportRevertCounts;
  /** The first conflicts. */
  readonly conflicts: readonly ImportRevertConflict[];
}
