/**
 * Descriptive statistics of a sample: count, mean, standard deviation,
 * extremes and quartiles, as pandas' `describe` reports them.
 *
 * @module
 */
import { quantileSorted } from "../stats/quantile.ts";

/** What pandas' `describe()` reports for one column. NaN when the sample is empty. */
export interface Describe {
  count: number;
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator); NaN below two values. */
  std: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}

/**
 * Count, mean, sample SD, min, quartiles and max of `values`.
 *
 * @example
 * ```ts
 * describe([1, 2, 3, 4]).median; // 2.5
 * ```
 */
export function describe(values: ArrayLike<number>): Describe {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  let sum = 0;
  for (const v of s) sum += v;
  const mean = n ? sum / n : NaN;
  let ss = 0;
  for (const v of s) ss += (v - mean) ** 2;
  return {
    count: n,
    mean,
    std: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN,
    min: n ? s[0]! : NaN,
    q1: n ? quantileSorted(s, 0.25) : NaN,
    median: n ? quantileSorted(s, 0.5) : NaN,
    q3: n ? quantileSorted(s, 0.75) : NaN,
    max: n ? s[n - 1]! : NaN,
  };
}

/**
 * Cohen's d: the difference of two means in units of the pooled standard
 * deviation, √(((n₁−1)s₁² + (n₂−1)s₂²) / (n₁+n₂−2)). Sign: positive when
 * `a` is larger. NaN when the pooled SD is 0 or undefined.
 *
 * @example
 * ```ts
 * standardizedDifference(describe([2, 3, 4]), describe([0, 1, 2])); // 2
 * ```
 */
export function standardizedDifference(a: Describe, b: Describe): number {
  const df = a.count + b.count - 2;
  if (df < 1) return NaN;
  const va = a.count > 1 ? a.std ** 2 : 0, vb = b.count > 1 ? b.std ** 2 : 0;
  const pooled = Math.sqrt(((a.count - 1) * va + (b.count - 1) * vb) / df);
  return pooled > 0 ? (a.mean - b.mean) / pooled : NaN;
}
