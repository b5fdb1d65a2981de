import { z } from 'zod';
import { anniversaryKinds, anniversaryUpdateInput, calendars, idSchema } from '../../shared/schemas';
import { anniversariesExport } from '../exports/anniversaries';
import { keepAnniversaryCountsOfAnniversary } from '../queries/anniversaryCounts';
import { toAnniversary } from '../queries/records';
import { defineEntity } from './entity';
import { flag, storedJson } from './rules';

const anniversary = anniversaryUpdateInput.shape;

/** A birthday, wedding, founding or contract day, by the Gregorian or the lunar calendar. */
export const anniversariesEntity = defineEntity({
  table: 'anniversaries',
  entity: 'anniversary',
  domain: 'anniversaries',
  columns: {
    account_id: { sync: 'lww', rule: idSchema },
    kind: { sync: 'lww', rule: z.enum(anniversaryKinds) },
    label: { sync: 'lww', rule: anniversary.label.unwrap() },
    calendar: { sync: 'lww', rule: z.enum(calendars) },
    // A person's birthday is personal data: the day and the year of birth.
    month: { sync: 'lww', rule: anniversary.month.unwrap(), personal: true },
    day: { sync: 'lww', rule: anniversary.day.unwrap(), personal: true },
    leap_month: { sync: 'lww', rule: flag, personal: true },
    year: { sync: 'lww', rule: anniversary.year.unwrap(), personal: true },
    lead_days: { sync: 'lww', rule: storedJson(anniversary.leadDays.unwrap().unwrap()).nullable() },
    note: { sync: 'freeText', rule: anniversary.note.unwrap(), personal: true },
    deleted: { sync: 'lww', rule: flag },
  },
  accounts: ['account_id'],
  exportOrder: 3,
  csv: [anniversariesExport],
  imported: null,
  toApi: toAnniversary,
  // The upcoming window's total is added up from kept per-day counts.
  afterWrite: keepAnniversaryCountsOfAnniversary,
});
