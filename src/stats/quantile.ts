/**
 * Sample quantiles with linear interpolation between order statistics:
 * numpy's and pandas' default (Hyndman–Fan type 7, d3-array's `quantile`
 * too), so the median of an even sample is the mean of the middle two.
 *
 * Written out rather than taken from d3-array (already installed through
 * Plot): d3-array ships no type declarations, and the rule is four lines.
 *
 * @module
 */

function checkLevel(q: number): void {
  if (!(q >= 0 && q <= 1)) throw new Error(`Quantile level must be in [0, 1], got "${q}"`);
}

/**
 * The q-quantile of values already sorted ascending.
 *
 * @param sorted ascending values, at least one
 * @param q the level in [0, 1]
 * @example
 * ```ts
 * import { quantileSorted } from "./quantile.ts";
 * quantileSorted(Float64Array.of(1, 2, 3, 4), 0.25); // 1.75
 * ```
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  checkLevel(q);
  const n = sorted.length;
  if (n === 0) throw new Error("Quantile of an empty sample");
  const h = (n - 1) * q, lo = Math.floor(h), hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * The q-quantile of values in any order (they are not changed).
 *
 * @param values at least one value
 * @param q the level in [0, 1]
 * @example
 * ```ts
 * import { quantile } from "./quantile.ts";
 * quantile([4, 1, 3, 2], 0.5); // 2.5
 * ```
 */
export function quantile(values: ArrayLike<number>, q: number): number {
  checkLevel(q);
  return quantileSorted(Float64Array.from(values).sort(), q);
}
