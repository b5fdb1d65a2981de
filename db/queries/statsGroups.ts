import type { Db } from '../connection';

/**
 * The root of every account that belongs to a customer group (a `holds` tree of two or more
 * live companies), walked in JavaScript from the live `holds` edges: one indexed read of a
 * few thousand edges, where a recursive CTE over every account took seconds. Same rules as
 * `groupTree`: deleted companies drop out with their links, depth is bounded, an account
 * reached twice counts under the first root found, and a cycle with no root is no group.
 */
const maxGroupDepth = 32;

export function groupRoots(db: Db): Map<string, string> {
  const edges = db
    .statement(
      `SELECT r.from_id, r.to_id FROM relationships r
       WHERE r.type = 'holds' AND r.deleted = 0
         AND r.from_id NOT IN (SELECT id FROM accounts WHERE deleted = 1)
         AND r.to_id NOT IN (SELECT id FROM accounts WHERE deleted = 1)
       ORDER BY r.from_id, r.to_id`,
    )
    .raw(true)
    .all() as [string, string][];
  const children = new Map<string, string[]>();
  const held = new Set<string>();
  for (const [from, to] of edges) {
    let list = children.get(from);
    if (!list) children.set(from, (list = []));
    list.push(to);
    held.add(to);
  }
  const rootOf = new Map<string, string>();
  for (const root of children.keys()) {
    if (held.has(root)) continue;
    rootOf.set(root, root);
    let level = [root];
    for (let depth = 0; depth < maxGroupDepth && level.length > 0; depth++) {
      const next: string[] = [];
      for (const parent of level) {
        for (const child of children.get(parent) ?? []) {
          if (rootOf.has(child)) continue;
          rootOf.set(child, root);
          next.push(child);
        }
      }
      level = next;
    }
  }
  return rootOf;
}
