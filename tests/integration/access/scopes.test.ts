import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSigningKey } from '../../../db/access/signing';
import { entitiesInExportOrder } from '../../../db/entities';
import { operationNames } from '../../../shared/api';
import { operationScopes } from '../../../shared/scopes';
import type { RequestContext } from '../../../shared/types';
import { operationCases } from '../operations/contractCases';
import { makeFixture, type Fixture } from '../operations/fixture';
import { openBook, type Book } from '../operations/helpers';
import { decodeBundle } from '../../unit/decodeBundle';
import { latestMigration } from '../../../db/migrations';

/**
 * The contract-wide scope test: every operation of the contract, run by a manager with inputs
 * that point at another manager's accounts (the fixture's, all owned by m001), either is refused
 * or answers without a trace of them — and leaves every row of theirs as it was.
 */
const otherManager: RequestContext = {
  actor: 'm002',
  user: { code: 'm002', name: '李经理', role: 'manager', owners: ['m002'] },
};

let book: Book;
let fixture: Fixture;
let traces: string[];
let ownCustomerNo: string;

beforeAll(async () => {
  // The book as m002's sign-in opens it: their exports are signed with their key.
  const signing = newSigningKey();
  book = await openBook({ signer: { code: 'm002', key: signing } });
  fixture = makeFixture(book);
  book.fieldbook.db.sqlite
    .prepare(
      "INSERT INTO users (code, name, role, supervisor, status, created_at, updated_at, public_key) VALUES ('m002', '李经理', 'manager', NULL, 'active', '2026-12-06', '2026-12-06', ?)",
    )
    .run(signing.publicKey);
  const accounts = [fixture.person, fixture.person2, fixture.org, fixture.org2];
  // The manager's own account, so their lists are not empty.
  const own = await book.fieldbook.call(
    'accounts.create',
    { kind: 'organization', name: '李经理的客户', phones: [{ number: '0754-88990011' }] },
    otherManager,
  );
  if (!own.ok) throw new Error(own.error.message);
  const ownId = (own.value as { id: string }).id;
  ownCustomerNo = (own.value as { customerNo: string }).customerNo;
  await book.fieldbook.call(
    'consumption.create',
    { accountId: ownId, period: '2026-09', category: 'data', amountFen: 123_400 },
    otherManager,
  );
  await book.fieldbook.call(
    'anniversaries.create',
    { accountId: ownId, kind: 'founding', calendar: 'gregorian', month: 12, day: 20 },
    otherManager,
  );
  traces = [...accounts.flatMap((account) => [account.id, account.name, account.customerNo]), '13800138000'];
});
afterAll(() => book.close());

/**
 * What an answer shows: its JSON, and the ops of a sync file it carries (encrypted with the
 * team passphrase the contract's cases use).
 */
function shown(value: unknown): string {
  const text = JSON.stringify(value);
  const file = (value as { contentBase64?: unknown; manifest?: unknown } | null)?.contentBase64;
  if (typeof file !== 'string' || !text.includes('"manifest"')) return text;
  const { ops } = decodeBundle(Buffer.from(file, 'base64'), 'team passphrase 2026', {
    latestSchemaVersion: latestMigration,
  });
  return `${text}${JSON.stringify(ops)}`;
}

/** Every row of the other manager's accounts, in every table that holds account data. */
function theirRows(): string {
  const ids = [fixture.person, fixture.person2, fixture.org, fixture.org2].map((account) => account.id);
  const marks = ids.map(() => '?').join(', ');
  const hash = createHash('sha256');
  for (const entity of entitiesInExportOrder) {
    const where = entity.accounts.map((column) => `${column} IN (${marks})`).join(' OR ');
    const rows = book.fieldbook.db.sqlite
      .prepare(`SELECT * FROM ${entity.table} WHERE ${where} ORDER BY id`)
      .all(...entity.accounts.flatMap(() => ids));
    hash.update(JSON.stringify(rows));
  }
  return hash.digest('hex');
}

describe('a manager and another manager’s accounts', () => {
  it.each(operationNames)('%s neither shows nor changes them', async (name) => {
    const before = theirRows();
    const result = await book.fieldbook.call(name, operationCases[name].valid(fixture), otherManager);
    if (result.ok) {
      const text = shown(result.value);
      for (const trace of traces) expect(text.includes(trace), `${name} shows ${trace}`).toBe(false);
    }
    expect(theirRows(), `${name} changed them`).toBe(before);
  });

  // What a list shows a manager is what the same list filtered to their code shows anyone.
  it.each(
    operationNames.filter(
      (name) => operationScopes[name] === 'owner' && name !== 'accounts.create' && name !== 'exports.csv',
    ),
  )('%s reads the manager’s own accounts, as its owner filter would', async (name) => {
    const input = { ...(operationCases[name].valid(fixture) as object) };
    delete (input as { owner?: string }).owner;
    const mine = await book.fieldbook.call(name, input, otherManager);
    const filtered = await book.fieldbook.call(name, { ...input, owner: 'm002' }, { actor: 'm002' });
    expect(mine).toEqual(filtered);
    expect(mine.ok).toBe(true);
  });

  it('exports in a sync file the manager’s own accounts, and none of another’s', async () => {
    const exported = await book.fieldbook.call(
      'sync.export',
      { full: true, passphrase: 'team passphrase 2026' },
      otherManager,
    );
    const text = exported.ok ? shown(exported.value) : '';
    expect(text).toContain(ownCustomerNo);
    for (const trace of traces) expect(text.includes(trace), trace).toBe(false);
  });

  it('imports the bills of the manager’s own accounts, and refuses a file with another’s', async () => {
    const stage = async (text: string) => {
      const staged = await book.fieldbook.call(
        'imports.stage',
        { fileName: 'bills.csv', contentBase64: Buffer.from(text).toString('base64') },
        otherManager,
      );
      if (!staged.ok) throw new Error(staged.error.message);
      return {
        stageId: (staged.value as { stageId: string }).stageId,
        kind: 'consumption',
        mapping: { customerNo: '客户编号', period: '账期', category: '业务类别', amount: '金额' },
      };
    };
    const header = '客户编号,账期,业务类别,金额\r\n';
    const mine = await stage(`${header}${ownCustomerNo},2026-05,数据,12\r\n`);
    expect(await book.fieldbook.call('imports.apply', mine, otherManager)).toMatchObject({ ok: true });
    const mixed = await stage(
      `${header}${ownCustomerNo},2026-04,数据,12\r\n${fixture.org.customerNo},2026-04,数据,9\r\n`,
    );
    const before = theirRows();
    expect(await book.fieldbook.call('imports.apply', mixed, otherManager)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { outside: 1 } },
    });
    expect(theirRows()).toBe(before);
  });
});
