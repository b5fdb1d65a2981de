/**
 * Seeded randomness for demo data. xoshiro128** (small, fast, good enough statistics) seeded
 * through splitmix32 from `(seed, stream, index)`, so every account's records come from their
 * own stream: the same account gets the same data whatever the chunk size or the order the
 * phases run in, and changing how visits are made leaves consumption alone.
 */

function splitmix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A 32-bit hash of up to three integers (murmur3's finalizer over a splitmix chain). */
export function hash32(a: number, b = 0, c = 0): number {
  let h = splitmix32(a | 0);
  h = splitmix32((h ^ Math.imul(b | 0, 0x27d4eb2f)) | 0);
  h = splitmix32((h ^ Math.imul(c | 0, 0x165667b1)) | 0);
  return h;
}

/** Folds a safe integer seed (which may exceed 32 bits) into 32 bits. */
export function seedBits(seed: number): number {
  const high = Math.floor(seed / 0x1_0000_0000);
  return hash32(seed >>> 0, high >>> 0, 0x5eed);
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

export class Prng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  constructor(seed: number, stream = 0, index = 0) {
    this.reseed(seed, stream, index);
  }

  /** Restarts at the stream `(seed, stream, index)` without allocating. */
  reseed(seed: number, stream = 0, index = 0): this {
    let x = hash32(seed, stream, index);
    this.s0 = x = splitmix32(x);
    this.s1 = x = splitmix32(x);
    this.s2 = x = splitmix32(x);
    this.s3 = splitmix32(x) | 1;
    return this;
  }

  /** A uniform 32-bit unsigned integer. */
  next(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 0x1_0000_0000;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [min, max]. */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** Roughly normal (Irwin–Hall of 4), mean 0, standard deviation 1. */
  gauss(): number {
    return (this.float() + this.float() + this.float() + this.float() - 2) * 1.7320508;
  }

  /** Poisson-like count with the given mean (normal approximation above 30). */
  count(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.gauss()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k++;
      p *= this.float();
    }
    return k;
  }

  /** Pareto with minimum 1 and tail index `alpha` (1.16 gives the 80/20 rule), capped. */
  pareto(alpha: number, cap: number): number {
    return Math.min(cap, Math.pow(1 - this.float(), -1 / alpha));
  }

  /** Fills `bytes` with random bytes (for UUIDs). */
  fill(bytes: Uint8Array): Uint8Array {
    for (let i = 0; i < bytes.length; i += 4) {
      const word = this.next();
      bytes[i] = word & 0xff;
      bytes[i + 1] = (word >>> 8) & 0xff;
      bytes[i + 2] = (word >>> 16) & 0xff;
      bytes[i + 3] = word >>> 24;
    }
    return bytes;
  }
}

/** Items with weights, drawn in O(log n) from precomputed cumulative weights. */
export class Weighted<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    this.items = entries.map(([item]) => item);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, weight], i) => {
      sum += weight;
      this.cumulative[i] = sum;
    });
    this.total = sum;
    if (entries.length === 0 || sum <= 0) throw new RangeError('Weighted needs a positive weight');
  }

  /** The index of a weighted draw. */
  index(prng: Prng): number {
    const target = prng.float() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.cumulative[mid] ?? 0) > target) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  pick(prng: Prng): T {
    return this.items[this.index(prng)] as T;
  }
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * A bijection of [0, size) (k → a·k + b mod size), so numbers drawn from a counter never
 * repeat yet do not look sequential. For `size` up to 1e8, a·k stays exact in doubles.
 */
export class Permutation {
  private readonly multiplier: number;
  private readonly offset: number;

  constructor(
    readonly size: number,
    key: number,
  ) {
    let multiplier = Math.floor(size * 0.6180339887) + (key % 997);
    while (gcd(multiplier, size) !== 1) multiplier++;
    this.multiplier = multiplier % size || 1;
    this.offset = hash32(key, size) % size;
  }

  at(k: number): number {
    return (this.multiplier * (k % this.size) + this.offset) % this.size;
  }
}
