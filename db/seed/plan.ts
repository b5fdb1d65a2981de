import { v7 } from 'uuid';
import { accountCreatedMs } from './clock';
import { industries } from './data/companies';
import { managerCount } from './data/people';
import { randomPlace } from './geography';
import { NameForm, planGroups } from './groups';
import { brandCount, type OrganizationNaming } from './names';
import { planPeople, type People } from './people';
import { hash32, Permutation, Prng, Weighted } from './random';

/**
 * The population, decided up front in flat typed arrays (a few bytes per account): who is an
 * organization, who holds whom, who works where, tiers and owners, creation times and ids.
 * Everything the phases need about *other* accounts lives here; the rows themselves are made
 * later, one account at a time, from each account's own random stream.
 */
export const organization = 0;
export const person = 1;

/** Random streams: one per phase, each reseeded per account. */
export const streams = {
  plan: 1,
  accounts: 2,
  relationships: 3,
  anniversaries: 4,
  visits: 5,
  consumption: 6,
  weddings: 7,
} as const;

export interface Plan extends OrganizationNaming, People {
  readonly seed: number;
  readonly count: number;
  readonly kind: Uint8Array;
  /** Index into `tiers` (shared/schemas): 0 strategic … 3 general. */
  readonly tier: Uint8Array;
  /** Manager number, 0-based (m001 is 0). */
  readonly owner: Uint8Array;
  readonly archived: Uint8Array;
  /** Creation time (ms), non-decreasing with the index. */
  readonly created: Float64Array;
  readonly ids: readonly string[];
  /** Typical monthly bill in fen, heavy-tailed. */
  readonly spend: Float64Array;
  readonly parent: Int32Array;
  /** Indexes of the organizations, ascending. */
  readonly organizations: Int32Array;
  readonly groupCount: number;
}

/** Where each tier ends in the ranking: strategic 5%, partner 15%, commercial 30%, general 50%. */
const tierBounds = [0.05, 0.2, 0.5];
const organizationShare = 0.3;
const archivedShare = 0.03;

const industryTable = new Weighted(industries.map((industry, i) => [i, industry.weight] as const));

export function makePlan(seed: number, count: number): Plan {
  const prng = new Prng(seed, streams.plan);
  const kind = new Uint8Array(count);
  for (let i = 0; i < count; i++) kind[i] = prng.chance(organizationShare) ? organization : person;
  if (count > 0 && !kind.includes(organization)) kind[0] = organization;

  const created = new Float64Array(count);
  const ids = new Array<string>(count);
  const bytes = new Uint8Array(16);
  for (let i = 0; i < count; i++) {
    created[i] = Math.floor(accountCreatedMs((i + prng.float()) / count));
    ids[i] = v7({ msecs: created[i] ?? 0, random: prng.fill(bytes) });
  }

  const organizations = Int32Array.from(Array.from(kind.keys()).filter((i) => kind[i] === organization));
  const industry = new Uint8Array(count);
  const place = new Uint8Array(count);
  const style = new Uint32Array(count);
  for (const i of organizations) {
    industry[i] = industryTable.pick(prng);
    place[i] = randomPlace(prng, industry[i] ?? 0);
    style[i] = prng.next();
  }
  const shape = {
    industry,
    place,
    nameForm: new Uint8Array(count),
    nameArg: new Uint16Array(count),
    parent: new Int32Array(count).fill(-1),
    root: new Int32Array(count).fill(-1),
    groupNumber: new Int32Array(count).fill(-1),
  };
  const groupCount = planGroups(prng, organizations, shape);
  const brand = assignBrands(seed, organizations, shape, groupCount);

  const spend = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const base = kind[i] === organization ? 60_000 : 6_000;
    const form = shape.nameForm[i];
    const size = form === NameForm.groupRoot ? 4 : shape.root[i] !== -1 ? 1.5 : 1;
    spend[i] = Math.round(base * size * prng.pareto(1.16, 500));
  }
  const people = planPeople(prng, { kind, organizations, place, spend });

  const tier = assignTiers(prng, spend);
  const owner = new Uint8Array(count);
  const managers = new Weighted(
    Array.from({ length: managerCount }, (_, m) => [m, 0.6 + prng.float()] as const),
  );
  for (const i of organizations) owner[i] = managers.pick(prng);
  for (const i of organizations) {
    const root = shape.root[i] ?? -1;
    if (root !== -1 && root !== i && prng.chance(0.9)) owner[i] = owner[root] ?? 0;
  }
  const archived = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    if (kind[i] === person) {
      const employer = people.employer[i] ?? -1;
      owner[i] = employer !== -1 && prng.chance(0.85) ? (owner[employer] ?? 0) : managers.pick(prng);
    }
    archived[i] = prng.chance(archivedShare) ? 1 : 0;
  }

  return {
    seed,
    count,
    kind,
    tier,
    owner,
    archived,
    created,
    ids,
    spend,
    style,
    brand,
    organizations,
    groupCount,
    ...shape,
    ...people,
  };
}

/**
 * Groups own a brand each (counted down from the last); independents draw (brand, industry)
 * pairs from the remaining brands without repetition, per industry.
 */
function assignBrands(
  seed: number,
  organizations: Int32Array,
  shape: { industry: Uint8Array; groupNumber: Int32Array },
  groupCount: number,
): Uint16Array {
  const brand = new Uint16Array(shape.industry.length);
  // Slots are dealt out as described, then mapped through one more bijection so groups'
  // brands are spread over all brand characters rather than the last few.
  const spread = new Permutation(brandCount, hash32(seed, 0xb4b));
  const free = Math.max(1, brandCount - groupCount);
  const perIndustry = industries.map((_, j) => new Permutation(free, hash32(seed, 0xb4a, j)));
  const counters = new Int32Array(industries.length);
  for (const i of organizations) {
    const group = shape.groupNumber[i] ?? -1;
    if (group !== -1) {
      brand[i] = spread.at(brandCount - 1 - (group % brandCount));
      continue;
    }
    const j = shape.industry[i] ?? 0;
    const k = counters[j] ?? 0;
    counters[j] = k + 1;
    brand[i] = spread.at(perIndustry[j]?.at(k) ?? 0);
  }
  return brand;
}

/** Tiers follow value: accounts ranked by a noisy view of their spend, cut at the tier shares. */
function assignTiers(prng: Prng, spend: Float64Array): Uint8Array {
  const count = spend.length;
  const score = Float64Array.from(spend, (value) => value * Math.exp(0.5 * prng.gauss()));
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => (score[b] ?? 0) - (score[a] ?? 0));
  const bounds = tierBounds.map((share) => Math.round(share * count));
  const tier = new Uint8Array(count);
  let level = 0;
  order.forEach((index, rank) => {
    while (level < bounds.length && rank >= (bounds[level] ?? count)) level++;
    tier[index] = level;
  });
  return tier;
}
