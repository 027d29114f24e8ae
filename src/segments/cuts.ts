/**
 * Data-derived cut points for the segment rules: a quantile for profit, and a
 * two-class split for the promo share, whose distribution has two modes (most
 * customers buy 10–40 % on promotion, a distinct group 90 % and more).
 *
 * @module
 */
import { quantile } from "../stats/quantile.ts";

/**
 * The smallest value of the upper class in the best split of the values into
 * two groups: the split that minimises the within-group sum of squares (Otsu's
 * method, or Fisher–Jenks natural breaks with two classes), found exactly over
 * every gap between distinct values. On a bimodal feature it falls between the
 * modes, wherever they are; a fixed 50 % cut would not adapt. Ties between
 * equally good splits go to the lower cut. With one distinct value there is
 * no upper group, and the cut is +∞.
 *
 * @example
 * ```ts
 * twoClassCut([0.1, 0.15, 0.2, 0.9, 0.95]); // 0.9
 * ```
 */
export function twoClassCut(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  if (n === 0) throw new Error("A two-class cut of an empty sample");
  const total = s.reduce((a, v) => a + v, 0);
  let below = 0, best = -Infinity, cut = Infinity;
  for (let k = 1; k < n; k++) {
    below += s[k - 1]!;
    if (s[k - 1] === s[k]) continue;
    // Minimising within-group SS = maximising n₁m₁² + n₂m₂² (the total SS is fixed).
    const above = total - below;
    const score = (below * below) / k + (above * above) / (n - k);
    if (score > best) best = score, cut = s[k]!;
  }
  return cut;
}

/** Cut points the segment rules compare with: all from the data except the model's threshold. */
export interface Cuts {
  /** The model's threshold: probability ≥ threshold is "high risk". */
  threshold: number;
  profitQuantile: number;
  /** Monthly profit at `profitQuantile`: high profit is ≥ this. */
  profitCut: number;
  topProfitQuantile: number;
  /** Monthly profit at `topProfitQuantile`. */
  topProfitCut: number;
  /** Promo share at and above which a customer is in the promo segment. */
  promoCut: number;
  /** How `promoCut` was set, for the report. */
  promoRule: "two-class cut (Otsu)" | "given";
}

/**
 * The cut points for these customers.
 *
 * @example
 * ```ts
 * const c = { profit: [1, 2, 3, 4], promoShare: [0.1, 0.9, 0.2, 0.8] };
 * computeCuts(c, 0.46, { profitQuantile: 0.5, topProfitQuantile: 0.75 }).profitCut; // 2.5
 * ```
 */
export function computeCuts(
  c: { profit: ArrayLike<number>; promoShare: ArrayLike<number> },
  threshold: number,
  o: { profitQuantile: number; topProfitQuantile: number; promoCut?: number },
): Cuts {
  return {
    threshold,
    profitQuantile: o.profitQuantile,
    profitCut: quantile(c.profit, o.profitQuantile),
    topProfitQuantile: o.topProfitQuantile,
    topProfitCut: quantile(c.profit, o.topProfitQuantile),
    promoCut: o.promoCut ?? twoClassCut(c.promoShare),
    promoRule: o.promoCut === undefined ? "two-class cut (Otsu)" : "given",
  };
}
