/**
 * Mid-ranks: the ranks every rank statistic here is built on (Spearman's ρ,
 * the Mann–Whitney U test, ROC-AUC), as `scipy.stats.rankdata(x,
 * method="average")` computes them, and the tie term of rank tests'
 * variances, as `scipy.stats.tiecorrect` uses it.
 *
 * @module
 */

/**
 * Ranks 1…n in ascending order, tied values sharing the mean of the ranks
 * they span. Every rank is a whole number or a half, so sums of ranks are
 * exact in any order.
 *
 * @param x the values (NaN has no place in an order: keep it out)
 * @returns the rank of each value, in the input's order
 * @example
 * ```ts
 * import { midranks } from "./ranks.ts";
 * midranks([10, 20, 20, 30]); // Float64Array [1, 2.5, 2.5, 4]
 * ```
 */
export function midranks(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]! || a - b);
  const out = new Float64Array(n);
  for (let lo = 0; lo < n;) {
    let hi = lo;
    while (hi + 1 < n && x[order[hi + 1]!] === x[order[lo]!]) hi++;
    const rank = (lo + hi) / 2 + 1; // the mean of the 1-based ranks lo+1 … hi+1
    for (let k = lo; k <= hi; k++) out[order[k]!] = rank;
    lo = hi + 1;
  }
  return out;
}

/**
 * Σ (t³ − t) over the blocks of t tied values, from their mid-ranks (tied
 * values share a rank, distinct values never do): 0 without ties.
 *
 * @param ranks mid-ranks, as {@linkcode midranks} returns them
 * @example
 * ```ts
 * import { midranks, tieSum } from "./ranks.ts";
 * tieSum(midranks([1, 2, 2, 3, 3, 3])); // 30 = (2³ − 2) + (3³ − 3)
 * ```
 */
export function tieSum(ranks: ArrayLike<number>): number {
  const s = Float64Array.from(ranks).sort();
  let sum = 0;
  for (let lo = 0; lo < s.length;) {
    let hi = lo;
    while (hi + 1 < s.length && s[hi + 1] === s[lo]) hi++;
    const t = hi - lo + 1;
    sum += t * t * t - t;
    lo = hi + 1;
  }
  return sum;
}
