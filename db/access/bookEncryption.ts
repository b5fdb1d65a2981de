import type { OpenOptions } from '../connection';
import { encryptBook, isEncryptedBook } from '../encryption';

/** How a book file is encrypted with its data key (db/encryption.ts); tests may pass another. */
export interface BookEncryption {
  /** Whether the file is an encrypted book (its header is not SQLite's plain one). */
  isEncrypted(path: string): boolean;
  /** Converts a plain book in place, after a verified encrypted copy. */
  encrypt(path: string, key: Buffer, options: OpenOptions): Promise<void>;
}

export const bookEncryption: BookEncryption = {
  isEncrypted: isEncryptedBook,
  encrypt: (path, key, options) => {
    encryptBook(path, key, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
    });
    return Promise.resolve();
  },
};
