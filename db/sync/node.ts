import { createHash, randomBytes } from 'node:crypto';
import { realpathSync, statSync } from 'node:fs';
import { formatHlc, parseHlc } from '../../shared/domain/hlc';
import type { Db } from '../connection';
import { appendAudit } from '../write';

/**
 * A node id names one device's writes: two writes never share a clock because the node is part
 * of it, and an equal clock means "the same write, seen again". A copied database file (a new
 * laptop set up from an old one's file, a backup opened beside the original) would go on
 * writing with the original's node id, and a sync could then drop one of two different writes
 * as a duplicate. So the book remembers where its node id belongs — a digest of the file's path
 * and its identity on the disk (device and inode, which a copy never shares; on another
 * computer both differ) — and a book opened anywhere else takes a new node id before it writes.
 * The computer's name is left out: laptops change it with the network.
 *
 * The clock keeps its time and counter; only the node changes, so every later write still sorts
 * after every earlier one. Writes made before under the old id stay as they were: they are
 * shared history, and the old id stays with the original file. Moving or restoring the file
 * also takes a new id, which costs nothing but a line in the version vector.
 */
export function homeOf(path: string): string | null {
  let real: string;
  let identity: string;
  try {
    real = realpathSync(path);
    const stat = statSync(real, { bigint: true });
    identity = `${stat.dev}:${stat.ino}`;
  } catch {
    return null; // not a file (an in-memory book)
  }
  return createHash('sha256').update(`${real}\u0000${identity}`).digest('hex').slice(0, 32);
}

export interface NodeClaim {
  readonly node: string;
  /** The node id the book had when it was found away from its home, if it was. */
  readonly previousNode: string | null;
}

/** Records `home` for the book's node id, or gives the book a new node id if it lives elsewhere. */
export function claimNode(db: Db, home: string, actor: string): NodeClaim {
  const read = () =>
    db.statement('SELECT node, hlc, home FROM sync_clock WHERE id = 1').get() as {
      node: string;
      hlc: string;
      home: string | null;
    };
  const seen = read();
  // Every open but the first and a copy's: one read, no write lock.
  if (seen.home === home) return { node: seen.node, previousNode: null };
  return db.sqlite
    .transaction((): NodeClaim => {
      const clock = read();
      if (clock.home === home) return { node: clock.node, previousNode: null };
      if (clock.home === null) {
        db.statement('UPDATE sync_clock SET home = ? WHERE id = 1').run(home);
        return { node: clock.node, previousNode: null };
      }
      const node = randomBytes(8).toString('hex');
      const hlc = formatHlc({ ...parseHlc(clock.hlc), node });
      db.statement('UPDATE sync_clock SET node = ?, hlc = ?, home = ? WHERE id = 1').run(node, hlc, home);
      appendAudit(db, {
        actor,
        action: 'node.renew',
        entity: 'sync',
        entityId: node,
        before: { node: clock.node },
        after: { node, reason: 'the book was opened away from where its node id was given' },
      });
      return { node, previousNode: clock.node };
    })
    .immediate();
}
