/**
 * Seeded randomness shared by the generator, the splits and the searches.
 *
 * @module
 */
/**
 * A seed as 32 bits for {@linkcode hash}: the low bits, mixed with the high ones
 * so that seeds 2³² apart (or 5 and 5 − 2³²) still differ.
 */
export function seedKey(seed: number): number {
  return (seed ^ hash(Math.floor(seed / 2 ** 32), -2)) >>> 0;
}

/** Mixes a seed and a stream number into a 32-bit state (murmur3 finaliser). */
export function hash(seed: number, stream: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * mulberry32 with a Box–Muller normal: every random source of the project
 * takes a seed and uses this, never Math.random.
 *
 * @example
 * ```ts
 * const rng = new Rng().reset(seedKey(42));
 * rng.next(); // the same number on every run
 * ```
 */
export class Rng {
  #s = 0;
  #spare = NaN;
  reset(state: number): this {
    this.#s = state | 0;
    this.#spare = NaN;
    return this;
  }
  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.#s = (this.#s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Standard normal. */
  normal(): number {
    if (!Number.isNaN(this.#spare)) {
      const z = this.#spare;
      this.#spare = NaN;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(1 - this.next()));
    const a = 2 * Math.PI * this.next();
    this.#spare = r * Math.sin(a);
    return r * Math.cos(a);
  }
  /** Shuffles an array in place (Fisher–Yates) and returns it. */
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  }
  /** Index drawn with the given weights. */
  pick(weights: readonly number[], total: number): number {
    let u = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i]!;
      if (u < 0) return i;
    }
    return weights.length - 1;
  }
}
