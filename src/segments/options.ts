/**
 * Settings of the segment stage and their defaults, in one place so a
 * notebook can vary them and the report can state them.
 *
 * @module
 */

/** Settings of {@linkcode buildSegments}; every field has a default. */
export interface SegmentOptions {
  /** Quantile of monthly profit at and above which profit is "high" in the risk × profit matrix. */
  profitQuantile?: number;
  /** Quantile of monthly profit for the store's "most profitable at risk" segment. */
  topProfitQuantile?: number;
  /** Promo share cut for the promo segment; by default the two-class (Otsu) cut of the data. */
  promoCut?: number;
  /** Months of profit the risk applies to: the model predicts a drop over the next three months. */
  horizonMonths?: number;
  /** Corrected p-value below which a difference is significant. */
  alpha?: number;
  /**
   * Smallest |Cliff's δ| that counts as a real difference: 0.147, the border
   * between "negligible" and "small" (Romano et al., 2006).
   */
  minDelta?: number;
  /** Smallest Cramér's V that counts: 0.1, Cohen's "small" for one degree of freedom. */
  minCramersV?: number;
}

/** The defaults: median profit, top quartile, a quarter's horizon, 5 % after BH, small effects and up. */
export const SEGMENT_DEFAULTS: Required<Omit<SegmentOptions, "promoCut">> = {
  profitQuantile: 0.5,
  topProfitQuantile: 0.75,
  horizonMonths: 3,
  alpha: 0.05,
  minDelta: 0.147,
  minCramersV: 0.1,
};
