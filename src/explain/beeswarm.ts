/**
 * Points of a SHAP beeswarm chart: one per customer and feature, φ on the
 * x axis, the feature's raw value as colour.
 *
 * @module
 */
import { featureLabel } from "../features/derived.ts";
import type { FeatureTable } from "../features/feature_table.ts";
import type { Explanation } from "./explanation.ts";
import { midranks } from "../stats/ranks.ts";

/** One dot of the beeswarm. */
export interface BeeswarmPoint {
  feature: string;
  /** Russian display name. */
  label: string;
  phi: number;
  /** The customer's raw value of the feature. */
  value: number | string;
  /**
   * Colour position in 0…1 within the feature: numbers by rank (ties share
   * their mean rank, so outliers do not squash the scale), categories by their
   * sorted order (the one-hot encoder's order); 0.5 when the feature has one value.
   */
  valueRank: number;
}

/**
 * The beeswarm points of an explanation of the customers in `rows`.
 *
 * @example
 * ```ts
 * import type { FeatureTable } from "../features/feature_table.ts";
 * import { beeswarmData } from "./beeswarm.ts";
 * import type { Explanation } from "./explanation.ts";
 * declare const expl: Explanation, rows: FeatureTable;
 * const points = beeswarmData(expl, rows);
 * points.filter((p) => p.feature === "marketing_6m").map((p) => [p.phi, p.valueRank]);
 * ```
 */
export function beeswarmData(e: Explanation, rows: FeatureTable): BeeswarmPoint[] {
  if (rows.rows !== e.rows) throw new Error(`The explanation has ${e.rows} rows, the table ${rows.rows}`);
  const m = e.features.length;
  const points: BeeswarmPoint[] = [];
  e.features.forEach((feature, j) => {
    const label = featureLabel(feature);
    const num = rows.numeric[feature], cat = rows.categorical[feature];
    const values: readonly (number | string)[] | undefined = num ? Array.from(num) : cat;
    if (!values) throw new Error(`The table has no column "${feature}"`);
    const rank = num ? numericRanks(num) : categoryRanks(cat!);
    for (let i = 0; i < e.rows; i++) {
      points.push({ feature, label, phi: e.phi[i * m + j]!, value: values[i]!, valueRank: rank[i]! });
    }
  });
  return points;
}

/** Mid-ranks scaled to 0…1. */
function numericRanks(x: Float64Array): Float64Array {
  const zeroBased = midranks(x).map((r) => r - 1);
  const top = zeroBased.reduce((a, b) => Math.max(a, b), 0);
  return top === 0 ? zeroBased.fill(0.5) : zeroBased.map((r) => r / top);
}

function categoryRanks(x: readonly string[]): Float64Array {
  const cats = [...new Set(x)].sort();
  const at = new Map(cats.map((c, k) => [c, cats.length === 1 ? 0.5 : k / (cats.length - 1)]));
  return Float64Array.from(x, (v) => at.get(v)!);
}
