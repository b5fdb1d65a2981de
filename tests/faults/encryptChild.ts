import { encryptBook } from '../../db/encryption';

/**
 * Converts the book named on the command line with the key given in hex (a test key); run by
 * encryptKill.test.ts (bundled, so it starts fast), which kills it at a random moment.
 */
function main(path: string | undefined, keyHex: string | undefined): void {
  if (path === undefined || keyHex === undefined) throw new Error('usage: encryptChild BOOK KEY-HEX');
  process.stdout.write('converting\n');
  encryptBook(path, Buffer.from(keyHex, 'hex'));
  process.stdout.write('done\n');
}

main(process.argv[2], process.argv[3]);
