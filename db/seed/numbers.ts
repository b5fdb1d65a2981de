import { creditCodeCheckCharacter } from '../../shared/domain/creditCode';
import { normalizePhone } from '../../shared/domain/phone';
import { cities } from './data/places';
import { hash32, Permutation, Prng, Weighted } from './random';

/**
 * Phone numbers and credit codes. Each comes from a counter through a bijection, so none
 * repeats by accident across 100,000 accounts (random digits would collide a few times); the
 * only shared numbers are the deliberate ones (a company's switchboard on its staff's cards).
 */
const mobilePrefixes = new Weighted<string>([
  ...['130', '131', '132', '133', '134', '135', '136', '137', '138', '139'].map((p) => [p, 3] as const),
  ...['150', '151', '152', '153', '155', '156', '157', '158', '159'].map((p) => [p, 2] as const),
  ...['170', '171', '173', '175', '176', '177', '178'].map((p) => [p, 0.6] as const),
  ...['180', '181', '182', '183', '184', '185', '186', '187', '188', '189'].map((p) => [p, 2] as const),
  ...['191', '193', '195', '196', '197', '198', '199'].map((p) => [p, 0.8] as const),
]);

/**
 * Numbers abroad, for the few people who keep one: Hong Kong and Macau, the Chaoshan diaspora
 * of Thailand, Singapore and Malaysia, Taiwan, California, Japan, Australia. The country code
 * with the start of a mobile number there, the note a manager writes, and a weight.
 */
const abroad = new Weighted<readonly [lead: string, note: string]>([
  [['+852 9', '香港号码'], 30],
  [['+853 6', '澳门号码'], 6],
  [['+66 81', '泰国号码'], 14],
  [['+65 9', '新加坡号码'], 12],
  [['+60 12', '马来西亚号码'], 10],
  [['+886 91', '台湾号码'], 10],
  [['+1 626', '美国号码'], 10],
  [['+81 90 1', '日本号码'], 4],
  [['+61 41', '澳洲号码'], 4],
]);

/** Checks a number the way a form does and returns the stored digits. */
function normalized(text: string): string {
  const phone = normalizePhone(text);
  if (!phone) throw new Error(`demo data made an invalid phone number: ${text}`);
  return phone.digits;
}

export class PhoneNumbers {
  private readonly mobiles: Permutation;
  private readonly locals: Permutation[];
  private readonly services: Permutation;
  private readonly abroadNumbers: Permutation;
  private mobileCounter = 0;
  private landlineCounter = 0;
  private abroadCounter = 0;

  /** `accounts` reserves one switchboard number per account index in every city. */
  constructor(
    private readonly seed: number,
    private readonly accounts: number,
  ) {
    this.mobiles = new Permutation(100_000_000, hash32(seed, 0x40b1));
    this.locals = cities.map(
      (city, i) => new Permutation(10 ** (city.localLength - 1), hash32(seed, 0x10c, i)),
    );
    this.services = new Permutation(10_000_000, hash32(seed, 0x400));
    this.abroadNumbers = new Permutation(10_000_000, hash32(seed, 0xab0ad));
  }

  /** Whether the person at `index` keeps a number abroad (about one in 25 of those with two). */
  hasNumberAbroad(index: number): boolean {
    return hash32(this.seed, 0xab0ad, index) % 100 < 4;
  }

  /**
   * The number abroad of the person at `index`, stored in E.164 (+85291234567), and its note.
   * Drawn without the account's random stream, so the rest of the demo data stays as it was.
   */
  numberAbroad(index: number): { number: string; note: string } {
    const prng = new Prng(this.seed, 0xab0ae, index);
    const [lead, note] = abroad.pick(prng);
    // Not every local part is in use in every country: the next one is tried, still unique.
    for (;;) {
      const local = String(this.abroadNumbers.at(this.abroadCounter++)).padStart(7, '0');
      const phone = normalizePhone(`${lead}${local.slice(0, 3)} ${local.slice(3)}`);
      if (phone) return { number: phone.digits, note };
    }
  }

  /** A new mobile number, written as people do (138 0013 8000). */
  mobile(prng: Prng): string {
    const suffix = String(this.mobiles.at(this.mobileCounter++)).padStart(8, '0');
    return normalized(`${mobilePrefixes.pick(prng)} ${suffix.slice(0, 4)} ${suffix.slice(4)}`);
  }

  private local(cityIndex: number, k: number): string {
    const city = cities[cityIndex] ?? cities[0];
    const locals = this.locals[cityIndex] ?? this.locals[0];
    if (!city || !locals) throw new RangeError(`no city ${cityIndex}`);
    const value = locals.at(k);
    const lead = city.leads.charAt(hash32(value, cityIndex) % city.leads.length);
    const local = lead + String(value).padStart(city.localLength - 1, '0');
    return normalized(`${city.areaCode}-${local}`);
  }

  /** The switchboard (总机) of the organization at `index`: the same number every time. */
  switchboard(cityIndex: number, index: number): string {
    return this.local(cityIndex, index);
  }

  /** Another landline (direct line, fax, home) in the city. */
  landline(cityIndex: number): string {
    return this.local(cityIndex, this.accounts + this.landlineCounter++);
  }

  /** The 400 service number of the organization at `index`. */
  service(index: number): string {
    const digits = String(this.services.at(index)).padStart(7, '0');
    return normalized(`400-${digits.slice(0, 3)}-${digits.slice(3)}`);
  }
}

const codeAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const organizationCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** The check character of an organization code (组织机构代码, GB 11714). */
function organizationCodeCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const char = body.charCodeAt(i);
    const value = char <= 57 ? char - 48 : char - 55;
    sum += value * (organizationCodeWeights[i] ?? 0);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

export class CreditCodes {
  private readonly numeric: Permutation;
  private readonly modern: Permutation;

  constructor(seed: number) {
    this.numeric = new Permutation(100_000_000, hash32(seed, 0xc0de));
    this.modern = new Permutation(31 ** 5, hash32(seed, 0xc0df));
  }

  /**
   * The unified social credit code of the organization at `index`: 91 (an enterprise), the
   * district's division code, an organization code (old all-digit ones, or MA… since 2015)
   * and the check character.
   */
  code(index: number, division: string, modern: boolean, extra: number): string {
    let body: string;
    if (modern) {
      let rest = this.modern.at(index);
      let tail = '';
      for (let i = 0; i < 5; i++) {
        tail = codeAlphabet.charAt(rest % 31) + tail;
        rest = Math.floor(rest / 31);
      }
      body = `MA${codeAlphabet.charAt(extra % 31)}${tail}`;
    } else {
      body = String(this.numeric.at(index)).padStart(8, '0');
    }
    const first17 = `91${division}${body}${organizationCodeCheck(body)}`;
    return first17 + creditCodeCheckCharacter(first17);
  }
}
