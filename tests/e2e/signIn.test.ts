import { expect, it } from 'vitest';
import { openDoor } from './harness';

/**
 * A sign-in derives a key on purpose slowly (argon2id, 64 MiB) and opens the book and its job
 * thread: seconds on a loaded CI machine, so its waits are longer than a click's.
 */
const signedIn = { timeout: 30_000 };

/**
 * The sign-in door through the real UI: a new book asks for its administrator, a lock shows the
 * sign-in screen with nothing of the book, a wrong password is refused, and a manager added on
 * the Users page signs in to a navigation without the administrators' pages.
 */
it('sets up a new book, locks, refuses a wrong password, signs in again', async () => {
  const { page, gate } = await openDoor({ locale: 'en' });
  await page.getByRole('heading', { name: 'Protect this book' }).waitFor();
  await page.getByLabel('User code').fill('admin');
  await page.getByLabel('Name').fill('Chen');
  await page.getByLabel('New password', { exact: true }).fill('correct horse');
  await page.getByLabel('New password again').fill('correct horsf');
  await page.getByRole('button', { name: 'Create and open the book' }).click();
  await page.getByText('The two passwords differ').waitFor();
  expect(gate.status().state).toBe('setup');
  await page.getByLabel('New password again').fill('correct horse');
  await page.getByRole('button', { name: 'Create and open the book' }).click();
  await page.getByRole('navigation').waitFor(signedIn);
  expect(gate.status()).toMatchObject({ state: 'open', user: { code: 'admin', role: 'admin' } });
  await expect.poll(() => page.getByRole('link', { name: 'Users' }).count()).toBe(1);

  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('heading', { name: 'Sign in to Fieldbook' }).waitFor();
  expect(await page.getByRole('navigation').count()).toBe(0);
  expect(gate.current()).toBeNull();
  await expect.poll(() => page.getByLabel('User code').inputValue()).toBe('admin');
  await page.getByLabel('Password').fill('not the one');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('The user code or the password is not right.').waitFor();
  await page.waitForTimeout(1_100);
  await page.getByLabel('Password').fill('correct horse');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation').waitFor(signedIn);
});

it("an administrator adds a manager, who signs in without the administrators' pages", async () => {
  const { page, gate } = await openDoor({
    locale: 'en',
    setUp: async (door) => {
      await door.call('session.setUp', { code: 'admin', name: 'Chen', password: 'correct horse' });
      // The administrator's own customer: no manager of another team sees it.
      await door.call('accounts.create', { kind: 'organization', name: '总部直管客户' });
    },
  });
  await page.getByRole('navigation').waitFor(signedIn);
  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByRole('heading', { name: 'Users' }).waitFor();
  const form = page.getByRole('form', { name: 'Add a user' });
  await form.getByLabel('User code').fill('m001');
  await form.getByLabel('Name').fill('Wang');
  await form.getByLabel('First password').fill('manager pass');
  await form.getByRole('button', { name: 'Add a user' }).click();
  await page.getByRole('cell', { name: 'Wang' }).waitFor();
  await page.getByRole('button', { name: 'Lock' }).click();
  // The sign-in screen first: the Users page has a "User code" field of its own.
  await page.getByRole('heading', { name: 'Sign in to Fieldbook' }).waitFor();
  await page.getByLabel('User code').fill('m001');
  await page.getByLabel('Password').fill('manager pass');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation').waitFor(signedIn);
  expect(gate.status()).toMatchObject({ state: 'open', user: { code: 'm001', role: 'manager' } });
  await page.getByText('Wang').first().waitFor();
  for (const name of ['Users', 'Audit', 'Maintenance', 'Backups'])
    expect(await page.getByRole('navigation').getByRole('link', { name }).count(), name).toBe(0);
  // The administrator's customer is nowhere the manager looks.
  await page.getByRole('link', { name: 'Search' }).click();
  await page.getByRole('combobox', { name: 'Search accounts' }).fill('总部');
  await page.getByText('No account matches “总部”.').waitFor();
  expect(await page.getByText('总部直管客户').count()).toBe(0);
});

it('locks by itself after the idle minutes, showing nothing of the book, and opens again', async () => {
  let clock = Date.parse('2026-12-06T08:00:00Z');
  const { page, gate } = await openDoor({
    locale: 'en',
    now: () => new Date(clock),
    setUp: async (door) => {
      await door.call('session.setUp', { code: 'admin', name: 'Chen', password: 'correct horse' });
      await door.call('accounts.create', { kind: 'organization', name: '潮州港务集团' });
    },
  });
  await page.getByRole('navigation').waitFor(signedIn);
  await page.getByRole('link', { name: 'Accounts' }).click();
  await page.getByText('潮州港务集团').waitFor();
  // Nine minutes without use: still open (the default is ten).
  clock += 9 * 60_000;
  gate.lockIfIdle();
  expect(gate.status().state).toBe('open');
  // Ten more without use (the page's own calls count as use, so the step is taken at once).
  clock += 11 * 60_000;
  gate.lockIfIdle();
  // The lock takes its turn after any sign-in in progress.
  await expect.poll(() => gate.status().state).toBe('locked');
  await page.getByRole('heading', { name: 'Sign in to Fieldbook' }).waitFor();
  expect(await page.getByText('潮州港务集团').count()).toBe(0);
  await page.getByLabel('Password').fill('correct horse');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation').waitFor(signedIn);
  await page.getByRole('navigation').getByRole('link', { name: 'Accounts' }).click();
  await page.getByText('潮州港务集团').waitFor();
});
