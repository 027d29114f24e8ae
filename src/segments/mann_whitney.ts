/**
 * The Mann–Whitney U test with its effect size, Cliff's δ. Rank tests suit
 * the store's features: counts with many ties and skewed money columns, where
 * a difference in means would be driven by a few customers.
 *
 * @module
 */
import { midranks, rankData, tieSum } from "../stats/ranks.ts";
import { normalSf } from "./distributions.ts";

/** A two-sample comparison of `x` (the segment) against `y` (the rest). */
export interface MannWhitney {
  /** U of the first sample: pairs where x > y, ties counting one half. */
  u: number;
  /** Two-sided p-value (normal approximation, tie-corrected, with continuity correction). */
  p: number;
  /**
   * Cliff's δ = P(x > y) − P(x < y) = 2U / (n₁n₂) − 1, equal to the
   * rank-biserial correlation; in [−1, 1], positive when x tends to be larger.
   */
  delta: number;
}

/**
 * Two-sided Mann–Whitney U test as `scipy.stats.mannwhitneyu(x, y,
 * method="asymptotic", use_continuity=True)` computes it, plus Cliff's δ.
 * When every value is tied the test has no information: p = 1, δ = 0.
 *
 * @example
 * ```ts
 * const r = mannWhitneyU([3, 4, 5], [1, 2, 3]);
 * r.u; // 8.5
 * r.delta; // 0.888…
 * ```
 */
export function mannWhitneyU(x: ArrayLike<number>, y: ArrayLike<number>): MannWhitney {
  const n1 = x.length, n2 = y.length, n = n1 + n2;
  if (n1 === 0 || n2 === 0) throw new Error(`Mann–Whitney needs two non-empty samples, got sizes ${n1} and ${n2}`);
  const values = Float64Array.from({ length: n }, (_, i) => i < n1 ? x[i]! : y[i - n1]!);
  const ranks = midranks(values);
  let rankSum = 0; // exact: ranks are halves
  for (let i = 0; i < n1; i++) rankSum += ranks[i]!;
  return mannWhitneyFromRanks(rankSum, n1, n2, tieSum(ranks));
}

/**
 * A column's mid-ranks over all customers and their tie term: the same for
 * every segment compared against the rest (segment ∪ rest = everyone), so a
 * column is ranked once, not once per segment.
 */
export interface RankedColumn {
  ranks: Float64Array;
  ties: number;
}

/**
 * Ranks a column once for {@linkcode mannWhitneyMasked}.
 *
 * @example
 * ```ts
 * rankColumn([1, 2, 2]).ties; // 6
 * ```
 */
export function rankColumn(values: ArrayLike<number>): RankedColumn {
  return rankData(values); // the ranks and their tie term from one sort
}

/**
 * The Mann–Whitney test of the rows with `mask[i] = 1` against the rest, from
 * the column's ranks over all rows: equal to `mannWhitneyU(inside, rest)`
 * (the rank sums are exact), in O(n) per segment.
 *
 * @example
 * ```ts
 * const r = mannWhitneyMasked(rankColumn([3, 4, 5, 1, 2, 3]), Uint8Array.of(1, 1, 1, 0, 0, 0));
 * r.u; // 8.5, as mannWhitneyU([3, 4, 5], [1, 2, 3])
 * ```
 */
export function mannWhitneyMasked(column: RankedColumn, mask: ArrayLike<number>): MannWhitney {
  const { ranks, ties } = column;
  if (ranks.length !== mask.length) throw new Error(`Expected ${ranks.length} mask values, got ${mask.length}`);
  let rankSum = 0, n1 = 0;
  for (let i = 0; i < ranks.length; i++) if (mask[i]) rankSum += ranks[i]!, n1++;
  const n2 = ranks.length - n1;
  if (n1 === 0 || n2 === 0) throw new Error(`Mann–Whitney needs two non-empty samples, got sizes ${n1} and ${n2}`);
  return mannWhitneyFromRanks(rankSum, n1, n2, ties);
}

/** The test from the first sample's rank sum, the sizes and the tie term Σ(t³ − t) of the pooled ranks. */
function mannWhitneyFromRanks(rankSum: number, n1: number, n2: number, ties: number): MannWhitney {
  const n = n1 + n2;
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const mu = (n1 * n2) / 2;
  const sd = Math.sqrt(((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1))));
  // scipy's two-sided rule: the larger of U₁ and U₂, continuity 0.5 towards the mean, doubled.
  const z = (Math.max(u, n1 * n2 - u) - mu - 0.5) / sd;
  const p = sd > 0 ? Math.min(1, 2 * normalSf(z)) : 1;
  return { u, p, delta: (2 * u) / (n1 * n2) - 1 };
}
