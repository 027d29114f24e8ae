/**
 * Everything the exploratory analysis measures on the merged frame, as one
 * plain, JSON-serialisable object (NaN and ±Infinity become null in JSON):
 * what the EDA charts draw and {@linkcode edaConclusions} puts into words.
 *
 * @module
 */
import type pl from "nodejs-polars";
import { COLUMN_LABELS, FEATURES } from "../data/labels.ts";
import { type AssociationMatrix, associationMatrix } from "./association_matrix.ts";
import { categoryShares, type CategorySummary } from "./category_shares.ts";
import { type ByClass, categoryColumn, CLASSES, numericColumn, TARGET_COLUMN, targetOf } from "./classes.ts";
import { HISTOGRAM_DEFAULTS } from "./histogram.ts";
import { numericByTarget, type NumericSummary } from "./numeric_by_target.ts";
import { periodSummaries, type PeriodSummary } from "./periods.ts";
import { vif } from "./vif.ts";

/** Defaults: which features, and the histogram binning. */
export const EDA_DEFAULTS = {
  /** Every customer feature of the merged frame, profit included. */
  features: Object.keys(FEATURES) as readonly string[],
  ...HISTOGRAM_DEFAULTS,
};

/** Options of {@linkcode edaSummary}. */
export interface EdaOptions {
  features?: readonly string[];
  bins?: number;
  maxUnitBins?: number;
}

/** The variance inflation factor of one numeric feature. */
export interface VifEntry {
  feature: string;
  label: string;
  vif: number;
}

/** The EDA of the merged frame. */
export interface EdaSummary {
  rows: number;
  classes: ByClass<{ label: string; count: number; share: number }>;
  /** Numeric features in feature order. */
  numeric: NumericSummary[];
  /** Categorical features in feature order. */
  categorical: CategorySummary[];
  /** Revenue then minutes, oldest period first. */
  periods: PeriodSummary[];
  /** Every feature and, last, the target (column "target", labelled as the activity). */
  association: AssociationMatrix;
  /** VIF of every numeric feature given the other numeric features. */
  vif: VifEntry[];
}

/**
 * Measures the merged frame: features by class, revenue and minutes by
 * period, the association matrix with the target and the VIFs.
 *
 * @param frame the merged, cleaned frame (one row per customer, with `target`)
 * @example
 * ```ts
 * import { loadDataset } from "../data/load.ts";
 * import { edaSummary } from "./eda_summary.ts";
 * const { frame } = await loadDataset("../shared/data/one-click");
 * const summary = edaSummary(frame);
 * summary.numeric.map((s) => [s.label, s.standardizedDifference]);
 * ```
 */
export function edaSummary(frame: pl.DataFrame, options: EdaOptions = {}): EdaSummary {
  const features = options.features ?? EDA_DEFAULTS.features;
  const bins = {
    bins: options.bins ?? EDA_DEFAULTS.bins,
    maxUnitBins: options.maxUnitBins ?? EDA_DEFAULTS.maxUnitBins,
  };
  const y = targetOf(frame);
  const rows = y.length;
  const nDropped = y.reduce((a, b) => a + b, 0);

  const unknown = features.filter((f) => !FEATURES[f]);
  if (unknown.length) throw new Error(`Unknown feature "${unknown[0]}"`);
  const numericNames = features.filter((f) => FEATURES[f]!.type === "number");
  const categoryNames = features.filter((f) => FEATURES[f]!.type === "category");
  const numbers = new Map(numericNames.map((f) => [f, numericColumn(frame, f)]));
  const categories = new Map(categoryNames.map((f) => [f, categoryColumn(frame, f)]));

  const classes = Object.fromEntries(CLASSES.map(({ key, label }) => {
    const count = key === "dropped" ? nDropped : rows - nDropped;
    return [key, { label, count, share: rows ? count / rows : NaN }];
  })) as unknown as EdaSummary["classes"];

  const association = associationMatrix([
    ...features.map((f) =>
      FEATURES[f]!.type === "number"
        ? { name: f, label: FEATURES[f]!.label, type: "number" as const, values: numbers.get(f)! }
        : { name: f, label: FEATURES[f]!.label, type: "category" as const, values: categories.get(f)! }
    ),
    {
      name: TARGET_COLUMN,
      label: COLUMN_LABELS.activity ?? TARGET_COLUMN,
      type: "category" as const,
      values: Array.from(y, (v) => CLASSES.find((c) => c.target === v)!.label),
    },
  ]);

  const factors = numericNames.length > 1 ? vif(numericNames.map((f) => numbers.get(f)!)) : [];
  return {
    rows,
    classes,
    numeric: numericNames.map((f) => numericByTarget(f, numbers.get(f)!, y, bins)),
    categorical: categoryNames.map((f) => categoryShares(f, categories.get(f)!, y)),
    periods: periodSummaries((c) => numbers.get(c) ?? numericColumn(frame, c), y),
    association,
    vif: factors.map((v, i) => ({ feature: numericNames[i]!, label: FEATURES[numericNames[i]!]!.label, vif: v })),
  };
}
