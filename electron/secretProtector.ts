import type { SafeStorage } from 'electron';
import type { SecretProtector } from '../db/syncSecret';

/** The parts of Electron's safeStorage the protector uses. */
export type SafeStorageApi = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

/**
 * The team passphrase's protector in the desktop app: encrypted with a key the OS keeps for
 * this user (DPAPI on Windows, the keychain on macOS, libsecret/kwallet on Linux).
 *
 * The synchronous calls, although Electron marks them deprecated in favour of the async ones:
 * handlers are synchronous (docs/ARCHITECTURE.md), and these still work. On Linux without a
 * keyring Electron falls back to `basic_text`, a key hard-coded in Electron, which protects
 * nothing: there the passphrase is kept in memory only, as in preview mode.
 */
export function createSafeStorageProtector(
  safeStorage: SafeStorageApi,
  platform: NodeJS.Platform = process.platform,
): SecretProtector {
  return {
    available: () =>
      safeStorage.isEncryptionAvailable() &&
      (platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
    encrypt: (text) => safeStorage.encryptString(text),
    decrypt: (bytes) => safeStorage.decryptString(bytes),
  };
}
