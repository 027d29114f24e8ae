/**
 * The feature schema a model was trained on: its numeric and categorical
 * columns, the category values and the numeric ranges seen in the training
 * rows. Stored in model.json, so scoring can rebuild the same columns and
 * tell when new data lies outside what the model learnt from.
 *
 * @module
 */
import type { FeatureTable } from "./feature_table.ts";

/** The smallest and largest value of a numeric feature in the training rows. */
export interface NumericRange {
  min: number;
  max: number;
}

/** Column names, the categories and the numeric ranges seen in training. */
export interface FeatureSchema {
  /** Numeric columns, in the order the pipeline was fitted with. */
  numeric: string[];
  /** Each categorical column's values seen in training, sorted. */
  categorical: Record<string, string[]>;
  /** Each numeric column's training range (keys as in `numeric`). */
  ranges: Record<string, NumericRange>;
}

/**
 * The schema of a training table.
 *
 * @example
 * ```ts
 * const s = featureSchema({ rows: 2, numeric: { x: Float64Array.of(3, 1) }, categorical: { c: ["b", "a"] } });
 * s.ranges.x; // { min: 1, max: 3 }
 * s.categorical.c; // ["a", "b"]
 * ```
 */
export function featureSchema(t: FeatureTable): FeatureSchema {
  return {
    numeric: Object.keys(t.numeric),
    categorical: Object.fromEntries(Object.entries(t.categorical).map(([k, v]) => [k, [...new Set(v)].sort()])),
    ranges: Object.fromEntries(Object.entries(t.numeric).map(([k, v]) => [k, range(v)])),
  };
}

function range(x: Float64Array): NumericRange {
  let min = Infinity, max = -Infinity;
  for (const v of x) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // An empty column has no range; the model file's writer refuses ±Infinity, so say so here.
  if (min > max) throw new Error("featureSchema: a training table with no rows has no ranges");
  return { min, max };
}
