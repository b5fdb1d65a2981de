import { industries } from './data/companies';
import { places } from './data/places';
import type { Prng } from './random';

/**
 * Customer groups (集团客户): about one organization in twenty is a group's root holding
 * 2–8 subsidiaries, some hold dozens and a few up to 200, in trees up to four levels deep.
 * Members are drawn without replacement and attached under a node already in the tree, so
 * every subsidiary has one parent and no cycle can form.
 */
export const NameForm = {
  independent: 0,
  groupRoot: 1,
  /** 汕头华新物流有限公司: the root's brand, another industry. */
  subsidiary: 2,
  /** 广东华新电子集团有限公司汕头龙湖分公司. */
  branch: 3,
  /** 广东华新电子集团有限公司第六十一分公司, when a big group runs out of districts. */
  numberedBranch: 4,
} as const;

export interface OrganizationShape {
  readonly industry: Uint8Array;
  readonly place: Uint8Array;
  readonly nameForm: Uint8Array;
  /** Per form: the subsidiary's or branch's ordinal in its group. */
  readonly nameArg: Uint16Array;
  /** Index of the holding parent, or -1. */
  readonly parent: Int32Array;
  /** Index of the group's root (a root is its own), or -1 outside groups. */
  readonly root: Int32Array;
  /** Per group member, its root's ordinal among roots (the group brand); -1 otherwise. */
  readonly groupNumber: Int32Array;
}

const maxDepth = 3;

function groupSize(prng: Prng): number {
  const roll = prng.float();
  if (roll < 0.015) return prng.range(51, 200);
  if (roll < 0.1) return prng.range(9, 50);
  return prng.range(2, 8);
}

/** Shuffles in place (Fisher–Yates). */
export function shuffle(prng: Prng, items: Int32Array): Int32Array {
  for (let i = items.length - 1; i > 0; i--) {
    const j = prng.int(i + 1);
    const swap = items[i] ?? 0;
    items[i] = items[j] ?? 0;
    items[j] = swap;
  }
  return items;
}

/** Builds the holds forest over `organizations`; returns the number of groups. */
export function planGroups(prng: Prng, organizations: Int32Array, shape: OrganizationShape): number {
  const pool = shuffle(prng, Int32Array.from(organizations));
  const rootCount = pool.length < 3 ? 0 : Math.max(1, Math.round(pool.length * 0.05));
  let next = rootCount;
  const depth: number[] = [];
  const members: number[] = [];
  for (let r = 0; r < rootCount; r++) {
    const root = pool[r] ?? 0;
    shape.nameForm[root] = NameForm.groupRoot;
    shape.root[root] = root;
    shape.groupNumber[root] = r;
    const remaining = pool.length - next;
    const size = Math.min(groupSize(prng), Math.max(1, Math.floor(remaining / 2)), remaining);
    members.length = 0;
    depth.length = 0;
    let subsidiaries = 0;
    let branches = 0;
    const placeOffset = prng.int(places.length);
    const rootIndustry = shape.industry[root] ?? 0;
    for (let c = 0; c < size; c++) {
      const member = pool[next++] ?? 0;
      let parent = root;
      let level = 1;
      if (members.length > 1 && prng.chance(0.4)) {
        const k = prng.int(members.length);
        if ((depth[k] ?? maxDepth) < maxDepth) {
          parent = members[k] ?? root;
          level = (depth[k] ?? 0) + 1;
        }
      }
      members.push(member);
      depth.push(level);
      shape.parent[member] = parent;
      shape.root[member] = root;
      shape.groupNumber[member] = r;
      if (prng.chance(0.5) && subsidiaries < industries.length - 1) {
        shape.nameForm[member] = NameForm.subsidiary;
        shape.nameArg[member] = subsidiaries;
        shape.industry[member] = (rootIndustry + 1 + subsidiaries) % industries.length;
        subsidiaries++;
        if (prng.chance(0.5)) shape.place[member] = shape.place[root] ?? 0;
      } else if (branches < places.length) {
        shape.nameForm[member] = NameForm.branch;
        shape.nameArg[member] = branches;
        shape.industry[member] = rootIndustry;
        shape.place[member] = (placeOffset + branches) % places.length;
        branches++;
      } else {
        shape.nameForm[member] = NameForm.numberedBranch;
        shape.nameArg[member] = c + 1;
        shape.industry[member] = rootIndustry;
      }
    }
  }
  return rootCount;
}
