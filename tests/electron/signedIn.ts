import { createAccessGate } from '../../db/access/gate';
import { emptyKeyring, findWrappedKey, readKeyring, unwrapUserKeys } from '../../db/access/keyring';
import type { Fieldbook } from '../../db/service';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { operationChannel } from '../../electron/channels';
import type { ApiClient, OperationName } from '../../shared/api';
import { fakeElectron, type FakeBrowserWindow } from './fakeElectron';
import type { ApiResult } from '../../shared/errors';

/** The user the desktop-app tests sign in as: the book's administrator, manager code m001. */
export const testUser = { code: 'm001', name: '王经理', password: 'correct horse' } as const;

/**
 * A book as an earlier session of the app left it: set up with its administrator, filled
 * through the API as that user. Returns what `fill` returns.
 */
export async function seedBook<T>(
  path: string,
  fill: (api: ApiClient, book: Fieldbook) => Promise<T>,
): Promise<T> {
  const gate = createAccessGate(path, { idleCheckMs: 0 });
  try {
    const setUp = await gate.call('session.setUp', testUser);
    if (!setUp.ok) throw new Error(setUp.error.message);
    const current = gate.current();
    if (!current) throw new Error('not signed in after set-up');
    return await fill(
      current.fieldbook.client({ actor: testUser.code, user: current.user }),
      current.fieldbook,
    );
  } finally {
    gate.close();
  }
}

/** The book's data key, as the test user's password unwraps it from the key ring. */
export async function dataKeyOf(path: string): Promise<Buffer> {
  const entry = findWrappedKey(readKeyring(path) ?? emptyKeyring(), testUser.code);
  const key = entry ? ((await unwrapUserKeys(entry, testUser.password))?.dataKey ?? null) : null;
  if (!key) throw new Error('no key for the test user');
  return key;
}

/** Calls an operation over the fake IPC as `window`'s page would. */
export function ipcCall(window: FakeBrowserWindow) {
  return (name: OperationName, input: unknown): Promise<ApiResult<unknown>> => {
    const handler = fakeElectron.ipcMain.handlers.get(operationChannel(name));
    if (!handler) throw new Error(`no handler for ${name}`);
    const contents = window.webContents;
    const senderFrame = {
      url: pathToFileURL(join(__dirname, '..', '..', 'renderer', 'index.html')).href,
      parent: null,
      detached: false,
      frameToken: contents.mainFrame.frameToken,
    };
    return Promise.resolve(handler({ sender: contents, senderFrame }, input) as ApiResult<unknown>);
  };
}

/** Signs in over the window's IPC, as the sign-in screen does. */
export async function signIn(window: FakeBrowserWindow): Promise<void> {
  const result = await ipcCall(window)('session.signIn', {
    code: testUser.code,
    password: testUser.password,
  });
  if (!result.ok) throw new Error(result.error.message);
}
