import { openBook } from '../../db/openBook';

/**
 * Opens (and so upgrades) the book named on the command line, the way the app starts; run by
 * upgradeKill.test.ts (bundled, so it starts fast), which kills it at a random moment.
 */
async function main(path: string | undefined): Promise<void> {
  if (path === undefined) throw new Error('usage: upgradeChild BOOK');
  process.stdout.write('opening\n');
  const { db } = await openBook(path);
  db.close();
  process.stdout.write('done\n');
}

void main(process.argv[2]);
