/**
 * Exploratory analysis of the merged frame: numeric and categorical features
 * by class, revenue and minutes by period, a mixed-type association matrix
 * with the target, VIFs, and Russian conclusions generated from the numbers.
 * Pure functions; the results are plain JSON-serialisable objects.
 *
 * @example
 * ```ts
 * import type pl from "nodejs-polars";
 * import { edaConclusions, edaSummary } from "./mod.ts";
 * declare const frame: pl.DataFrame;
 * const summary = edaSummary(frame);
 * await Deno.writeTextFile("out/eda.json", JSON.stringify(summary));
 * edaConclusions(summary).join("\n");
 * ```
 *
 * @module
 */
export { EDA_DEFAULTS, type EdaOptions, type EdaSummary, edaSummary, type VifEntry } from "./eda_summary.ts";
export { CONCLUSION_DEFAULTS, type ConclusionOptions, edaConclusions } from "./conclusions.ts";
export { type ByClass, CLASSES, TARGET_COLUMN } from "./classes.ts";
export type { Describe } from "./describe.ts";
export type { NumericSummary } from "./numeric_by_target.ts";
export type { CategorySummary, LevelShares } from "./category_shares.ts";
export type { PeriodSummary } from "./periods.ts";
export {
  association,
  type AssociationMatrix,
  associationMatrix,
  type AssociationMethod,
  associationMethod,
} from "./association_matrix.ts";
export { correlationRatio } from "./correlation_ratio.ts";
export { spearman } from "./spearman.ts";
export { vif } from "./vif.ts";
