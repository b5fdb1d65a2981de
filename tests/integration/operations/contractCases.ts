import { newId } from '../../../db/ids';
import { latestMigration } from '../../../db/migrations/index';
import { encodeBundle } from '../../../db/sync/bundleFile';
import type { InputOf, OperationName } from '../../../shared/api';
import type { Fixture } from './fixture';

/**
 * Every operation of the contract with one input it accepts and inputs it must refuse, each
 * refusal with the path of the field at fault. Typed as a mapped type over `OperationName`, so
 * an operation added to the contract without a row here does not compile.
 */
export type IssuePath = readonly (string | number)[];
/** Fields to change in the valid input (`undefined`: leave the field out). */
type Patch = Record<string, unknown> | ((f: Fixture) => Record<string, unknown>);
export type BadInput = readonly [what: string, patch: Patch, path: IssuePath];

export interface OperationCase<N extends OperationName> {
  readonly valid: (f: Fixture) => InputOf<N>;
  readonly invalid: readonly BadInput[];
}

/** The valid input of a case with one bad input's changes applied. */
export function badInput(valid: unknown, patch: Patch, f: Fixture): unknown {
  const changes = typeof patch === 'function' ? patch(f) : patch;
  const merged = Object.entries({ ...(valid as Record<string, unknown>), ...changes });
  return Object.fromEntries(merged.filter(([, value]) => value !== undefined));
}

const notUuid = 'not-a-uuid';

/** A handover of the fixture's accounts (all the acting manager's) to another manager. */
function handoverCase<N extends 'accounts.handover' | 'accounts.handoverPreview'>(): OperationCase<N> {
  const input: InputOf<'accounts.handover'> = { from: 'm001', to: 'm002', tiers: ['general'] };
  return {
    valid: () => input as InputOf<N>,
    invalid: [
      ['a missing successor', { to: undefined }, ['to']],
      ['an empty leaver', { from: '' }, ['from']],
      ['an unknown tier', { tiers: ['vip'] }, ['tiers', 0]],
      ['an empty list of accounts', { accountIds: [] }, ['accountIds']],
      ['an account id that is not one', { accountIds: [notUuid] }, ['accountIds', 0]],
      ['the same manager on both sides', { to: 'm001' }, ['to']],
    ],
  };
}

const syncPassphrase = 'team passphrase 2026';
/** An empty sync file from another device (cheapest scrypt the decoder accepts). */
const syncFile = encodeBundle({
  manifest: {
    bundleId: newId(),
    sourceNode: 'fedcba9876543210',
    schemaVersion: latestMigration,
    versionVector: {},
    createdAt: '2026-11-28T10:00:00.000Z',
  },
  ops: [],
  passphrase: syncPassphrase,
  kdf: { log2N: 10, r: 8, p: 1 },
}).toString('base64');
const long = (length: number) => '长'.repeat(length);

/** A backup named by file: never a path, never another book's. */
const backupCase = <
  N extends 'backups.verify' | 'backups.preview' | 'backups.restore' | 'backups.remove',
>(): OperationCase<N> => ({
  valid: (f) => ({ file: f.backupFile }) as InputOf<N>,
  invalid: [
    ['a path out of the folder', { file: '../fieldbook.db' }, ['file']],
    ['a file that is not a book', { file: 'notes.txt' }, ['file']],
    ['a missing file', { file: undefined }, ['file']],
  ],
});

/** The rejections every `{ id }` operation shares. */
const byId = <N extends OperationName>(valid: (f: Fixture) => InputOf<N>): OperationCase<N> => ({
  valid,
  invalid: [
    ['a missing id', { id: undefined }, ['id']],
    ['an id that is not a UUID', { id: notUuid }, ['id']],
    ['an id of the wrong type', { id: 42 }, ['id']],
  ],
});

export const operationCases: { readonly [N in OperationName]: OperationCase<N> } = {
  'accounts.create': {
    valid: () => ({
      kind: 'organization',
      name: '汕头新公司',
      creditCode: ' 9144 0300 7152 6726 xg ',
      phones: [{ number: '0754-88123456' }],
    }),
    invalid: [
      ['a missing name', { name: undefined }, ['name']],
      ['a name of the wrong type', { name: 5 }, ['name']],
      ['a blank name', { name: '   ' }, ['name']],
      ['a name too long', { name: long(101) }, ['name']],
      ['an unknown kind', { kind: 'robot' }, ['kind']],
      ['an unknown tier', { tier: 'vip' }, ['tier']],
      ['a wrong check character', { creditCode: '91350100M000100Y44' }, ['creditCode']],
      ['a forbidden letter in the credit code', { creditCode: '91350100O000100Y43' }, ['creditCode']],
      ['a malformed phone', { phones: [{ number: '138-0013-800a' }] }, ['phones', 0, 'number']],
      ['a phone one digit short', { phones: [{ number: '1380013800' }] }, ['phones', 0, 'number']],
      [
        'an unknown phone label',
        { phones: [{ number: '13800138000', label: 'cell' }] },
        ['phones', 0, 'label'],
      ],
      [
        'the same phone twice',
        { phones: [{ number: '13800138001' }, { number: '+86 138 0013 8001' }] },
        ['phones', 1, 'number'],
      ],
      ['a five-digit postcode', { postcode: '51504' }, ['postcode']],
      ['a malformed customer number', { customerNo: 'K#1' }, ['customerNo']],
      ['allowDuplicate of the wrong type', { allowDuplicate: 'yes' }, ['allowDuplicate']],
    ],
  },
  'accounts.update': {
    valid: (f) => ({ id: f.person.id, name: '改过的名字', tier: 'partner' }),
    invalid: [
      ['a missing id', { id: undefined }, ['id']],
      ['a blank name', { name: ' ' }, ['name']],
      ['an unknown tier', { tier: 'gold' }, ['tier']],
      ['a malformed postcode', { postcode: 'abcdef' }, ['postcode']],
      ['a malformed credit code', (f) => ({ id: f.org.id, creditCode: '91350100M000100Y4' }), ['creditCode']],
      ['a credit code for a person', { creditCode: '914403001922038216' }, ['creditCode']],
      ['an empty customer number', { customerNo: '' }, ['customerNo']],
    ],
  },
  'accounts.archive': byId((f) => ({ id: f.person.id })),
  'accounts.restore': byId((f) => ({ id: f.person.id })),
  'accounts.delete': byId((f) => ({ id: f.person.id })),
  'accounts.undelete': byId((f) => ({ id: f.person.id })),
  'accounts.get': byId((f) => ({ id: f.person.id })),
  'accounts.detail': byId((f) => ({ id: f.person.id })),
  'accounts.findByNumber': {
    valid: (f) => ({ customerNo: f.person.customerNo.toLowerCase() }),
    invalid: [
      ['a missing number', { customerNo: undefined }, ['customerNo']],
      ['an empty number', { customerNo: ' - ' }, ['customerNo']],
      ['a number with punctuation', { customerNo: 'K#1' }, ['customerNo']],
      ['a number of the wrong type', { customerNo: 1234 }, ['customerNo']],
    ],
  },
  'accounts.handoverManagers': { valid: () => ({}), invalid: [] },
  'accounts.handoverPreview': handoverCase(),
  'accounts.handover': handoverCase(),
  'accounts.list': {
    valid: () => ({ kind: 'person', tiers: ['general'], sort: 'customerNo', direction: 'desc', limit: 10 }),
    invalid: [
      ['a limit of 0', { limit: 0 }, ['limit']],
      ['a limit above 1000', { limit: 1001 }, ['limit']],
      ['a fractional limit', { limit: 1.5 }, ['limit']],
      ['a negative offset', { offset: -1 }, ['offset']],
      ['an unknown sort', { sort: 'revenue' }, ['sort']],
      ['a name filter too long', { name: '名'.repeat(41) }, ['name']],
      ['an unknown direction', { direction: 'up' }, ['direction']],
      ['an unknown status', { status: 'deleted' }, ['status']],
      ['an unknown tier', { tiers: ['vip'] }, ['tiers', 0]],
      ['an unknown kind', { kind: 'robot' }, ['kind']],
    ],
  },
  'accounts.checkDuplicates': {
    valid: (f) => ({ kind: 'person', name: f.person.name, phones: ['+86 138 0013 8000'] }),
    invalid: [
      ['a missing kind', { kind: undefined }, ['kind']],
      ['a malformed phone', { phones: ['12345abc'] }, ['phones', 0]],
      ['a malformed credit code', { creditCode: 'ABC' }, ['creditCode']],
      ['an excludeId that is not a UUID', { excludeId: notUuid }, ['excludeId']],
    ],
  },
  'accounts.sharedNumbers': {
    valid: () => ({ limit: 50 }),
    invalid: [
      ['a limit of 0', { limit: 0 }, ['limit']],
      ['a limit over 1000', { limit: 1001 }, ['limit']],
    ],
  },

  'phones.add': {
    valid: (f) => ({ accountId: f.person.id, number: '(020) 8888 1234', note: '办公室' }),
    invalid: [
      ['a missing account', { accountId: undefined }, ['accountId']],
      ['a missing number', { number: undefined }, ['number']],
      ['a malformed number', { number: 'call me' }, ['number']],
      ['a number too long', { number: '139000000001' }, ['number']],
      ['an unknown label', { label: 'cell' }, ['label']],
      ['a note too long', { note: long(201) }, ['note']],
    ],
  },
  'phones.update': {
    valid: (f) => ({ id: f.phoneId, label: 'home', note: '晚上打' }),
    invalid: [
      ['a missing id', { id: undefined }, ['id']],
      ['a malformed number', { number: '0754-8812' }, ['number']],
      ['a number of the wrong type', { number: 13800138000 }, ['number']],
    ],
  },
  'phones.delete': byId((f) => ({ id: f.phoneId })),
  'phones.undelete': byId((f) => ({ id: f.phoneId })),

  'relationships.create': {
    valid: (f) => ({ fromId: f.org2.id, toId: f.person.id, type: 'employs', role: '总经理' }),
    invalid: [
      ['a missing target', { toId: undefined }, ['toId']],
      ['a source that is not a UUID', { fromId: notUuid }, ['fromId']],
      ['an unknown type', { type: 'boss' }, ['type']],
      ['a role too long', { role: long(61) }, ['role']],
    ],
  },
  'relationships.update': {
    valid: (f) => ({ id: f.relationshipId, role: '董事长' }),
    invalid: [
      ['a role of the wrong type', { role: 5 }, ['role']],
      ['a note too long', { note: long(501) }, ['note']],
    ],
  },
  'relationships.delete': byId((f) => ({ id: f.relationshipId })),
  'relationships.undelete': byId((f) => ({ id: f.relationshipId })),

  'visits.create': {
    valid: (f) => ({
      accountId: f.person.id,
      kind: 'complaint',
      content: '宽带断线',
      occurredAt: '2026-11-20T09:30:00+08:00',
    }),
    invalid: [
      ['a missing content', { content: undefined }, ['content']],
      ['a blank content', { content: '  ' }, ['content']],
      ['an unknown kind', { kind: 'visit' }, ['kind']],
      ['Feb 30', { occurredAt: '2026-02-30T10:00:00Z' }, ['occurredAt']],
      ['a time without an offset', { occurredAt: '2026-11-27T10:00:00' }, ['occurredAt']],
      ['a malformed follow-up date', { followUpDue: '2026-13-01' }, ['followUpDue']],
      ['a follow-up date without its text', { followUpDue: '2026-12-01' }, ['followUp']],
      ['a follow-up due before the visit', { followUp: '回访', followUpDue: '2026-11-01' }, ['followUpDue']],
    ],
  },
  'visits.update': {
    valid: (f) => ({ id: f.visitId, content: '第二次拜访', followUp: '寄资料', followUpDue: '2099-12-01' }),
    invalid: [
      ['a blank content', { content: '' }, ['content']],
      ['a follow-up date without its text', { followUp: '', followUpDue: '2099-12-01' }, ['followUp']],
      ['a follow-up due before the visit', { followUp: '回访', followUpDue: '2000-01-01' }, ['followUpDue']],
      ['a malformed follow-up date', { followUpDue: 'tomorrow' }, ['followUpDue']],
      ['a date instead of a time', { occurredAt: '2026-11-27' }, ['occurredAt']],
    ],
  },
  'visits.delete': byId((f) => ({ id: f.visitId })),
  'visits.undelete': byId((f) => ({ id: f.visitId })),
  'visits.list': {
    valid: (f) => ({ accountId: f.person.id, kind: 'onsite', limit: 5 }),
    invalid: [
      ['a missing account', { accountId: undefined }, ['accountId']],
      ['a limit above 500', { limit: 501 }, ['limit']],
      ['a malformed cursor', { before: 'yesterday' }, ['before']],
    ],
  },

  'anniversaries.create': {
    valid: (f) => ({
      accountId: f.org.id,
      kind: 'founding',
      calendar: 'gregorian',
      month: 3,
      day: 18,
      year: 1998,
    }),
    invalid: [
      ['Apr 31', { month: 4, day: 31, year: null }, ['day']],
      ['Feb 29 in a common year', { month: 2, day: 29, year: 2023 }, ['day']],
      ['a gregorian leap month', { leapMonth: true }, ['day']],
      ['lunar day 30 of a 29-day month', { calendar: 'lunar', month: 2, day: 30, year: 2025 }, ['day']],
      ['a leap month the year lacks', { calendar: 'lunar', month: 3, leapMonth: true, year: 2023 }, ['day']],
      ['month 13', { month: 13 }, ['month']],
      ['day 0', { day: 0 }, ['day']],
      ['an unknown calendar', { calendar: 'julian' }, ['calendar']],
      ['a year before 1900', { year: 1899 }, ['year']],
      ['a custom day without a name', { kind: 'custom' }, ['label']],
      ['a lead time over a year', { leadDays: [7, 400] }, ['leadDays', 1]],
    ],
  },
  'anniversaries.update': {
    valid: (f) => ({ id: f.anniversaryId, leadDays: [7, 1], note: '送月饼' }),
    invalid: [
      ['month 0', { month: 0 }, ['month']],
      ['lunar day 31', { day: 31 }, ['day']],
      ['Feb 30 after switching to gregorian', { calendar: 'gregorian', month: 2, day: 30 }, ['day']],
      ['a custom day without a name', { kind: 'custom' }, ['label']],
      ['negative lead days', { leadDays: [-1] }, ['leadDays', 0]],
    ],
  },
  'anniversaries.delete': byId((f) => ({ id: f.anniversaryId })),
  'anniversaries.undelete': byId((f) => ({ id: f.anniversaryId })),

  'consumption.create': {
    valid: (f) => ({
      accountId: f.org.id,
      period: '2026-10',
      category: 'leased_line',
      amountFen: 1_250_000,
      quantity: 2,
    }),
    invalid: [
      ['month 13', { period: '2026-13' }, ['period']],
      ['a one-digit month', { period: '2026-1' }, ['period']],
      ['a date instead of a month', { period: '2026-10-01' }, ['period']],
      ['an unknown category', { category: 'gas' }, ['category']],
      ['fractional fen', { amountFen: 1.5 }, ['amountFen']],
      ['an amount as text', { amountFen: '100' }, ['amountFen']],
      ['an amount out of range', { amountFen: 1e14 }, ['amountFen']],
      ['a negative quantity', { quantity: -1 }, ['quantity']],
    ],
  },
  'consumption.update': {
    valid: (f) => ({ id: f.consumptionId, amountFen: 990_000, note: '调账' }),
    invalid: [
      ['a malformed period', { period: '26-09' }, ['period']],
      ['an infinite quantity', { quantity: Infinity }, ['quantity']],
      ['fractional fen', { amountFen: 0.1 }, ['amountFen']],
    ],
  },
  'consumption.delete': byId((f) => ({ id: f.consumptionId })),
  'consumption.undelete': byId((f) => ({ id: f.consumptionId })),
  'consumption.list': {
    valid: (f) => ({ accountId: f.org.id, from: '2026-01', to: '2026-12' }),
    invalid: [
      ['a malformed start', { from: '2026-00' }, ['from']],
      ['a malformed end', { to: '2026/12' }, ['to']],
      ['a limit of 0', { limit: 0 }, ['limit']],
    ],
  },

  'contracts.create': {
    valid: (f) => ({
      accountId: f.org.id,
      number: 'ht-2027-009',
      service: 'cloud',
      startDate: '2027-01-01',
      endDate: '2027-12-31',
      monthlyFen: 300_000,
      autoRenew: true,
    }),
    invalid: [
      ['an empty number', { number: ' ' }, ['number']],
      ['a number too long', { number: 'H'.repeat(41) }, ['number']],
      ['an unknown service', { service: 'gas' }, ['service']],
      ['a malformed start', { startDate: '2027/01/01' }, ['startDate']],
      ['an end before the start', { endDate: '2026-12-31' }, ['endDate']],
      ['a negative monthly value', { monthlyFen: -1 }, ['monthlyFen']],
      ['fractional fen', { monthlyFen: 1.5 }, ['monthlyFen']],
      ['a missing account', { accountId: undefined }, ['accountId']],
    ],
  },
  'contracts.update': {
    valid: (f) => ({ id: f.contractId, endDate: '2027-06-30', notes: '续约洽谈中' }),
    invalid: [
      ['a malformed end', { endDate: '30/06/2027' }, ['endDate']],
      ['auto-renewal as text', { autoRenew: 'yes' }, ['autoRenew']],
      ['a notes field too long', { notes: long(1001) }, ['notes']],
    ],
  },
  'contracts.delete': byId((f) => ({ id: f.contractId })),
  'contracts.undelete': byId((f) => ({ id: f.contractId })),
  'contracts.list': {
    valid: (f) => ({ accountId: f.org.id }),
    invalid: [['an account id that is not a UUID', { accountId: notUuid }, ['accountId']]],
  },
  'contracts.find': {
    valid: () => ({ number: 'HT-2026', limit: 5 }),
    invalid: [
      ['an empty number', { number: '' }, ['number']],
      ['a limit of 0', { limit: 0 }, ['limit']],
    ],
  },
  'contracts.expiring': {
    valid: () => ({ today: '2026-11-01', days: 90 }),
    invalid: [
      ['a window of 0 days', { days: 0 }, ['days']],
      ['a malformed day', { today: '2026-13-01' }, ['today']],
    ],
  },

  'lookup.search': {
    valid: () => ({ query: '138 0013 8000', limit: 5, includeArchived: false }),
    invalid: [
      ['a missing query', { query: undefined }, ['query']],
      ['a query too long', { query: '1'.repeat(101) }, ['query']],
      ['a limit above 500', { limit: 501 }, ['limit']],
      ['includeArchived of the wrong type', { includeArchived: 'yes' }, ['includeArchived']],
    ],
  },

  'anniversaries.upcoming': {
    valid: () => ({ from: '2026-11-27', days: 30, owner: 'm001', tiers: ['strategic'], limit: 50 }),
    invalid: [
      ['a window of 0 days', { days: 0 }, ['days']],
      ['a window over a year', { days: 367 }, ['days']],
      ['a start that is not a date', { from: '2026-13-01' }, ['from']],
      ['an unknown tier', { tiers: ['vip'] }, ['tiers', 0]],
      ['a limit of 0', { limit: 0 }, ['limit']],
    ],
  },
  'anniversaries.onDate': {
    valid: () => ({ date: '2027-02-28' }),
    invalid: [
      ['a missing date', { date: undefined }, ['date']],
      ['a date that does not exist', { date: '2026-02-30' }, ['date']],
      ['a date of the wrong type', { date: 20270228 }, ['date']],
    ],
  },

  'anniversaries.countByDay': {
    valid: () => ({ from: '2026-11-01', days: 30, tiers: ['general'] }),
    invalid: [
      ['a missing start', { from: undefined }, ['from']],
      ['a window of 0 days', { days: 0 }, ['days']],
      ['a start beyond the lunar tables', { from: '2100-01-01' }, ['from']],
    ],
  },
  'reminders.open': {
    valid: () => ({ today: '2026-11-27' }),
    invalid: [
      ['a day that is not a date', { today: '27/11/2026' }, ['today']],
      ['an unknown key', { when: 'now' }, []],
    ],
  },
  'reminders.acknowledge': {
    valid: (f) => ({
      anniversaryId: f.anniversaryId,
      occursOn: '2027-09-15',
      as: 'greeting',
      content: '中秋问候',
    }),
    invalid: [
      ['an unknown way to acknowledge', { as: 'hug' }, ['as']],
      ['an anniversary id that is not a UUID', { anniversaryId: notUuid }, ['anniversaryId']],
      ['an occurrence that is not a date', { occursOn: '2027-02-30' }, ['occursOn']],
    ],
  },
  'reminders.snooze': {
    valid: (f) => ({ anniversaryId: f.anniversaryId, occursOn: '2027-09-15', until: '2099-01-01' }),
    invalid: [
      ['a missing occurrence', { occursOn: undefined }, ['occursOn']],
      ['an until that is not a date', { until: 'tomorrow' }, ['until']],
    ],
  },

  'agenda.list': {
    valid: () => ({ today: '2026-11-27', limit: 50 }),
    invalid: [
      ['a day that is not a date', { today: '2026-11-31' }, ['today']],
      ['a limit of 0', { limit: 0 }, ['limit']],
      ['a limit above 1000', { limit: 1001 }, ['limit']],
    ],
  },
  'followUps.complete': {
    valid: (f) => ({ visitId: f.followUpVisitId, record: { kind: 'phone', content: '已电话告知减免结果' } }),
    invalid: [
      ['a visit id that is not a UUID', { visitId: notUuid }, ['visitId']],
      ['a record without its text', { record: { kind: 'phone', content: '' } }, ['record', 'content']],
      ['a record of an unknown kind', { record: { kind: 'hug', content: '好' } }, ['record', 'kind']],
      ['a visit without a follow-up', (f) => ({ visitId: f.visitId }), ['visitId']],
    ],
  },
  'followUps.reopen': {
    valid: (f) => ({ visitId: f.followUpVisitId }),
    invalid: [
      ['a missing visit id', { visitId: undefined }, ['visitId']],
      ['a visit without a follow-up', (f) => ({ visitId: f.visitId }), ['visitId']],
    ],
  },
  'followUps.snooze': {
    valid: (f) => ({ visitId: f.followUpVisitId }),
    invalid: [
      ['an id of the wrong type', { visitId: 42 }, ['visitId']],
      ['a visit without a follow-up', (f) => ({ visitId: f.visitId }), ['visitId']],
    ],
  },
  'followUps.reschedule': {
    valid: (f) => ({ visitId: f.followUpVisitId, due: '2099-01-01' }),
    invalid: [
      ['a due day that is not a date', { due: 'next week' }, ['due']],
      ['a due day in the past', { due: '2020-01-01' }, ['due']],
    ],
  },
  'followUps.completeOverdue': {
    valid: () => ({ before: '2026-11-01' }),
    invalid: [
      ['a missing day', { before: undefined }, ['before']],
      ['a day that is not a date', { before: 'today' }, ['before']],
    ],
  },
  'plannedVisits.snooze': {
    valid: (f) => ({ visitId: f.plannedVisitId }),
    invalid: [
      ['a missing visit id', { visitId: undefined }, ['visitId']],
      ['a visit in the past', (f) => ({ visitId: f.visitId }), ['visitId']],
    ],
  },
  'plannedVisits.reschedule': {
    valid: (f) => ({ visitId: f.plannedVisitId, day: '2099-01-01' }),
    invalid: [
      ['a day that is not a date', { day: '2099-02-30' }, ['day']],
      ['a day already past', { day: '2020-01-01' }, ['day']],
      ['a visit in the past', (f) => ({ visitId: f.visitId }), ['visitId']],
    ],
  },

  'audit.list': {
    valid: (f) => ({ entity: 'account', entityId: f.person.id, limit: 10 }),
    invalid: [
      ['a limit of 0', { limit: 0 }, ['limit']],
      ['an entity of the wrong type', { entity: 5 }, ['entity']],
      ['an entity id too long', { entityId: 'x'.repeat(65) }, ['entityId']],
    ],
  },
  'audit.page': {
    valid: (f) => ({ accountId: f.person.id, action: 'create', from: '2020-01-01', limit: 500 }),
    invalid: [
      ['a limit over a page', { limit: 501 }, ['limit']],
      ['an account id that is no id', { accountId: 'x' }, ['accountId']],
      ['a time that is no time', { from: 'yesterday' }, ['from']],
      ['a cursor of 0', { beforeId: 0 }, ['beforeId']],
    ],
  },
  'audit.facets': { valid: () => ({}), invalid: [] },
  'audit.export': {
    valid: (f) => ({ accountId: f.person.id, language: 'en' }),
    invalid: [['a language not offered', { language: 'fr' }, ['language']]],
  },

  'stats.account': {
    valid: (f) => ({ accountId: f.org.id, to: '2026-10', months: 24, categories: ['data'] }),
    invalid: [
      ['a missing account', { accountId: undefined }, ['accountId']],
      ['a month that does not exist', { to: '2026-13' }, ['to']],
      ['a window of 0 months', { months: 0 }, ['months']],
      ['a window over 5 years', { months: 61 }, ['months']],
      ['a start after the end', { from: '2026-11', to: '2026-10' }, ['from']],
      ['an unknown category', { categories: ['gas'] }, ['categories', 0]],
    ],
  },
  'stats.group': {
    valid: (f) => ({ accountId: f.person.id, from: '2025-11', to: '2026-10' }),
    invalid: [
      ['an account id that is not a UUID', { accountId: notUuid }, ['accountId']],
      ['a start that is not a month', { from: '2025-1' }, ['from']],
    ],
  },
  'stats.portfolio': {
    valid: () => ({ to: '2026-10', months: 12, owner: 'm001', tiers: ['general'], top: 10 }),
    invalid: [
      ['a top of 0', { top: 0 }, ['top']],
      ['a top over 500', { top: 501 }, ['top']],
      ['an unknown tier', { tiers: ['vip'] }, ['tiers', 0]],
    ],
  },
  'stats.pareto': {
    valid: () => ({ to: '2026-10', by: 'group', bounds: { a: 0.7, b: 0.9 }, curvePoints: 50 }),
    invalid: [
      ['an unknown ranking', { by: 'region' }, ['by']],
      ['class B ending before class A', { bounds: { a: 0.9, b: 0.8 } }, ['bounds', 'b']],
      ['a class A bound of 1', { bounds: { a: 1, b: 1 } }, ['bounds', 'a']],
      ['a curve of 1 point', { curvePoints: 1 }, ['curvePoints']],
    ],
  },
  'stats.slipping': {
    valid: () => ({ to: '2026-10', threshold: 0.3, minPreviousFen: 100_00, limit: 20 }),
    invalid: [
      ['a threshold over 1', { threshold: 1.5 }, ['threshold']],
      ['a negative minimum', { minPreviousFen: -1 }, ['minPreviousFen']],
      ['a limit of 0', { limit: 0 }, ['limit']],
      ['a limit over 5000', { limit: 5001 }, ['limit']],
    ],
  },
  'stats.coverage': {
    valid: () => ({ today: '2026-11-27', tiers: ['strategic', 'partner'], limit: 50 }),
    invalid: [
      ['a day that is not a date', { today: '2026-02-30' }, ['today']],
      ['a limit over 5000', { limit: 5001 }, ['limit']],
    ],
  },
  'stats.rebuild': { valid: () => ({}), invalid: [] },

  'tiers.suggestions': {
    valid: () => ({ owner: 'm001', limit: 10 }),
    invalid: [
      ['a limit of 0', { limit: 0 }, ['limit']],
      ['a limit over 5000', { limit: 5001 }, ['limit']],
      ['an owner of the wrong type', { owner: 7 }, ['owner']],
    ],
  },
  'tiers.apply': {
    valid: (f) => ({ accountIds: [f.org.id], language: 'en' }),
    invalid: [
      ['neither accounts nor all', { accountIds: undefined }, ['accountIds']],
      ['no accounts', { accountIds: [] }, ['accountIds']],
      ['an id that is not a UUID', { accountIds: [notUuid] }, ['accountIds', 0]],
      ['an unknown language', { language: 'fr' }, ['language']],
    ],
  },
  'tiers.history': byId((f) => ({ id: f.org.id })),

  'imports.stage': {
    valid: () => ({
      fileName: 'bills.csv',
      contentBase64: Buffer.from('客户编号,账期,业务类别,金额\r\nHQ1,2026-10,数据,1\r\n').toString('base64'),
    }),
    invalid: [
      ['a missing file name', { fileName: undefined }, ['fileName']],
      ['an empty file name', { fileName: '' }, ['fileName']],
      ['content that is not base64', { contentBase64: '客户编号' }, ['contentBase64']],
    ],
  },
  'imports.preview': {
    valid: (f) => f.importOptions,
    invalid: [
      ['a stage id that is not a UUID', { stageId: notUuid }, ['stageId']],
      ['an unknown kind', { kind: 'visits' }, ['kind']],
      ['an unknown field in the mapping', { mapping: { price: '金额' } }, ['mapping']],
      ['an unknown match key', { matchKey: 'name' }, ['matchKey']],
      ['an unknown choice for existing rows', { onExisting: 'merge' }, ['onExisting']],
      ['an unknown choice for bad rows', { badRows: 'fix' }, ['badRows']],
      [
        'a service name mapped to no category',
        { categoryMap: { 云计算: 'compute' } },
        ['categoryMap', '云计算'],
      ],
    ],
  },
  'imports.apply': {
    valid: (f) => f.importOptions,
    invalid: [
      ['a missing stage id', { stageId: undefined }, ['stageId']],
      ['a mapping that is not an object', { mapping: '客户编号' }, ['mapping']],
    ],
  },
  'imports.settle': { valid: () => ({}), invalid: [] },
  'imports.list': {
    valid: () => ({ limit: 10 }),
    invalid: [['a limit of 0', { limit: 0 }, ['limit']]],
  },
  'imports.revert': byId((f) => ({ id: f.importId })),
  'imports.rejects': {
    valid: (f) => ({ id: f.partialImportId, language: 'en' }),
    invalid: [
      ['an id that is not a UUID', { id: notUuid }, ['id']],
      ['an unknown language', { language: 'fr' }, ['language']],
    ],
  },
  'sync.export': {
    valid: () => ({ full: true, passphrase: syncPassphrase }),
    invalid: [
      ['a passphrase of 7 characters', { passphrase: '1234567' }, ['passphrase']],
      ['a new passphrase of 11 characters', { passphrase: '12345678901' }, ['passphrase']],
      ['a passphrase of the wrong type', { passphrase: null }, ['passphrase']],
      ['full of the wrong type', { full: 'yes' }, ['full']],
      ['a time zone beyond 14 hours', { utcOffsetMinutes: 15 * 60 }, ['utcOffsetMinutes']],
      ['a user code with spaces', { forUser: 'm 1' }, ['forUser']],
      ['a purpose too long', { purpose: '为'.repeat(201) }, ['purpose']],
    ],
  },
  'sync.preview': {
    valid: () => ({ contentBase64: syncFile, passphrase: syncPassphrase }),
    invalid: [
      ['content that is not base64', { contentBase64: '同步文件' }, ['contentBase64']],
      ['empty content', { contentBase64: '' }, ['contentBase64']],
      ['a passphrase too short', { passphrase: 'short' }, ['passphrase']],
    ],
  },
  'sync.import': {
    valid: () => ({ contentBase64: syncFile, passphrase: syncPassphrase }),
    invalid: [
      ['a missing file', { contentBase64: undefined }, ['contentBase64']],
      ['a digest that is not SHA-256 hex', { expectedDigest: 'abc' }, ['expectedDigest']],
      ['a passphrase of the wrong type', { passphrase: 12345678 }, ['passphrase']],
    ],
  },
  'sync.setPassphrase': {
    valid: () => ({ passphrase: syncPassphrase }),
    invalid: [
      ['a missing passphrase', { passphrase: undefined }, ['passphrase']],
      ['a passphrase of 7 characters', { passphrase: '1234567' }, ['passphrase']],
      ['a new passphrase of 11 characters', { passphrase: '12345678901' }, ['passphrase']],
      ['a passphrase of the wrong type', { passphrase: 12345678 }, ['passphrase']],
    ],
  },
  'sync.clearPassphrase': { valid: () => ({}), invalid: [] },
  'sync.history': {
    valid: () => ({ limit: 10 }),
    invalid: [['a limit of 0', { limit: 0 }, ['limit']]],
  },
  'sync.conflicts': {
    valid: () => ({ includeResolved: true, limit: 20 }),
    invalid: [
      ['a limit over 1000', { limit: 1001 }, ['limit']],
      ['includeResolved of the wrong type', { includeResolved: 1 }, ['includeResolved']],
    ],
  },
  'sync.resolveConflict': {
    valid: (f) => ({ id: f.conflictId, resolution: 'merge', value: '合并后的备注' }),
    invalid: [
      ['an id that is not a UUID', { id: notUuid }, ['id']],
      ['an unknown resolution', { resolution: 'drop' }, ['resolution']],
      ['a merge without its text', { value: undefined }, ['value']],
      ['a text too long for any field', { value: long(5001) }, ['value']],
      ['a text with keep', { resolution: 'keep' }, ['value']],
    ],
  },

  'exports.csv': {
    valid: () => ({
      tables: ['accounts', 'consumption'],
      language: 'en',
      tiers: ['strategic'],
      from: '2026-01-01',
    }),
    invalid: [
      ['no table', { tables: [] }, ['tables']],
      ['an unknown table', { tables: ['passwords'] }, ['tables', 0]],
      ['an unknown language', { language: 'fr' }, ['language']],
      ['an unknown tier', { tiers: ['vip'] }, ['tiers', 0]],
      ['a date that is not a date', { to: '2026-13-01' }, ['to']],
      ['a range ending before it starts', { from: '2026-03-01', to: '2026-02-01' }, ['from']],
    ],
  },

  'settings.get': { valid: () => ({}), invalid: [] },
  'settings.update': {
    valid: () => ({ managerCode: 'm001', managerName: '陈经理', language: 'zh-CN' }),
    invalid: [
      ['a manager code with a space', { managerCode: 'm 001' }, ['managerCode']],
      ['a manager name too long', { managerName: long(41) }, ['managerName']],
      ['an unknown language', { language: 'fr' }, ['language']],
      [
        'a visit cadence of 0 days',
        { visitCadenceDays: { strategic: 0, partner: 60, commercial: 90, general: 180 } },
        ['visitCadenceDays', 'strategic'],
      ],
      [
        'a visit cadence without a tier',
        { visitCadenceDays: { strategic: 30 } },
        ['visitCadenceDays', 'partner'],
      ],
      ['a clock drift of 0 hours', { maxClockDriftHours: 0 }, ['maxClockDriftHours']],
      ['a clock drift over a month', { maxClockDriftHours: 721 }, ['maxClockDriftHours']],
    ],
  },

  'storage.get': { valid: () => ({}), invalid: [] },
  'storage.check': { valid: () => ({}), invalid: [] },

  'audit.verify': { valid: () => ({}), invalid: [] },
  'backups.list': { valid: () => ({}), invalid: [] },
  'backups.create': {
    valid: () => ({ kind: 'manual' }),
    invalid: [['an unknown kind', { kind: 'hourly' }, ['kind']]],
  },
  'backups.verify': backupCase(),
  'backups.preview': backupCase(),
  'backups.remove': backupCase(),
  'backups.restore': backupCase(),
  'accounts.erase': {
    valid: (f) => ({ id: f.person.id, reason: 'PIPL request' }),
    invalid: [
      ['a missing reason', { reason: undefined }, ['reason']],
      ['a blank reason', { reason: '  ' }, ['reason']],
      ['a missing id', { id: undefined }, ['id']],
    ],
  },
  'accounts.exportPersonalData': byId((f) => ({ id: f.person.id })),
  'purge.candidates': {
    valid: () => ({ offset: 0, limit: 50, today: '2099-01-01' }),
    invalid: [
      ['a negative offset', { offset: -1 }, ['offset']],
      ['a page too long', { limit: 501 }, ['limit']],
      ['a day that is not one', { today: '2099-02-30' }, ['today']],
    ],
  },
  // Far enough ahead that the fixture's general accounts, never billed, are candidates.
  'purge.apply': {
    valid: (f) => ({ ids: [f.person2.id], reason: 'rules of the book', today: '2099-01-01' }),
    invalid: [
      ['no ids', { ids: [] }, ['ids']],
      ['an id that is not one', { ids: [notUuid] }, ['ids', 0]],
      ['a blank reason', { reason: ' ' }, ['reason']],
    ],
  },
  'accounts.reveal': {
    valid: (f) => ({ id: f.person.id, purpose: '客户来电核对号码' }),
    invalid: [
      ['a missing purpose', { purpose: undefined }, ['purpose']],
      ['a blank purpose', { purpose: '  ' }, ['purpose']],
      ['an id that is not a UUID', { id: notUuid }, ['id']],
    ],
  },
  'users.list': { valid: () => ({}), invalid: [] },
  'users.update': {
    valid: () => ({ code: 'm001', name: '王经理' }),
    invalid: [
      ['a code with spaces', { code: 'm 1' }, ['code']],
      ['an unknown role', { role: 'owner' }, ['role']],
      ['an unknown status', { status: 'gone' }, ['status']],
    ],
  },
  'users.add': {
    valid: () => ({ code: 'm009', name: '新经理', role: 'manager', password: 'correct horse' }),
    invalid: [
      ['a password too short', { password: 'short' }, ['password']],
      ['a missing name', { name: undefined }, ['name']],
      ['an unknown role', { role: 'owner' }, ['role']],
    ],
  },
  'users.setPassword': {
    valid: () => ({ code: 'm001', password: 'a new password' }),
    invalid: [
      ['a password too short', { password: 'short' }, ['password']],
      ['a missing code', { code: undefined }, ['code']],
    ],
  },
  'session.status': { valid: () => ({}), invalid: [] },
  'session.setUp': {
    valid: () => ({ code: 'admin', name: '管理员', password: 'correct horse' }),
    invalid: [
      ['a password too short', { password: 'short' }, ['password']],
      ['a code with spaces', { code: 'a b' }, ['code']],
    ],
  },
  'session.signIn': {
    valid: () => ({ code: 'm001', password: 'correct horse' }),
    invalid: [['a missing password', { password: undefined }, ['password']]],
  },
  'session.lock': { valid: () => ({}), invalid: [] },
  'session.changePassword': {
    valid: () => ({ current: 'correct horse', next: 'battery staple' }),
    invalid: [['a new password too short', { next: 'short' }, ['next']]],
  },
  'session.unlockHere': {
    valid: () => ({ enabled: true, password: 'correct horse' }),
    invalid: [
      ['turning it on without the password', { enabled: true, password: undefined }, ['password']],
      ['a password to turn it off', { enabled: false, password: 'x' }, []],
    ],
  },
  'session.unlock': {
    valid: () => ({ code: 'm001' }),
    invalid: [['a code with spaces', { code: 'm 1' }, ['code']]],
  },
  'session.join': {
    valid: () => ({
      contentBase64: syncFile,
      passphrase: syncPassphrase,
      code: 'm001',
      enrolmentPassword: 'given by admin',
      password: 'correct horse',
    }),
    invalid: [
      ['content that is not base64', { contentBase64: '同步文件' }, ['contentBase64']],
      ['a new password too short', { password: 'short' }, ['password']],
      ['a missing enrolment password', { enrolmentPassword: undefined }, ['enrolmentPassword']],
    ],
  },
};
