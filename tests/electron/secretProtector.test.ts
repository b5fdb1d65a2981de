import { describe, expect, it, vi } from 'vitest';
import { createSafeStorageProtector, type SafeStorageApi } from '../../electron/secretProtector';

/** safeStorage as Electron gives it, with the backend Linux picked. */
function safeStorage(available: boolean, backend: ReturnType<SafeStorageApi['getSelectedStorageBackend']>) {
  return {
    isEncryptionAvailable: vi.fn(() => available),
    getSelectedStorageBackend: vi.fn(() => backend),
    encryptString: vi.fn((text: string) => Buffer.from(text, 'utf8').reverse()),
    decryptString: vi.fn((bytes: Buffer) => Buffer.from(bytes).reverse().toString('utf8')),
  } satisfies SafeStorageApi;
}

describe('the safeStorage protector of the team passphrase', () => {
  it('encrypts and decrypts through safeStorage', () => {
    const storage = safeStorage(true, 'unknown');
    const protector = createSafeStorageProtector(storage, 'win32');
    expect(protector.available()).toBe(true);
    const sealed = protector.encrypt('团队口令 2026');
    expect(storage.encryptString).toHaveBeenCalledWith('团队口令 2026');
    expect(protector.decrypt(sealed)).toBe('团队口令 2026');
  });

  it('is unavailable when the OS offers no encryption', () => {
    expect(createSafeStorageProtector(safeStorage(false, 'unknown'), 'darwin').available()).toBe(false);
  });

  it("is unavailable on Linux with Electron's plain-text fallback (a key anyone can read)", () => {
    expect(createSafeStorageProtector(safeStorage(true, 'basic_text'), 'linux').available()).toBe(false);
    expect(createSafeStorageProtector(safeStorage(true, 'gnome_libsecret'), 'linux').available()).toBe(true);
  });
});
