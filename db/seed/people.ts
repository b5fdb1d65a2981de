import { randomPlace } from './geography';
import { polyphonicTable, surnameTable } from './names';
import { shuffle } from './groups';
import { Weighted, type Prng } from './random';

/**
 * People's side of the plan: surname, sex and birth year (names and birthdays are made from
 * them later), the employer, and families. Family members get consistent ages and surnames:
 * a child carries the father's surname and is 24–32 years younger, spouses are of an age.
 */
export interface People {
  /** Index into `allSurnames`. */
  readonly surname: Uint16Array;
  readonly female: Uint8Array;
  readonly birthYear: Uint16Array;
  /** The organization employing the person, or -1. */
  readonly employer: Int32Array;
  /** 0 for an organization's first contact, 1 for the second, … */
  readonly employeeOrdinal: Uint16Array;
  /** The person this one has a `family` relationship to, or -1. */
  readonly family: Int32Array;
  readonly familyRole: Uint8Array;
  /** The husband or wife (either direction), or -1: both share one wedding day. */
  readonly spouse: Int32Array;
}

export const FamilyRole = { none: 0, spouse: 1, child: 2, parent: 3 } as const;

/** `Plan.kind` of an organization (plan.ts imports this module, so not from there). */
const organizationKind = 0;

/** Share of people who are in a family relationship (pairs are half of that). */
const familyShare = 0.11;

interface Population {
  readonly kind: Uint8Array;
  readonly organizations: Int32Array;
  readonly place: Uint8Array;
  readonly spend: Float64Array;
}

function clampYear(year: number): number {
  return Math.min(2002, Math.max(1948, Math.round(year)));
}

export function planPeople(prng: Prng, population: Population): People {
  const { kind, organizations, place, spend } = population;
  const count = kind.length;
  const surname = new Uint16Array(count);
  const female = new Uint8Array(count);
  const birthYear = new Uint16Array(count);
  const employer = new Int32Array(count).fill(-1);
  const employeeOrdinal = new Uint16Array(count);
  const family = new Int32Array(count).fill(-1);
  const familyRole = new Uint8Array(count);
  const spouse = new Int32Array(count).fill(-1);

  // Bigger spenders have more people the manager knows. (No organizations: no people either.)
  if (organizations.length === 0)
    return { surname, female, birthYear, employer, employeeOrdinal, family, familyRole, spouse };
  const employers = new Weighted(
    Array.from(organizations, (i) => [i, Math.min(8, Math.sqrt((spend[i] ?? 0) / 60_000))] as const),
  );
  const staff = new Uint16Array(count);
  const people: number[] = [];
  for (let i = 0; i < count; i++) {
    if (kind[i] === organizationKind) continue;
    people.push(i);
    surname[i] = surnameTable.pick(prng);
    female[i] = prng.chance(0.42) ? 1 : 0;
    birthYear[i] = clampYear(1976 + 9 * prng.gauss());
    const work = employers.pick(prng);
    employer[i] = work;
    employeeOrdinal[i] = staff[work] ?? 0;
    staff[work] = Math.min(65_535, (staff[work] ?? 0) + 1);
    place[i] = prng.chance(0.8) ? (place[work] ?? 0) : randomPlace(prng, -1);
  }

  const pool = shuffle(prng, Int32Array.from(people));
  const pairs = Math.floor((pool.length * familyShare) / 2);
  for (let p = 0; p < pairs; p++) {
    const a = pool[2 * p] ?? 0;
    const b = pool[2 * p + 1] ?? 0;
    const year = birthYear[a] ?? 1976;
    family[a] = b;
    if (year <= 1972 && prng.chance(0.4)) {
      familyRole[a] = FamilyRole.child;
      birthYear[b] = clampYear(year + prng.range(24, 32));
      if (!female[a] || prng.chance(0.3)) surname[b] = surname[a] ?? 0;
    } else if (year >= 1978 && prng.chance(0.3)) {
      familyRole[a] = FamilyRole.parent;
      birthYear[b] = clampYear(year - prng.range(24, 32));
      female[b] = prng.chance(0.5) ? 1 : 0;
      if (!female[b]) surname[a] = surname[b] ?? 0;
    } else {
      familyRole[a] = FamilyRole.spouse;
      female[b] = female[a] ? 0 : 1;
      birthYear[b] = clampYear(year + (female[a] ? 1 : -1) * prng.range(-2, 5));
      spouse[a] = b;
      spouse[b] = a;
    }
  }

  // A few percent of people carry a polyphonic surname anyway; this makes sure even a small
  // demo has some (every 50th person from the 18th on), which search must read right.
  for (let p = 17; p < people.length; p += 50) surname[people[p] ?? 0] = polyphonicTable.pick(prng);

  return { surname, female, birthYear, employer, employeeOrdinal, family, familyRole, spouse };
}
