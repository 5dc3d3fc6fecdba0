import { createHash } from 'node:crypto';

/**
 * Seeded random numbers, reproducible by anyone from the public seed.
 *
 * Construction (SHA-256 in counter mode): block i of stream S is
 *   SHA-256( UTF-8( "open-results/sortition-rng/v1" NUL seed NUL S NUL decimal(i) ) )
 * and each 32-byte block is read as eight big-endian uint32 words, consumed in order.
 * Separate named streams keep one use of randomness (e.g. the reserve order) from shifting
 * another (e.g. which panel is drawn) if the code that consumes them changes.
 */
export class SeededRng {
  private readonly prefix: string;
  private counter = 0;
  private words: number[] = [];

  /** @param seed public seed string; @param stream name of this independent stream. */
  constructor(seed: string, stream: string) {
    this.prefix = `open-results/sortition-rng/v1\0${seed}\0${stream}\0`;
  }

  /** Next uniform uint32. */
  nextUint32(): number {
    if (this.words.length === 0) {
      const block = createHash('sha256').update(this.prefix + String(this.counter++), 'utf8').digest();
      for (let i = 0; i < 32; i += 4) this.words.push(block.readUInt32BE(i));
    }
    return this.words.shift() as number;
  }

  /** Uniform float in [0, 1) with 53 random bits (two words: 27 high + 26 low bits). */
  nextFloat(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 2 ** 53;
  }

  /** Uniform integer in [0, n), unbiased (rejection sampling on uint32). */
  nextInt(n: number): number {
    return uniformInt(() => this.nextUint32(), n);
  }

  /** Fisher–Yates shuffle of a copy of `items`. */
  shuffle<T>(items: readonly T[]): T[] {
    const a = items.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      [a[i], a[j]] = [a[j] as T, a[i] as T];
    }
    return a;
  }

  /** `m` distinct items chosen uniformly from `items` (partial Fisher–Yates), in selection order. */
  sample<T>(items: readonly T[], m: number): T[] {
    const a = items.slice();
    if (m > a.length) throw new RangeError(`sample: ${m} > ${a.length}`);
    for (let i = 0; i < m; i++) {
      const j = i + this.nextInt(a.length - i);
      [a[i], a[j]] = [a[j] as T, a[i] as T];
    }
    return a.slice(0, m);
  }
}

/**
 * Fast seeded generator (xoshiro128**, state from SHA-256 of the seed) for Monte Carlo estimates
 * of baselines, which need hundreds of millions of numbers. Never used for the published draw,
 * which takes its randomness from SeededRng.
 */
export class FastRng {
  private s: Uint32Array;

  constructor(seed: string) {
    const h = createHash('sha256').update(`open-results/fast-rng/v1\0${seed}`, 'utf8').digest();
    this.s = new Uint32Array([h.readUInt32BE(0), h.readUInt32BE(4), h.readUInt32BE(8), h.readUInt32BE(12) | 1]);
  }

  /** Next uniform uint32. */
  nextUint32(): number {
    const s = this.s;
    let a = s[0] as number, b = s[1] as number, c = s[2] as number, d = s[3] as number;
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
    return result;
  }

  /** Uniform integer in [0, n), unbiased (rejection on uint32). */
  nextInt(n: number): number {
    return uniformInt(() => this.nextUint32(), n);
  }
}

/** Uniform integer in [0, n) from uniform uint32s, unbiased: the top partial bucket is rejected. */
function uniformInt(nextUint32: () => number, n: number): number {
  if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) throw new RangeError(`nextInt: bad bound ${n}`);
  const limit = 2 ** 32 - (2 ** 32 % n);
  for (;;) {
    const x = nextUint32();
    if (x < limit) return x % n;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
