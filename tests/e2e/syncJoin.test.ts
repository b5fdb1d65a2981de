import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { AccessGate } from '../../db/access/gate';
import { openDoor } from './harness';
import { passphrase } from './syncDevices';
import { fieldError } from './ui';

/*
 * Signed, scoped sync through the real UI, as head office and a manager's new laptop use it:
 * book A's administrator adds a manager and writes a file for them; on a new, empty book B the
 * manager joins from that file and has their accounts, and nobody else's.
 */

/** A sign-in (or a join) derives keys on purpose slowly (argon2id): seconds on a loaded machine. */
const signedIn = { timeout: 30_000 };

/** Runs an operation as the door's signed-in user, failing the test on a refusal. */
async function must<T>(gate: AccessGate, operation: string, input: unknown = undefined): Promise<T> {
  const result = await gate.call(operation, input);
  if (!result.ok) throw new Error(`${operation}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

it('offers joining on the set-up screen and checks the form before sending anything', async () => {
  const { page, gate } = await openDoor({ locale: 'en' });
  await page.getByRole('heading', { name: 'Protect this book' }).waitFor();
  await page.getByRole('radio', { name: 'Join from a head-office file' }).check();
  await page.getByRole('heading', { name: 'Join your team' }).waitFor();
  const file = page.getByLabel('Choose the file…', { exact: true });

  await page.getByRole('button', { name: 'Join and open the book' }).click();
  expect(await fieldError(file)).toBe('Choose the file your administrator wrote for you');
  expect(await fieldError(page.getByLabel('User code'))).not.toBe('');
  // An empty file is no sync file: said at the file, nothing sent.
  await file.setInputFiles({
    name: 'empty.fbsync',
    mimeType: 'application/octet-stream',
    buffer: Buffer.alloc(0),
  });
  expect(await fieldError(file)).toBe(
    'This is not a Fieldbook sync file. Check that you chose the right file.',
  );
  await page.getByLabel('New password', { exact: true }).fill('my own password');
  await page.getByLabel('New password again').fill('my own passwore');
  await page.getByRole('button', { name: 'Join and open the book' }).click();
  expect(await fieldError(page.getByLabel('New password again'))).toBe('The two passwords differ');
  expect(gate.status().state).toBe('setup');

  // The other way is one click back, as it was.
  await page.getByRole('radio', { name: 'New book' }).check();
  await page.getByRole('heading', { name: 'Protect this book' }).waitFor();
  await page.getByRole('button', { name: 'Create and open the book' }).waitFor();
});

it('an administrator writes a file for a manager, who joins from it on a new computer and has only their accounts', async () => {
  const a = await openDoor({
    locale: 'en',
    setUp: async (door) => {
      await must(door, 'session.setUp', { code: 'admin', name: 'Chen', password: 'correct horse' });
      await must(door, 'users.add', { code: 'm002', name: 'Li', role: 'manager', password: 'li password' });
      await must(door, 'sync.setPassphrase', { passphrase });
    },
  });
  const { page } = a;
  await page.getByRole('navigation').waitFor(signedIn);

  // The manager is added on the Users page, with the password they will join with.
  await page.getByRole('link', { name: 'Users' }).click();
  const addUser = page.getByRole('form', { name: 'Add a user' });
  await addUser.getByLabel('User code').fill('m001');
  await addUser.getByLabel('Name').fill('Wang');
  await addUser.getByLabel('First password').fill('given by admin');
  await addUser.getByRole('button', { name: 'Add a user' }).click();
  await page.getByRole('cell', { name: 'Wang' }).waitFor();
  await must(a.gate, 'accounts.create', { kind: 'organization', name: '潮州王氏贸易', owner: 'm001' });
  await must(a.gate, 'accounts.create', { kind: 'organization', name: '汕头李氏实业', owner: 'm002' });

  await page.getByRole('link', { name: 'Sync', exact: true }).click();
  const card = page.getByRole('region', { name: 'File for a user' });
  // Those who own accounts, by name: not the administrator.
  const user = card.getByLabel('User', { exact: true });
  await expect
    .poll(() => user.locator('option').allTextContents(), { timeout: 10_000 })
    .toEqual(['Choose a manager or supervisor…', 'Wang (m001) · Manager', 'Li (m002) · Manager']);
  await card.getByRole('button', { name: 'Export file for this user' }).click();
  expect(await fieldError(user)).not.toBe('');
  await user.selectOption('m001');
  await card.getByText("Holds Wang's accounts; Wang can join from it on a new computer.").waitFor();
  await card.getByLabel('Purpose').fill('New laptop for Wang');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card.getByRole('button', { name: 'Export file for this user' }).click(),
  ]);
  const file = readFileSync((await download.path()) ?? '');
  await card.getByRole('status').filter({ hasText: 'for Wang' }).waitFor();

  const b = await openDoor({ locale: 'en' });
  await b.page.getByRole('radio', { name: 'Join from a head-office file' }).check();
  await b.page.getByLabel('Choose the file…', { exact: true }).setInputFiles({
    name: download.suggestedFilename(),
    mimeType: 'application/octet-stream',
    buffer: file,
  });
  await b.page.getByText(download.suggestedFilename()).waitFor();
  const join = b.page.getByRole('button', { name: 'Join and open the book' });
  // Each refusal is said at the field that must change, and nothing is made.
  await b.page.getByLabel('Team passphrase').fill('not the team passphrase');
  await b.page.getByLabel('User code').fill('m002');
  await b.page.getByLabel('Password from your administrator').fill('not what was given');
  await b.page.getByLabel('New password', { exact: true }).fill('wang own password');
  await b.page.getByLabel('New password again').fill('wang own password');
  await join.click();
  expect(await fieldError(b.page.getByLabel('Team passphrase'))).toBe(
    'This team passphrase does not open the file. Check it with your administrator.',
  );
  await b.page.getByLabel('Team passphrase').fill(passphrase);
  await join.click();
  expect(await fieldError(b.page.getByLabel('User code'))).toBe(
    'This file was not written for this user code. Ask your administrator for the file written for you.',
  );
  await b.page.getByLabel('User code').fill('m001');
  await join.click();
  expect(await fieldError(b.page.getByLabel('Password from your administrator'))).toBe(
    'This is not the password your administrator gave for this user code.',
  );
  expect(b.gate.status().state).toBe('setup');
  await b.page.getByLabel('Password from your administrator').fill('given by admin');
  await join.click();
  await b.page.getByRole('navigation').waitFor(signedIn);
  expect(b.gate.status()).toMatchObject({ state: 'open', user: { code: 'm001', role: 'manager' } });

  // Wang's account came with the file; Li's did not.
  await b.page.getByRole('link', { name: 'Search' }).click();
  const search = b.page.getByRole('combobox', { name: 'Search accounts' });
  await search.fill('潮州');
  await b.page.getByRole('option').filter({ hasText: '潮州王氏贸易' }).waitFor();
  await search.fill('汕头');
  await b.page.getByText('No account matches “汕头”.').waitFor();
  const held = await must<{ rows: { name: string }[] }>(b.gate, 'accounts.list', {});
  expect(held.rows.map((row) => row.name)).toEqual(['潮州王氏贸易']);
  // A manager writes no file for others.
  await b.page.getByRole('link', { name: 'Sync', exact: true }).click();
  await b.page.getByRole('heading', { level: 1, name: 'Sync' }).waitFor();
  expect(await b.page.getByRole('region', { name: 'File for a user' }).count()).toBe(0);
});
