import { expect, it } from 'vitest';
import type { AccessGate } from '../../db/access/gate';
import { openFieldbook } from '../../db/service';
import { openDoor } from './harness';
import { passphrase } from './syncDevices';

/*
 * Head office and a manager's laptop after the join: the files that follow are scoped to the
 * manager (rows of others' accounts left out, accounts handed to someone else dropped), and the
 * page says so before and after the import. Set up through the service; the page is what is tested.
 */

const signedIn = { timeout: 30_000 };

async function must<T>(gate: AccessGate, operation: string, input: unknown = undefined): Promise<T> {
  const result = await gate.call(operation, input);
  if (!result.ok) throw new Error(`${operation}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

interface Created {
  readonly id: string;
}

it('a later head-office file: the preview names its signer, leaves out what is not the manager’s and warns of an account handed on; the import takes it out', async () => {
  const headOffice = await openDoor({
    locale: 'en',
    setUp: async (door) => {
      await must(door, 'session.setUp', { code: 'admin', name: 'Chen', password: 'correct horse' });
      await must(door, 'users.add', {
        code: 'm001',
        name: 'Wang',
        role: 'manager',
        password: 'given by admin',
      });
      await must(door, 'users.add', { code: 'm002', name: 'Li', role: 'manager', password: 'li password' });
      await must(door, 'sync.setPassphrase', { passphrase });
    },
  });
  const office = headOffice.gate;
  const kept = await must<Created>(office, 'accounts.create', {
    kind: 'organization',
    name: '潮州王氏贸易',
    owner: 'm001',
  });
  const handed = await must<Created>(office, 'accounts.create', {
    kind: 'organization',
    name: '揭阳王氏五金',
    owner: 'm001',
  });
  const others = await must<Created>(office, 'accounts.create', {
    kind: 'organization',
    name: '汕头李氏实业',
    owner: 'm002',
  });
  const forWang = await must<{ contentBase64: string }>(office, 'sync.export', {
    full: true,
    forUser: 'm001',
    purpose: 'New laptop for Wang',
  });

  const laptop = await openDoor({
    locale: 'en',
    setUp: (door) =>
      must(door, 'session.join', {
        contentBase64: forWang.contentBase64,
        passphrase,
        code: 'm001',
        enrolmentPassword: 'given by admin',
        password: 'wang own password',
      }),
  });
  const { page } = laptop;
  await page.getByRole('navigation').waitFor(signedIn);

  // Head office hands one of Wang's accounts to Li and edits Li's, then writes its next file.
  await must(office, 'accounts.update', { id: handed.id, owner: 'm002' });
  await must(office, 'accounts.update', { id: others.id, notes: '李经理的备注' });
  await must(office, 'accounts.update', { id: kept.id, notes: '王经理的备注' });
  const next = await must<{ contentBase64: string; fileName: string }>(office, 'sync.export', { full: true });

  await page.getByRole('link', { name: 'Sync', exact: true }).click();
  await page.getByLabel('Choose a sync file…', { exact: true }).setInputFiles({
    name: next.fileName,
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(next.contentBase64, 'base64'),
  });
  await page.getByRole('term').filter({ hasText: 'Signed by' }).waitFor();
  const facts = page.getByRole('region', { name: 'Import a sync file' }).locator('dl > div');
  // The signer by name, as this book's users list knows them.
  await expect.poll(() => facts.allTextContents(), { timeout: 5_000 }).toContain('Signed byChen (admin)');
  await page.getByText(/^\d+ records? in this file (is|are) not yours and (is|are) left out\.$/).waitFor();
  await page
    .getByRole('status')
    .filter({
      hasText: '1 account of this book was handed to someone else: it leaves this book when you import.',
    })
    .waitFor();
  expect(await page.locator('.sync-refused').count()).toBe(0);

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText('1 account was handed to someone else and has left this book.').waitFor();
  const held = await must<{ rows: { name: string; notes: string | null }[] }>(
    laptop.gate,
    'accounts.list',
    {},
  );
  expect(held.rows.map((row) => row.name)).toEqual(['潮州王氏贸易']);
});

it('the file for a user warns when this computer holds no password, so no key, for them', async () => {
  const { page } = await openDoor({
    locale: 'en',
    setUp: async (door) => {
      await must(door, 'session.setUp', { code: 'admin', name: 'Chen', password: 'correct horse' });
      await must(door, 'users.add', {
        code: 'm001',
        name: 'Wang',
        role: 'manager',
        password: 'given by admin',
      });
      await must(door, 'sync.setPassphrase', { passphrase });
    },
  });
  await page.getByRole('navigation').waitFor(signedIn);
  // A user who came with another office's file has no entry in this computer's key ring.
  await page.route('**/api/users.list', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { value: { code: string; canSignIn: boolean }[] };
    for (const user of body.value) if (user.code === 'm001') user.canSignIn = false;
    await route.fulfill({ response, json: body });
  });
  await page.getByRole('link', { name: 'Sync', exact: true }).click();
  const card = page.getByRole('region', { name: 'File for a user' });
  await card.getByLabel('User', { exact: true }).selectOption('m001');
  await card
    .getByText('Wang has no password on this computer, so they cannot join from this file.', { exact: false })
    .waitFor();
});

it('a book from before sign-in is set up by its administrator: no join is offered', async () => {
  const { page } = await openDoor({
    locale: 'en',
    book: async (path) => {
      const fieldbook = await openFieldbook(path);
      await fieldbook.client({ actor: 'm001' }).accounts.create({ kind: 'organization', name: '老账本客户' });
      fieldbook.close();
    },
  });
  await page.getByText('This book has no users yet.', { exact: false }).waitFor();
  expect(await page.getByRole('radio').count()).toBe(0);
  await page.getByRole('button', { name: 'Create and open the book' }).waitFor();
});
