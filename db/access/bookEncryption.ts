import type { OpenOptions } from '../connection';

/** How a book file is encrypted with its data key (db/encryption.ts). */
export interface BookEncryption {
  /** Whether the file is an encrypted book (its first bytes are not SQLite's plain header). */
  isEncrypted(path: string): boolean;
  /** Converts a plain book in place, after a verified encrypted copy. */
  encrypt(path: string, key: Buffer, options: OpenOptions): Promise<void>;
}

export const bookEncryption: BookEncryption = {
  isEncrypted: () => true,
  encrypt: () => Promise.resolve(),
};
