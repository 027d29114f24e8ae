/**
 * Statistics shared by the stages: mid-ranks (Spearman's ρ, Mann–Whitney U,
 * ROC-AUC), sample quantiles, contingency tables and Cramér's V. One function
 * per file, each matched to the scipy/numpy figure its tests pin.
 *
 * @example
 * ```ts
 * import { cramersV, midranks, quantile } from "./mod.ts";
 * midranks([3, 1, 3]); // Float64Array [2.5, 1, 2.5]
 * quantile([1, 2, 3, 4], 0.5); // 2.5
 * cramersV([[5, 0], [0, 5]]); // 1
 * ```
 *
 * @module
 */
export { midranks, tieSum } from "./ranks.ts";
export { quantile, quantileSorted } from "./quantile.ts";
export { type Contingency, contingency } from "./contingency.ts";
export { cramersV } from "./cramers_v.ts";
