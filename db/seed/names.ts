import { brandCharacters, chineseNumber, companySuffixes, groupSuffixes, industries } from './data/companies';
import { femaleGivenCharacters, maleGivenCharacters, polyphonicSurnames, surnames } from './data/people';
import { places } from './data/places';
import { NameForm } from './groups';
import { Prng, Weighted } from './random';

/**
 * Names are pure functions of the plan, so a subsidiary can spell its root's name without
 * the root's row at hand. An organization's `style` word seeds every free choice (which
 * prefix, suffix and industry word), the brand keeps names unique: independents draw
 * (brand, industry) pairs without repetition, groups own their brand outright.
 */
export const brandCount = brandCharacters.length * brandCharacters.length;

export function brandName(brand: number): string {
  const size = brandCharacters.length;
  return (brandCharacters[Math.floor(brand / size) % size] ?? '') + (brandCharacters[brand % size] ?? '');
}

/** The organization data names are made of, one entry per account index. */
export interface OrganizationNaming {
  readonly industry: Uint8Array;
  readonly place: Uint8Array;
  readonly brand: Uint16Array;
  readonly style: Uint32Array;
  readonly nameForm: Uint8Array;
  readonly nameArg: Uint16Array;
  readonly root: Int32Array;
}

const companySuffix = new Weighted(companySuffixes);
const groupSuffix = new Weighted(groupSuffixes);
const independentForms = new Weighted<number>([
  [0, 45],
  [1, 25],
  [2, 15],
  [3, 10],
  [4, 5],
]);
const scratch = new Prng(0);

function province(cityName: string): string {
  return cityName === '北京' || cityName === '上海' ? cityName : '广东';
}

export function organizationName(plan: OrganizationNaming, index: number): string {
  const form = plan.nameForm[index] ?? NameForm.independent;
  const place = places[plan.place[index] ?? 0] ?? places[0];
  const industry = industries[plan.industry[index] ?? 0] ?? industries[0];
  if (!place || !industry) throw new RangeError('no places or industries');
  if (form === NameForm.branch || form === NameForm.numberedBranch) {
    const root = organizationName(plan, plan.root[index] ?? index);
    if (form === NameForm.numberedBranch) return `${root}第${chineseNumber(plan.nameArg[index] ?? 0)}分公司`;
    return `${root}${place.city.name}${place.district.short}分公司`;
  }
  const prng = scratch.reseed(plan.style[index] ?? 0);
  const brand = brandName(plan.brand[index] ?? 0);
  const word = industry.words[prng.float() < 0.55 ? 0 : prng.int(industry.words.length)] ?? '';
  const { city, district } = place;
  if (form === NameForm.groupRoot) {
    const roll = prng.float();
    const prefix = roll < 0.4 ? province(city.name) : roll < 0.7 ? city.full : roll < 0.9 ? city.name : '';
    return `${prefix}${brand}${word}${groupSuffix.pick(prng)}`;
  }
  if (form === NameForm.subsidiary)
    return `${city.name}${brand}${word}${prng.chance(0.8) ? '有限公司' : '股份有限公司'}`;
  const suffix = companySuffix.pick(prng);
  switch (independentForms.pick(prng)) {
    case 0:
      return `${city.full}${brand}${word}${suffix}`;
    case 1:
      return `${city.name}${brand}${word}${suffix}`;
    case 2:
      return `${city.full}${district.name}${brand}${word}${suffix}`;
    case 3:
      return `${province(city.name)}${brand}${word}${suffix}`;
    default:
      return `${brand}${word}（${city.name}）${suffix}`;
  }
}

/** Every surname, ordinary then polyphonic; plans store indexes into it. */
export const allSurnames: readonly string[] = [...surnames, ...polyphonicSurnames].map(([name]) => name);
export const surnameTable = new Weighted<number>(
  [...surnames, ...polyphonicSurnames].map(([, w], i) => [i, w]),
);
const polyphonicStart = surnames.length;
export const polyphonicTable = new Weighted<number>(
  polyphonicSurnames.map(([, w], i) => [polyphonicStart + i, w]),
);

export function isPolyphonicSurname(index: number): boolean {
  return index >= polyphonicStart;
}

/** A given name of one or two characters (王芳, 陈少雄); sometimes doubled (陈婷婷). */
export function givenName(prng: Prng, female: boolean): string {
  const characters = female ? femaleGivenCharacters : maleGivenCharacters;
  const first = prng.pick(characters);
  const roll = prng.float();
  if (roll < 0.3) return first;
  if (female && roll < 0.36) return first + first;
  return first + prng.pick(characters);
}
