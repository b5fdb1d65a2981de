import { ApiError } from '../shared/errors';
import type { SyncPassphraseStatus } from '../shared/types';
import type { Db } from './connection';
import { appendAudit } from './write';

/**
 * Encrypts a secret with a key the operating system keeps for this user (Electron's
 * safeStorage: DPAPI, the macOS keychain, libsecret). The service cannot use Electron, so main
 * passes one in (`openFieldbook(path, { secrets })`).
 */
export interface SecretProtector {
  encrypt(text: string): Buffer;
  decrypt(bytes: Buffer): string;
  /** Whether encrypting protects anything here (false: no keyring, or a plain-text fallback). */
  available(): boolean;
}

/**
 * The team passphrase of this device. With a protector that is available it is stored in the
 * local `settings` table encrypted by the OS; without one (preview mode, tests, the CLI) it is
 * kept in memory for as long as this process has the book open, and never written anywhere.
 */
export interface PassphraseKeeper {
  status(): SyncPassphraseStatus;
  /** The passphrase to use: the one given, else the one kept; SYNC_NO_PASSPHRASE without either. */
  resolve(given: string | undefined): string;
  set(passphrase: string, actor: string): SyncPassphraseStatus;
  clear(actor: string): SyncPassphraseStatus;
}

/** The settings key of the encrypted passphrase (base64 of what the protector returned). */
export const protectedPassphraseKey = 'syncPassphraseProtected';

export function createPassphraseKeeper(db: Db, protector?: SecretProtector): PassphraseKeeper {
  /** Decrypted once, or set in this session; undefined: not looked at yet. */
  let cached: string | null | undefined;

  const canProtect = () => {
    try {
      return protector?.available() === true;
    } catch {
      return false;
    }
  };
  const storage = () => (canProtect() ? 'protected' : 'memory');

  const readStored = (): string | null => {
    const row = db.first(
      db.query.selectFrom('settings').select('value').where('key', '=', protectedPassphraseKey),
    );
    if (!row || !protector || !canProtect()) return null;
    try {
      return protector.decrypt(Buffer.from(JSON.parse(row.value) as string, 'base64'));
    } catch {
      // Another user's or another computer's key (a copied database): as if none were set.
      return null;
    }
  };
  const current = (): string | null => {
    cached ??= readStored();
    return cached;
  };
  const removeStored = () =>
    db.run(db.query.deleteFrom('settings').where('key', '=', protectedPassphraseKey)).changes > 0;

  const status = (): SyncPassphraseStatus => ({ set: current() !== null, storage: storage() });

  return {
    status,
    resolve(given) {
      if (given !== undefined) return given;
      const kept = current();
      if (kept === null) throw new ApiError('SYNC_NO_PASSPHRASE', 'No team passphrase is set on this device');
      return kept;
    },
    set(passphrase, actor) {
      const replaced = current() !== null;
      const where = storage();
      db.transaction(() => {
        if (where === 'protected' && protector) {
          const value = JSON.stringify(protector.encrypt(passphrase).toString('base64'));
          db.run(
            db.query
              .insertInto('settings')
              .values({ key: protectedPassphraseKey, value })
              .onConflict((conflict) => conflict.column('key').doUpdateSet({ value })),
          );
        } else {
          // An older protected copy would come back after a restart: only this one counts.
          removeStored();
        }
        // Never the value, not even a hash of it: the audit log is not a secret.
        appendAudit(db, {
          actor,
          action: replaced ? 'sync.passphrase.change' : 'sync.passphrase.set',
          entity: 'settings',
          entityId: null,
          before: null,
          after: { storage: where },
        });
      });
      cached = passphrase;
      return status();
    },
    clear(actor) {
      const had = current() !== null;
      db.transaction(() => {
        const removed = removeStored();
        if (had || removed)
          appendAudit(db, {
            actor,
            action: 'sync.passphrase.clear',
            entity: 'settings',
            entityId: null,
            before: null,
            after: null,
          });
      });
      cached = null;
      return status();
    },
  };
}
