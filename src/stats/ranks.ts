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
  return rankData(x).ranks;
}

/** Mid-ranks and their tie term, from one sort. */
export interface RankData {
  /** {@linkcode midranks} of the values. */
  ranks: Float64Array;
  /** {@linkcode tieSum} of those ranks: Σ (t³ − t) over the blocks of t tied values. */
  ties: number;
}

/**
 * {@linkcode midranks} and {@linkcode tieSum} together. The values are copied
 * and sorted natively (no index array sorted with a JS comparator, which took
 * ≈ 1 s for a million values), each block of equal values gets its mid-rank
 * and each value finds its block by binary search: the same numbers in a
 * fraction of the time. -0 and 0 are one block, as they compare equal.
 *
 * @param x the values (NaN has no place in an order: keep it out; it gets rank NaN)
 * @example
 * ```ts
 * import { rankData } from "./ranks.ts";
 * rankData([1, 2, 2, 3, 3, 3]); // { ranks: Float64Array [1, 2.5, 2.5, 5, 5, 5], ties: 30 }
 * ```
 */
export function rankData(x: ArrayLike<number>): RankData {
  const n = x.length;
  const sorted = Float64Array.from(x).sort(); // numeric order, NaN last
  const distinct = new Float64Array(n), rank = new Float64Array(n);
  let u = 0, ties = 0;
  for (let lo = 0; lo < n;) {
    let hi = lo;
    while (hi + 1 < n && sorted[hi + 1] === sorted[lo]) hi++;
    const t = hi - lo + 1;
    ties += t * t * t - t;
    distinct[u] = sorted[lo]!, rank[u] = (lo + hi) / 2 + 1, u++; // the mean of the 1-based ranks lo+1 … hi+1
    lo = hi + 1;
  }
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    let lo = 0, hi = u; // the first distinct value ≥ v
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (distinct[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    ranks[i] = lo < u && distinct[lo] === v ? rank[lo]! : NaN;
  }
  return { ranks, ties };
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
