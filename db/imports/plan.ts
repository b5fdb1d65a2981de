import { normalizeCreditCode, isValidCreditCode } from '../../shared/domain/creditCode';
import { normalizeCustomerNumber } from '../../shared/domain/customerNumber';
import type { ImportField, ImportMatchKey } from '../../shared/domain/importFields';
import { normalizePhone } from '../../shared/domain/phone';
import type {
  ImportCounts,
  ImportRowError,
  ImportRowErrorCode,
  ImportUnknownCategory,
} from '../../shared/types';
import type { SyncedTable } from '../schema';
import { entities } from '../entities';
import type { NewRow, RowPatch } from '../tables';

/**
 * What an import would do, worked out without writing: the same plan serves the preview (its
 * counts and errors) and the apply (its actions), so the two cannot disagree.
 */
export type ImportAction =
  | {
      readonly type: 'insert';
      readonly table: 'consumption';
      readonly values: Omit<NewRow<'consumption'>, 'id'>;
    }
  | {
      readonly type: 'insert';
      readonly table: 'accounts';
      readonly values: Omit<NewRow<'accounts'>, 'id'>;
      readonly phone: string | null;
    }
  | {
      readonly type: 'insert';
      readonly table: 'contracts';
      readonly values: Omit<NewRow<'contracts'>, 'id'>;
    }
  | {
      readonly type: 'update';
      readonly table: 'contracts';
      readonly id: string;
      readonly patch: RowPatch<'contracts'>;
    }
  | {
      readonly type: 'update';
      readonly table: 'consumption';
      readonly id: string;
      readonly patch: RowPatch<'consumption'>;
    }
  | {
      readonly type: 'update';
      readonly table: 'accounts';
      readonly id: string;
      readonly patch: RowPatch<'accounts'>;
      /** A number the account does not have yet, added with the update. */
      readonly phone: string | null;
    };

export interface ImportPlan {
  readonly counts: ImportCounts;
  readonly errors: readonly ImportRowError[];
  readonly errorTotal: number;
  readonly actions: readonly ImportAction[];
  /** Every row with errors, each with all of them, in file order: what a partial import leaves out. */
  readonly rejected: readonly RowWithErrors[];
  /** Service names the file uses that Fieldbook does not know by itself (bills). */
  readonly unknownCategories: readonly ImportUnknownCategory[];
}

export interface RowWithErrors {
  /** As Excel numbers it (the header is row 1). */
  readonly row: number;
  readonly errors: ImportRowError[];
}

/** How many errors a preview lists; the total is always counted. */
export const listedErrorLimit = 200;

/**
 * Collects row errors: all counted, the first few listed, every row with errors kept with all
 * of its own (rows are read in order, so a row's errors arrive together).
 */
export class RowErrors {
  readonly list: ImportRowError[] = [];
  readonly byRow: RowWithErrors[] = [];
  total = 0;
  constructor(private readonly columnOf: (field: ImportField) => string | null) {}

  /** Rows with at least one error. */
  get rows(): number {
    return this.byRow.length;
  }

  add(row: number, field: ImportField | null, code: ImportRowErrorCode, value: string): void {
    const error = { row, column: field === null ? null : this.columnOf(field), field, code, value };
    this.total += 1;
    const last = this.byRow.at(-1);
    if (last?.row === row) last.errors.push(error);
    else this.byRow.push({ row, errors: [error] });
    if (this.list.length < listedErrorLimit) this.list.push(error);
  }
}

export const emptyCounts = (): { -readonly [K in keyof ImportCounts]: number } => ({
  rows: 0,
  create: 0,
  update: 0,
  skip: 0,
  unchanged: 0,
  errors: 0,
});

/**
 * A text cell held to its column's rule (`TableSpec.rules`, the same rule a form's field
 * meets): the value as it is stored, or why the row is refused.
 */
export function readTextCell(
  table: SyncedTable,
  column: string,
  text: string,
): { readonly value: string } | { readonly code: ImportRowErrorCode } {
  const checked = entities[table].rules[column]?.safeParse(text);
  if (checked?.success) return { value: String(checked.data) };
  const issue = checked?.error.issues[0];
  if (issue?.code === 'too_big') return { code: 'too_long' };
  if (issue?.message === 'invalid_characters' || issue?.message === 'invalid_postcode')
    return { code: issue.message };
  return { code: 'required' };
}

/** Reads a match-key cell into the form accounts store it; null when it is not such a key. */
export function readAccountKey(matchKey: ImportMatchKey, text: string): string | null {
  switch (matchKey) {
    case 'customerNo': {
      const number = normalizeCustomerNumber(text.trim());
      return /^[0-9A-Z]{1,32}$/.test(number) ? number : null;
    }
    case 'creditCode': {
      const code = normalizeCreditCode(text);
      return isValidCreditCode(code) ? code : null;
    }
    case 'phone':
      return normalizePhone(text)?.digits ?? null;
  }
}

export const invalidKeyCode: Record<ImportMatchKey, ImportRowErrorCode> = {
  customerNo: 'invalid_customer_no',
  creditCode: 'invalid_credit_code',
  phone: 'invalid_phone',
};
