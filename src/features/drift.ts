/**
 * Drift between the data being scored and the data a model was trained on:
 * categories the model never saw, and numbers far outside the training range.
 * The model still scores such customers (an unseen one-hot category encodes
 * like the reference level; a number far out makes the model extrapolate),
 * so scoring warns instead of failing.
 *
 * "Far outside" is beyond [min − m·w, max + m·w], where min and max are the
 * training range stored in model.json, w = max − min its width and m the
 * margin (default 1): a value more than one training range beyond the edge.
 * The rule scales with each feature, needs no distribution assumption, and
 * stays quiet for the ordinary spread of new data just past the old extremes.
 * A feature that was constant in training (w = 0) flags any other value: the
 * model never learnt anything about it varying.
 *
 * @module
 */
import type pl from "nodejs-polars";
import type { FeatureSchema } from "./feature_schema.ts";
import { type FeatureTable, featureTable } from "./feature_table.ts";

/** Defaults: the margin in training-range widths; values and columns a warning lists. */
export const DRIFT_DEFAULTS = { margin: 1, listValues: 5, valueChars: 40 } as const;

/** Categories of one column the model never saw, most frequent first. */
export interface UnseenCategories {
  column: string;
  /** Rows with an unseen category. */
  count: number;
  values: { value: string; count: number }[];
}

/** Values of one side beyond the far-outside bound. */
export interface Beyond {
  count: number;
  /** The most extreme of them (the lowest below, the highest above). */
  extreme: number;
}

/** A numeric column against its training range. */
export interface NumericDrift {
  column: string;
  /** Training range, from model.json. */
  min: number;
  max: number;
  /** Values below `low` or above `high` are far outside. */
  low: number;
  high: number;
  below: Beyond | null;
  above: Beyond | null;
}

/** Drift per model column; every column is listed, with zero counts when in range. */
export interface DriftReport {
  rows: number;
  /** Rows with at least one unseen category or far-outside number. */
  affectedRows: number;
  categorical: UnseenCategories[];
  numeric: NumericDrift[];
}

/**
 * Drift of a frame (the merged customer frame, as scoring loads it) against
 * the model's training schema.
 *
 * @param model anything with model.json's `features` (the artifact itself)
 * @param frame the customers being scored; needs the model's feature columns
 * @example
 * ```ts
 * import { readModel } from "../artifacts/model.ts";
 * import { loadDataset } from "../data/load.ts";
 * import { driftReport, formatDrift } from "./drift.ts";
 * const model = await readModel("out/artifacts/model.json");
 * const report = driftReport(model, (await loadDataset("../shared/data/one-click")).frame);
 * const warning = formatDrift(report); // "" when nothing drifted
 * if (warning) console.error(warning);
 * ```
 */
export function driftReport(
  model: { features: FeatureSchema },
  frame: pl.DataFrame,
  options: { margin?: number } = {},
): DriftReport {
  const columns = [...model.features.numeric, ...Object.keys(model.features.categorical)];
  return tableDrift(model.features, featureTable(frame, columns), options);
}

/**
 * Drift of a feature table against a training schema (the pure core of
 * {@linkcode driftReport}).
 *
 * @example
 * ```ts
 * const schema = { numeric: ["x"], categorical: { c: ["a"] }, ranges: { x: { min: 0, max: 10 } } };
 * const r = tableDrift(schema, { rows: 2, numeric: { x: Float64Array.of(5, 25) }, categorical: { c: ["a", "b"] } });
 * r.numeric[0]!.above; // { count: 1, extreme: 25 }
 * r.categorical[0]!.values; // [{ value: "b", count: 1 }]
 * ```
 */
export function tableDrift(
  schema: FeatureSchema,
  t: FeatureTable,
  options: { margin?: number } = {},
): DriftReport {
  const margin = options.margin ?? DRIFT_DEFAULTS.margin;
  const affected = new Uint8Array(t.rows);
  const categorical = Object.entries(schema.categorical).map(([column, known]): UnseenCategories => {
    const seen = new Set(known);
    const counts = new Map<string, number>();
    const x = column_(t.categorical, column);
    for (let r = 0; r < x.length; r++) {
      const v = x[r]!;
      if (seen.has(v)) continue;
      counts.set(v, (counts.get(v) ?? 0) + 1);
      affected[r] = 1;
    }
    const values = [...counts].map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
    return { column, count: values.reduce((s, v) => s + v.count, 0), values };
  });
  const numeric = schema.numeric.map((column): NumericDrift => {
    const range = schema.ranges[column];
    if (!range) throw new Error(`drift: no training range for "${column}"`);
    const { min, max } = range;
    const w = (max - min) * margin;
    const low = min - w, high = max + w;
    const x = column_(t.numeric, column);
    let nBelow = 0, nAbove = 0, lowest = Infinity, highest = -Infinity;
    for (let r = 0; r < x.length; r++) {
      const v = x[r]!;
      if (v < low) nBelow++, lowest = Math.min(lowest, v), affected[r] = 1;
      else if (v > high) nAbove++, highest = Math.max(highest, v), affected[r] = 1;
    }
    const below = nBelow ? { count: nBelow, extreme: lowest } : null;
    const above = nAbove ? { count: nAbove, extreme: highest } : null;
    return { column, min, max, low, high, below, above };
  });
  return { rows: t.rows, affectedRows: affected.reduce((s, a) => s + a, 0), categorical, numeric };
}

/**
 * A short warning block for stderr, or "" when nothing drifted.
 *
 * @example
 * ```ts
 * import { type DriftReport, formatDrift } from "./drift.ts";
 * declare const report: DriftReport;
 * formatDrift(report);
 * // Warning: 3 of 120 customers have values unlike the model's training data (scored anyway; their probabilities are less reliable):
 * //   popular_category: 2 with a category not seen in training: "Игрушки" ×2
 * //   revenue_current: 1 above 12840.6 (training range 2758.6…7799.4), up to 106862.2
 * ```
 */
export function formatDrift(report: DriftReport, options: { listValues?: number } = {}): string {
  if (report.affectedRows === 0) return "";
  const list = options.listValues ?? DRIFT_DEFAULTS.listValues;
  const lines = [
    `Warning: ${report.affectedRows} of ${report.rows} customers have values unlike the model's training data ` +
    `(scored anyway; their probabilities are less reliable):`,
  ];
  for (const c of report.categorical) {
    if (c.count === 0) continue;
    const shown = c.values.slice(0, list).map((v) => `${JSON.stringify(clip(v.value))} ×${v.count}`);
    if (c.values.length > list) shown.push(`and ${c.values.length - list} more`);
    lines.push(`  ${c.column}: ${c.count} with a category not seen in training: ${shown.join(", ")}`);
  }
  for (const n of report.numeric) {
    const range = `training range ${num(n.min)}…${num(n.max)}`;
    if (n.below) {
      lines.push(`  ${n.column}: ${n.below.count} below ${num(n.low)} (${range}), down to ${num(n.below.extreme)}`);
    }
    if (n.above) {
      lines.push(`  ${n.column}: ${n.above.count} above ${num(n.high)} (${range}), up to ${num(n.above.extreme)}`);
    }
  }
  return lines.join("\n");
}

function column_<T>(columns: Readonly<Record<string, T>>, name: string): T {
  const c = columns[name];
  if (c === undefined) throw new Error(`drift: the table has no column "${name}"`);
  return c;
}

/** A number short enough for a warning line (6 significant digits). */
const num = (x: number) => String(Number(x.toPrecision(6)));

function clip(s: string): string {
  return s.length <= DRIFT_DEFAULTS.valueChars ? s : s.slice(0, DRIFT_DEFAULTS.valueChars - 1) + "…";
}
