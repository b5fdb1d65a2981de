import { readFileSync } from 'node:fs';
import { ApiError, type ApiResult } from '../../shared/errors';
import type { SessionState, User } from '../../shared/types';
import type { AccessGate } from '../access/gate';
import { UsageError, type Flags } from './args';
import type { CommandContext } from './run';

export const usersUsage = `  users list                     who may open the book, with their roles
  users add CODE --name NAME --role ROLE [--supervisor CODE]
                                 a new user; their first password from --new-password-file
                                 (or $FIELDBOOK_NEW_PASSWORD)
  users role CODE ROLE           manager, supervisor, auditor or admin
  users disable CODE | users enable CODE
  users passwd CODE              a new password (--new-password-file); your own needs your
                                 current one (--password-file)`;

/**
 * A password for a script: from a file (its first line) or an environment variable, never from
 * the command line, where other users of the computer would see it in the process list.
 */
export function passwordOf(file: string | undefined, variable: string, what: string): string {
  if (file !== undefined) {
    const [first = ''] = readFileSync(file, 'utf8').split(/\r?\n/);
    if (first === '') throw new UsageError(`${file} holds no ${what} on its first line`);
    return first;
  }
  const value = process.env[variable];
  if (value === undefined || value === '')
    throw new UsageError(
      `give the ${what} in a file (--${what === 'password' ? '' : 'new-'}password-file F) or in $${variable}`,
    );
  return value;
}

export const signInPassword = (flags: Flags) =>
  passwordOf(flags['password-file'], 'FIELDBOOK_PASSWORD', 'password');
const newPassword = (flags: Flags) =>
  passwordOf(flags['new-password-file'], 'FIELDBOOK_NEW_PASSWORD', 'new password');

export function unwrapResult<T>(result: ApiResult<unknown>): T {
  if (!result.ok) throw ApiError.fromData(result.error);
  return result.value as T;
}

const line = (user: User) =>
  `${user.code.padEnd(12)} ${user.name.padEnd(12)} ${user.role.padEnd(10)} ${user.status}${
    user.supervisor ? `  team of ${user.supervisor}` : ''
  }${user.canSignIn ? '' : '  (no password on this computer)'}`;

export async function runUsers(
  context: CommandContext,
  door: AccessGate,
  args: readonly string[],
): Promise<number> {
  const { flags } = context.line;
  const [verb, code, value, ...extra] = args;
  const call = async <T>(name: string, input: unknown) => unwrapResult<T>(await door.call(name, input));
  const needs = (count: number) => {
    if ((verb === 'list' ? 0 : 1) + (verb === 'role' ? 1 : 0) !== count || extra.length > 0)
      throw new UsageError(`usage:\n${usersUsage}`);
  };
  switch (verb) {
    case 'list': {
      needs(args.length - 1);
      const users = await call<User[]>('users.list', {});
      context.show(users, () => users.map(line).join('\n'));
      return 0;
    }
    case 'add': {
      needs(args.length - 1);
      const user = await call<User>('users.add', {
        code,
        name: flags.name,
        role: flags.role,
        supervisor: flags.supervisor ?? null,
        password: newPassword(flags),
      });
      context.show(user, () => `Added ${line(user)}`);
      return 0;
    }
    case 'role':
    case 'disable':
    case 'enable': {
      needs(args.length - 1);
      const patch =
        verb === 'role' ? { role: value } : { status: verb === 'disable' ? 'disabled' : 'active' };
      const user = await call<User>('users.update', { code, ...patch });
      context.show(user, () => line(user));
      return 0;
    }
    case 'passwd': {
      needs(args.length - 1);
      const mine = code?.toLowerCase() === context.request.actor.toLowerCase();
      if (mine)
        await call<SessionState>('session.changePassword', {
          current: signInPassword(flags),
          next: newPassword(flags),
        });
      else await call<User>('users.setPassword', { code, password: newPassword(flags) });
      context.show({ ok: true, code }, () => `New password set for ${code ?? ''}`);
      return 0;
    }
    default:
      throw new UsageError(`usage:\n${usersUsage}`);
  }
}
