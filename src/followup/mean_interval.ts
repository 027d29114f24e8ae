/**
 * Welch's interval for the difference of two means: unequal variances, and
 * Welch–Satterthwaite degrees of freedom. Monthly profit is roughly normal
 * within a group, and groups hold dozens of customers or more, so the t
 * interval is adequate; it needs two customers per group and some spread.
 *
 * @module
 */
import type { Interval } from "./proportion_interval.ts";
import { studentUpper } from "./student_t.ts";

/** Size, mean and sample variance (n − 1) of a group. */
export interface Moments {
  n: number;
  mean: number;
  variance: number;
}

/**
 * A group's size, mean and sample variance (two passes, for accuracy).
 *
 * @example
 * ```ts
 * moments([1, 2, 3]); // { n: 3, mean: 2, variance: 1 }
 * ```
 */
export function moments(xs: readonly number[]): Moments {
  const n = xs.length;
  const mean = n === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / n;
  const variance = n < 2 ? NaN : xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  return { n, mean, variance };
}

/**
 * Welch's interval for mean₁ − mean₂ at two-sided level 1 − 2·`tail`; null
 * when a group has fewer than two values or both have no spread.
 *
 * @example
 * ```ts
 * welchInterval(moments([1, 2, 3, 4]), moments([2, 4, 6, 8]), 0.025); // { low: −6.364…, high: 1.364…, df: 4.41… } (R: t.test(…, var.equal = FALSE))
 * ```
 */
export function welchInterval(a: Moments, b: Moments, tail: number): (Interval & { df: number }) | null {
  if (a.n < 2 || b.n < 2) return null;
  const va = a.variance / a.n, vb = b.variance / b.n, se2 = va + vb;
  if (!(se2 > 0)) return null;
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const half = studentUpper(tail, Math.max(1, df)) * Math.sqrt(se2);
  const d = a.mean - b.mean;
  return { low: d - half, high: d + half, df };
}
