/**
 * Spearman's rank correlation: Pearson's r of the mid-ranks, as
 * `scipy.stats.spearmanr` and pandas' `corr(method="spearman")` compute it.
 *
 * @module
 */

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
  return pearson(sortedMidranks(x), sortedMidranks(y));
}

/**
 * Mid-ranks (ties share the mean of the ranks they span), the same numbers as
 * `midranks` of `src/stats/ranks.ts` but without sorting an index array with
 * a JS comparator: the values are copied and sorted natively, each distinct
 * value gets the mid-rank of its block, and each value finds its block by
 * binary search. On a million values that is ≈ 0.2 s instead of ≈ 1 s, and
 * the association matrix ranks each column once (13 sorts, not 156). NaN has
 * no place in an order and gets rank NaN.
 *
 * @example
 * ```ts
 * sortedMidranks([10, 20, 20, 30]); // Float64Array [1, 2.5, 2.5, 4]
 * ```
 */
export function sortedMidranks(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const sorted = Float64Array.from(x).sort(); // numeric order, NaN last
  const distinct = new Float64Array(n), rank = new Float64Array(n);
  let u = 0;
  for (let lo = 0; lo < n;) {
    let hi = lo;
    while (hi + 1 < n && sorted[hi + 1] === sorted[lo]) hi++;
    distinct[u] = sorted[lo]!, rank[u] = (lo + hi) / 2 + 1, u++;
    lo = hi + 1;
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    // The first distinct value ≥ v; -0 and 0 are one block, as they compare equal.
    let lo = 0, hi = u;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (distinct[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    out[i] = lo < u && distinct[lo] === v ? rank[lo]! : NaN;
  }
  return out;
}
