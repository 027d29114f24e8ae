/**
 * A numeric feature compared between the classes: pandas-style summaries,
 * Cohen's d, and histograms over shared bins.
 *
 * @module
 */
import { type FeatureGroup, FEATURES } from "../data/labels.ts";
import { type ByClass, splitNumbersByClass } from "./classes.ts";
import { type Describe, describe, standardizedDifference } from "./describe.ts";
import { histogramBins, histogramCounts } from "./histogram.ts";

/** One numeric feature by class. */
export interface NumericSummary {
  feature: string;
  label: string;
  group: FeatureGroup;
  byClass: ByClass<Describe>;
  /** Cohen's d of «Снизилась» against «Прежний уровень» (positive: higher when activity dropped). */
  standardizedDifference: number;
  histogram: {
    /** Shared edges; bin k is [edges[k], edges[k+1]), the last one closed. */
    edges: number[];
    /** One bin per integer value (edges at k ± 0.5). */
    unit: boolean;
    counts: ByClass<number[]>;
  };
}

/**
 * Summarises `values` of `feature` by the 0/1 target `y`.
 *
 * @example
 * ```ts
 * import type pl from "nodejs-polars";
 * import { numericColumn, targetOf } from "./classes.ts";
 * import { numericByTarget } from "./numeric_by_target.ts";
 * declare const frame: pl.DataFrame;
 * const s = numericByTarget("pages_per_visit", numericColumn(frame, "pages_per_visit"), targetOf(frame));
 * s.byClass.dropped.median;
 * ```
 */
export function numericByTarget(
  feature: string,
  values: ArrayLike<number>,
  y: Uint8Array,
  options: { bins?: number; maxUnitBins?: number } = {},
): NumericSummary {
  const info = FEATURES[feature];
  if (!info || info.type !== "number") throw new Error(`Not a numeric feature: "${feature}"`);
  const parts = splitNumbersByClass(values, y);
  const byClass = { dropped: describe(parts.dropped), same: describe(parts.same) };
  const { edges, unit } = histogramBins([parts.dropped, parts.same], options);
  return {
    feature,
    label: info.label,
    group: info.group,
    byClass,
    standardizedDifference: standardizedDifference(byClass.dropped, byClass.same),
    histogram: {
      edges,
      unit,
      counts: { dropped: histogramCounts(parts.dropped, edges), same: histogramCounts(parts.same, edges) },
    },
  };
}
