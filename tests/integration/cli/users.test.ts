import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { main } from '../../../db/cli/main';

/*
 * The CLI on a book with users: `init --admin` sets it up, every later command signs in with
 * --user and a password file (or $FIELDBOOK_PASSWORD), `users …` manages users, and the same
 * roles and scopes as the app apply.
 */
let directory: string;
let book: string;
let errors: string[] = [];
const passwordFile = (name: string, password: string) => {
  const file = join(directory, name);
  writeFileSync(file, `${password}\n`);
  return file;
};

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'fieldbook-cli-users-'));
  book = join(directory, 'book.db');
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env['FIELDBOOK_PASSWORD'];
});

async function run(...args: string[]): Promise<{ code: number; out: string }> {
  const printed: string[] = [];
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => errors.push(line));
  const code = await main(['--db', book, ...args], (line) => printed.push(line));
  vi.restoreAllMocks();
  return { code, out: printed.join('\n') };
}

it('sets up a book, then opens it only to a signed-in user, with their role and scope', async () => {
  const admin = passwordFile('admin.txt', 'correct horse');
  expect((await run('init', '--admin', 'hq01', '--name', '陈主任', '--password-file', admin)).code).toBe(0);

  // The doctor sees an encrypted book with one user; its schema and integrity only with a sign-in.
  const locked = JSON.parse((await run('--json', 'doctor')).out) as Record<string, unknown>;
  expect(locked).toMatchObject({
    encrypted: true,
    keyRingUsers: 1,
    signedIn: false,
    schema: null,
    problems: [],
  });
  const signed = await run('--json', '--user', 'hq01', '--password-file', admin, 'doctor');
  expect(JSON.parse(signed.out)).toMatchObject({
    signedIn: true,
    integrity: { ok: true },
    schema: { state: 'current' },
  });

  // No user, a wrong password: refused, one line each.
  expect((await run('lookup', '陈')).code).toBe(2);
  expect(errors.join('\n')).toContain('--user');
  expect(
    (await run('--user', 'hq01', '--password-file', passwordFile('bad.txt', 'wrong one'), 'lookup', 'x'))
      .code,
  ).toBe(1);
  expect(errors.join('\n')).toContain('WRONG_PASSWORD');
  // A wrong password makes the next sign-in wait a second.
  expect((await run('--user', 'hq01', '--password-file', admin, 'lookup', 'x')).code).toBe(1);
  expect(errors.join('\n')).toContain('SIGN_IN_DELAYED');
  await new Promise((resolve) => setTimeout(resolve, 1_100));

  const first = passwordFile('m001.txt', 'manager pass');
  expect(
    (
      await run(
        '--user',
        'hq01',
        '--password-file',
        admin,
        'users',
        'add',
        'm001',
        '--name',
        '王经理',
        '--role',
        'manager',
        '--new-password-file',
        first,
      )
    ).code,
  ).toBe(0);
  process.env['FIELDBOOK_PASSWORD'] = 'correct horse';
  const listed = await run('--user', 'hq01', '--json', 'users', 'list');
  expect(JSON.parse(listed.out)).toMatchObject([
    { code: 'hq01', role: 'admin', canSignIn: true },
    { code: 'm001', role: 'manager', canSignIn: true },
  ]);
  // The admin's account, and the manager who cannot see it nor run the admin's commands.
  await run('--user', 'hq01', 'call', 'accounts.create', '{"kind":"organization","name":"总部客户"}');
  process.env['FIELDBOOK_PASSWORD'] = 'manager pass';
  const found = await run('--user', 'm001', '--json', 'lookup', '总部');
  expect(JSON.parse(found.out)).toMatchObject({ total: 0 });
  expect((await run('--user', 'm001', 'users', 'list')).code).toBe(0);
  expect((await run('--user', 'm001', 'users', 'disable', 'hq01')).code).toBe(1);
  expect(errors.join('\n')).toContain('FORBIDDEN');

  // Disabled: no more sign-in.
  process.env['FIELDBOOK_PASSWORD'] = 'correct horse';
  expect((await run('--user', 'hq01', 'users', 'disable', 'm001')).code).toBe(0);
  process.env['FIELDBOOK_PASSWORD'] = 'manager pass';
  expect((await run('--user', 'm001', 'lookup', 'x')).code).toBe(1);
  expect(errors.join('\n')).toContain('USER_DISABLED');
});
