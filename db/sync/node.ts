import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import type { Db } from '../connection';
import { appendAudit } from '../write';

/**
 * A node id names one device's writes: two writes never share a clock because the node is part
 * of it, and an equal clock means "the same write, seen again". A copied database file (a new
 * laptop set up from an old one's file, a backup opened beside the original) would go on
 * writing with the original's node id, and a sync could then drop one of two different writes
 * as a duplicate, or take one device's concurrent edit over the other's without filing the
 * loser in the conflict inbox ("same device"). So the book remembers where its node id belongs
 * — a digest of the file's identity on the disk (device and inode: a copy never shares them, a
 * rename keeps them, and two spellings of one path agree; where the file system gives no
 * inode, as some network shares on Windows, the real path stands in) and, on Linux, the
 * machine id — and a book opened anywhere else takes a new node id before its first write reads
 * the clock (`openFieldbook` hands `claimNode` to db/write.ts `beforeFirstWrite`): opening,
 * searching and exporting a copy write nothing, so a copy on a read-only medium opens too. The
 * computer's name is left out: laptops take it from the network they are on. A book from before
 * this was recorded (home NULL) may be a copy too, so it renews once.
 *
 * The clock keeps its time and counter; only the node changes, so every later write still sorts
 * after every earlier one. Writes made before under the old id stay as they were: they are
 * shared history, and the old id stays with the original file. A renewal where none was needed
 * (a backup restored, a disk cloned) costs one more entry in version vectors and, for edits
 * made under the old id, the inbox's "same device" exception: more filed, never fewer.
 */
export function homeOf(path: string): string | null {
  let identity: string;
  try {
    const stat = statSync(path, { bigint: true });
    identity = `${stat.dev}:${stat.ino}`;
    if (stat.dev === 0n || stat.ino === 0n) identity += `:${realpathSync(path)}`;
  } catch {
    return null; // not a file (an in-memory book)
  }
  return createHash('sha256').update(`${machineId}\u0000${identity}`).digest('hex').slice(0, 32);
}

/** `/etc/machine-id` where there is one (Linux): fixed when the system is installed. */
const machineId = ((): string => {
  for (const file of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
    try {
      return readFileSync(file, 'utf8').trim();
    } catch {
      // not on this system
    }
  }
  return '';
})();

export interface NodeClaim {
  readonly node: string;
  /** The node id the book had when it was found away from its home, if it was. */
  readonly previousNode: string | null;
}

/**
 * Records `home` for the book's node id, or gives the book a new node id if it lives elsewhere.
 * Runs inside the first write transaction (a savepoint then), so a write that rolls back takes
 * the renewal with it and the next write claims again.
 */
export function claimNode(db: Db, home: string, actor: string): NodeClaim {
  const read = () =>
    db.statement('SELECT node, hlc, home, seq FROM sync_clock WHERE id = 1').get() as {
      node: string;
      hlc: string;
      home: string | null;
      seq: number;
    };
  const seen = read();
  // Every book but a new one and a copy: one read.
  if (seen.home === home) return { node: seen.node, previousNode: null };
  return db.sqlite
    .transaction((): NodeClaim => {
      const clock = read();
      if (clock.home === home) return { node: clock.node, previousNode: null };
      const node = randomBytes(8).toString('hex');
      // The node is the clock's last 16 characters; the rest is kept as it is, readable or not.
      const hlc = `${clock.hlc.slice(0, -16)}${node}`;
      db.statement('UPDATE sync_clock SET node = ?, hlc = ?, home = ? WHERE id = 1').run(node, hlc, home);
      // A book that never wrote has no writes under the old id: nothing worth recording.
      if (clock.seq === 0) return { node, previousNode: null };
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
