import { z } from 'zod';
import { idSchema, phoneLabels, phoneUpdateInput } from '../../shared/schemas';
import { phonesExport } from '../exports/phones';
import { toPhone } from '../queries/records';
import { defineEntity } from './entity';
import { flag, storedPhone } from './rules';

/** A phone number of an account; the accounts import adds one per row. */
export const phonesEntity = defineEntity({
  table: 'account_phones',
  entity: 'phone',
  domain: 'phones',
  columns: {
    account_id: { sync: 'lww', rule: idSchema },
    number: { sync: 'lww', rule: storedPhone, personal: true },
    label: { sync: 'lww', rule: z.enum(phoneLabels) },
    note: { sync: 'freeText', rule: phoneUpdateInput.shape.note.unwrap(), personal: true },
    deleted: { sync: 'lww', rule: flag },
    // Reversed, so "the last digits" is a range of an index (lookup).
    number_rev: { sync: 'derived', personal: true },
  },
  accounts: ['account_id'],
  exportOrder: 1,
  csv: [phonesExport],
  imported: { kind: 'accounts', fields: ['phone'] },
  toApi: toPhone,
  derive: (row) => ({ number_rev: Array.from(String(row['number'])).reverse().join('') }),
});
