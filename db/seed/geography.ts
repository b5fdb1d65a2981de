import { industries } from './data/companies';
import { cities, places } from './data/places';
import { Weighted, type Prng } from './random';

const cityTable = new Weighted(cities.map((city, i) => [i, city.weight] as const));
const placeOfDistrict = new Map(places.map((place, i) => [place.district.short, i]));

/**
 * A district (index into `places`), weighted by city (潮汕 first); for an organization of
 * `industry`, often where that industry clusters (玩具 in 澄海). Pass -1 for a person.
 */
export function randomPlace(prng: Prng, industry: number): number {
  const clusters = industries[industry]?.clusters ?? [];
  if (clusters.length > 0 && prng.chance(0.6)) return placeOfDistrict.get(prng.pick(clusters)) ?? 0;
  const city = cityTable.pick(prng);
  const first = places.findIndex((place) => place.cityIndex === city);
  return first + prng.int(cities[city]?.districts.length ?? 1);
}
