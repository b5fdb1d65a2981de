import { newId } from '../../../db/ids';
import { localToday } from '../../../db/queries/records';
import type { InputOf } from '../../../shared/api';
import type { Account } from '../../../shared/types';
import { createOrganization, createPerson, creditCode, type Book } from './helpers';

/** One of every record, for tests that need something of each kind to point at. */
export interface Fixture {
  readonly person: Account;
  readonly person2: Account;
  readonly org: Account;
  readonly org2: Account;
  readonly phoneId: string;
  /** A backup of the book as the fixture made it (file name in the backup folder). */
  readonly backupFile: string;
  readonly relationshipId: string;
  readonly visitId: string;
  /** A visit with a follow-up due today, and a visit planned a month ahead (the agenda). */
  readonly followUpVisitId: string;
  readonly plannedVisitId: string;
  readonly anniversaryId: string;
  readonly consumptionId: string;
  readonly contractId: string;
  /** A staged consumption file for org (by its customer number) and how to import it. */
  readonly importOptions: InputOf<'imports.preview'>;
  /** An applied import. */
  readonly importId: string;
  /** An import of the good rows of a file, one row left out (`imports.rejects` has it). */
  readonly partialImportId: string;
  /** An open entry in the sync conflict inbox (the person's notes). */
  readonly conflictId: string;
}

/** A lost free-text value as a sync import files it (db/sync/plan.ts). */
function fileConflict(book: Book, accountId: string): string {
  const id = newId();
  book.fieldbook.db.sqlite
    .prepare(
      `INSERT INTO sync_conflicts (id, tbl, row_id, col, losing_value, losing_hlc, winning_hlc, bundle_id, at)
       VALUES (?, 'accounts', ?, 'notes', ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      accountId,
      JSON.stringify('另一台电脑上的备注'),
      '2026-11-27T08:00:00.000Z-0000-fedcba9876543210',
      '2026-11-27T09:00:00.000Z-0000-0123456789abcdef',
      newId(),
      new Date().toISOString(),
    );
  return id;
}

/** The fixture as the app leaves it: the imports settled right after they were applied. */
export function makeFixture(book: Book): Fixture {
  const fixture = makeRecords(book);
  book.ok('imports.settle', {});
  return fixture;
}

function makeRecords(book: Book): Fixture {
  const person = createPerson(book, { phones: [{ number: '13800138000' }] });
  const person2 = createPerson(book);
  const org = createOrganization(book, { creditCode: creditCode('91350100M000100Y4') });
  const org2 = createOrganization(book);
  const [phone] = book.ok('accounts.detail', { id: person.id }).phones;
  const importOptions = (period: string, badRow = ''): InputOf<'imports.preview'> => {
    const text = `客户编号,账期,业务类别,金额\r\n${org.customerNo},${period},数据,1\r\n${badRow}`;
    const staged = book.ok('imports.stage', {
      fileName: 'bills.csv',
      contentBase64: Buffer.from(text).toString('base64'),
    });
    return {
      stageId: staged.stageId,
      kind: 'consumption',
      mapping: { customerNo: '客户编号', period: '账期', category: '业务类别', amount: '金额' },
    };
  };
  if (!phone) throw new Error('the person was created with a phone');
  return {
    backupFile: book.ok('backups.create', { kind: 'manual' }).file,
    person,
    person2,
    org,
    org2,
    phoneId: phone.id,
    relationshipId: book.ok('relationships.create', { fromId: org.id, toId: person.id, type: 'employs' }).id,
    visitId: book.ok('visits.create', { accountId: person.id, kind: 'onsite', content: '初次拜访' }).id,
    followUpVisitId: book.ok('visits.create', {
      accountId: org.id,
      kind: 'complaint',
      content: '专线中断两小时',
      followUp: '申请减免当月费用',
      followUpDue: localToday(),
    }).id,
    plannedVisitId: book.ok('visits.create', {
      accountId: org.id,
      kind: 'onsite',
      content: '续约洽谈',
      occurredAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    }).id,
    anniversaryId: book.ok('anniversaries.create', {
      accountId: person.id,
      kind: 'birthday',
      calendar: 'lunar',
      month: 8,
      day: 15,
    }).id,
    consumptionId: book.ok('consumption.create', {
      accountId: org.id,
      period: '2026-09',
      category: 'data',
      amountFen: 880_000,
    }).id,
    contractId: book.ok('contracts.create', {
      accountId: org.id,
      number: 'HT-2026-001',
      service: 'leased_line',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      monthlyFen: 1_250_000,
    }).id,
    importOptions: importOptions('2026-08'),
    importId: book.ok('imports.apply', importOptions('2026-07')).id,
    partialImportId: book.ok('imports.apply', {
      ...importOptions('2026-06', `${org.customerNo},2026-06,云计算,1\r\n`),
      badRows: 'skip',
    }).id,
    conflictId: fileConflict(book, person.id),
  };
}
