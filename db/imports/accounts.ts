import { isValidCreditCode, normalizeCreditCode } from '../../shared/domain/creditCode';
import type { ImportField, ImportMatchKey, ImportOnExisting } from '../../shared/domain/importFields';
import { parseAccountKind, parseTier } from '../../shared/domain/importValues';
import { normalizePhone } from '../../shared/domain/phone';
import type { AccountKind, Tier } from '../../shared/types';
import type { Db } from '../connection';
import { newCustomerNo } from '../ids';
import { findAccountRow } from '../queries/accounts';
import { accountIdsByKey, phoneNumbersOf } from '../queries/imports';
import type { RowPatch } from '../tables';
import { isBlank } from './readCsv';
import {
  emptyCounts,
  invalidKeyCode,
  readAccountKey,
  readTextCell,
  RowErrors,
  type ImportAction,
  type ImportPlan,
} from './plan';

/**
 * An accounts file (first set-up from head office lists): one account per row, matched to an
 * existing one by the chosen key. Updates take the non-empty cells only, so a partial list
 * (numbers and tiers) never blanks what managers entered. Name-based duplicate suggestions are
 * not applied: the list is head office's, and its keys decide.
 */
export interface AccountImportOptions {
  readonly matchKey: ImportMatchKey;
  readonly onExisting: ImportOnExisting;
  readonly columns: Partial<Record<ImportField, number>>;
  readonly headers: readonly string[];
  readonly actor: string;
}

/** Text fields, read by their column's rule (the name's 'required' is checked where it is needed). */
const textFields = ['name', 'owner', 'region', 'industry', 'address', 'notes'] as const;
type TextField = (typeof textFields)[number];

export function planAccounts(db: Db, rows: readonly string[][], options: AccountImportOptions): ImportPlan {
  const { columns, matchKey, onExisting } = options;
  const errors = new RowErrors((field) => {
    const index = columns[field];
    return index === undefined ? null : (options.headers[index] ?? null);
  });
  const counts = emptyCounts();
  const actions: ImportAction[] = [];
  const byKey = accountIdsByKey(db, matchKey);
  const byNumber = matchKey === 'customerNo' ? byKey : accountIdsByKey(db, 'customerNo');
  const seenKeys = new Set<string>();
  const seenNumbers = new Set<string>();
  // Accounts matched so far: two keys (two phones) of one account must not update it twice.
  const matchedIds = new Set<string>();

  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] ?? [];
    if (isBlank(row)) continue;
    const excelRow = index + 2;
    counts.rows += 1;
    const errorsBefore = errors.total;
    const read = (field: ImportField) => {
      const at = columns[field];
      return at === undefined ? '' : (row[at] ?? '').trim();
    };
    const fail = (field: ImportField | null, code: Parameters<RowErrors['add']>[2], value: string) =>
      errors.add(excelRow, field, code, value);

    const keyText = read(matchKey);
    const key = keyText === '' ? null : readAccountKey(matchKey, keyText);
    if (keyText !== '' && key === null) fail(matchKey, invalidKeyCode[matchKey], keyText);
    const match = key === null ? undefined : byKey.get(key);
    if (key !== null && seenKeys.has(key)) fail(matchKey, 'duplicate_in_file', keyText);
    else if (typeof match === 'string' && matchedIds.has(match)) fail(matchKey, 'duplicate_in_file', keyText);
    if (key !== null) seenKeys.add(key);
    if (typeof match === 'string') matchedIds.add(match);
    if (match === null) fail(matchKey, 'ambiguous_account', keyText);

    const kindText = read('kind');
    const kind: AccountKind | null = kindText === '' ? null : parseAccountKind(kindText);
    if (kindText !== '' && kind === null) fail('kind', 'invalid_kind', kindText);
    const tierText = read('tier');
    const tier: Tier | null = tierText === '' ? null : parseTier(tierText);
    if (tierText !== '' && tier === null) fail('tier', 'invalid_tier', tierText);
    const numberText = read('customerNo');
    const customerNo = numberText === '' ? null : readAccountKey('customerNo', numberText);
    if (numberText !== '' && customerNo === null) fail('customerNo', 'invalid_customer_no', numberText);
    const codeText = read('creditCode');
    const creditCode = codeText === '' ? null : normalizeCreditCode(codeText);
    if (creditCode !== null && !isValidCreditCode(creditCode))
      fail('creditCode', 'invalid_credit_code', codeText);
    const phoneText = read('phone');
    const phone = phoneText === '' ? null : (normalizePhone(phoneText)?.digits ?? null);
    if (phoneText !== '' && phone === null) fail('phone', 'invalid_phone', phoneText);
    const postcodeText = read('postcode');
    const postcodeCell = readTextCell('accounts', 'postcode', postcodeText);
    if ('code' in postcodeCell) fail('postcode', postcodeCell.code, postcodeText);
    const postcode = 'value' in postcodeCell ? postcodeCell.value : '';
    const texts: Partial<Record<TextField, string>> = {};
    for (const field of textFields) {
      const text = read(field);
      if (text === '') continue;
      const cell = readTextCell('accounts', field, text);
      if ('code' in cell) fail(field, cell.code, text.slice(0, 40));
      else if (cell.value !== '') texts[field] = cell.value;
    }

    const existing = match === undefined || match === null ? undefined : findAccountRow(db, match);
    const creates = existing === undefined || onExisting === 'create';
    if (creates && match !== null) {
      const newKind = kind ?? (columns.kind === undefined ? 'organization' : null);
      if (newKind === null && kindText === '') fail('kind', 'required', kindText);
      // A name refused for what it holds is reported as that, not as missing.
      if (texts.name === undefined && read('name') === '') fail('name', 'required', '');
      if (newKind === 'person' && creditCode !== null) fail('creditCode', 'credit_code_for_person', codeText);
      // A repeated match key was reported above already.
      if (customerNo !== null && byNumber.has(customerNo))
        fail('customerNo', 'customer_no_taken', numberText);
      else if (customerNo !== null && matchKey !== 'customerNo' && seenNumbers.has(customerNo))
        fail('customerNo', 'duplicate_in_file', numberText);
      if (customerNo !== null) seenNumbers.add(customerNo);
      if (errors.total > errorsBefore || newKind === null || texts.name === undefined) continue;
      counts.create += 1;
      actions.push({
        type: 'insert',
        table: 'accounts',
        phone,
        values: {
          kind: newKind,
          customer_no: customerNo ?? newCustomerNo(),
          name: texts.name,
          credit_code: newKind === 'organization' ? creditCode : null,
          tier: tier ?? 'general',
          tier_source: tier ? 'manager' : 'suggested',
          tier_reason: '',
          status: 'active',
          owner: texts.owner ?? options.actor,
          region: texts.region ?? '',
          industry: texts.industry ?? '',
          address: texts.address ?? '',
          postcode,
          notes: texts.notes ?? '',
          created_by: options.actor,
        },
      });
      continue;
    }
    if (existing === undefined) continue;
    if (kind !== null && kind !== existing.kind) fail('kind', 'kind_mismatch', kindText);
    if (creditCode !== null && existing.kind !== 'organization')
      fail('creditCode', 'credit_code_for_person', codeText);
    if (customerNo !== null && customerNo !== existing.customer_no) {
      const holder = byNumber.get(customerNo);
      if ((holder !== undefined && holder !== existing.id) || seenNumbers.has(customerNo))
        fail('customerNo', holder !== undefined ? 'customer_no_taken' : 'duplicate_in_file', numberText);
      seenNumbers.add(customerNo);
    }
    if (errors.total > errorsBefore) continue;
    if (onExisting === 'skip') {
      counts.skip += 1;
      continue;
    }
    const wanted: RowPatch<'accounts'> = {
      ...texts,
      ...(customerNo !== null && { customer_no: customerNo }),
      ...(creditCode !== null && { credit_code: creditCode }),
      ...(tier !== null && { tier, tier_source: 'manager' }),
      ...(postcode !== '' && { postcode }),
    };
    const stored = existing as unknown as Record<string, unknown>;
    const patch = Object.fromEntries(
      Object.entries(wanted).filter(([column, value]) => stored[column] !== value),
    ) as RowPatch<'accounts'>;
    const newPhone = phone !== null && !phoneNumbersOf(db, existing.id).includes(phone) ? phone : null;
    if (Object.keys(patch).length === 0 && newPhone === null) counts.unchanged += 1;
    else {
      counts.update += 1;
      actions.push({ type: 'update', table: 'accounts', id: existing.id, patch, phone: newPhone });
    }
  }
  counts.errors = errors.rows;
  return {
    counts,
    errors: errors.list,
    errorTotal: errors.total,
    actions,
    rejected: errors.byRow,
    unknownCategories: [],
  };
}
