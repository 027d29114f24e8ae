/**
 * Spearman's rank correlation: Pearson's r of the mid-ranks, as
 * `scipy.stats.spearmanr` and pandas' `corr(method="spearman")` compute it.
 *
 * @module
 */
import { midranks } from "../stats/ranks.ts";

/**
 * Pearson's correlation; NaN when either sample is constant.
 *
 * @example
 * ```ts
 * pearson([1, 2, 3], [2, 4, 7]); // ≈ 0.9934
 * ```
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (y.length !== n) throw new Error(`Samples differ in length: ${n} and ${y.length}`);
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) mx += x[i]!, my += y[i]!;
  mx /= n, my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx, dy = y[i]! - my;
    sxy += dx * dy, sxx += dx * dx, syy += dy * dy;
  }
  if (!(sxx > 0 && syy > 0)) return NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * Spearman's ρ of two equally long samples; NaN when either is constant.
 *
 * @example
 * ```ts
 * spearman([1, 2, 3, 4], [1, 4, 9, 16]); // 1
 * ```
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return pearson(midranks(x), midranks(y));
}
