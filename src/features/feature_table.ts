/**
 * The model's view of customers: the feature columns of the merged frame as
 * plain typed arrays, split into numbers and categories, plus the label and
 * the duplicate-group key the splits need.
 *
 * @module
 */
import pl from "nodejs-polars";
import { type CustomerId, denseCodes } from "../data/customer_id.ts";
import { FEATURES } from "../data/labels.ts";
import { derivedNames, featureInfo } from "./derived.ts";

/**
 * Features the model sees: every customer feature but profit, which is not a
 * behaviour but the money at stake (segments join it with the risk later).
 */
export const MODEL_FEATURES: readonly string[] = Object.keys(FEATURES).filter((f) => f !== "profit");

/**
 * The features a model trained on `frame` sees: {@linkcode MODEL_FEATURES},
 * then the derived features (see `./derived.ts`) the frame has a column for.
 */
export function modelFeatures(frame: pl.DataFrame): string[] {
  return [...MODEL_FEATURES, ...derivedNames().filter((f) => frame.columns.includes(f))];
}

/** Numeric and categorical feature columns, row-aligned. */
export interface FeatureTable {
  readonly rows: number;
  readonly numeric: Readonly<Record<string, Float64Array>>;
  readonly categorical: Readonly<Record<string, readonly string[]>>;
}

/** What a model is trained on: features, label, groups and ids. */
export interface LabelledTable {
  features: FeatureTable;
  /** 1 = activity dropped. */
  y: Uint8Array;
  /** Rows with equal keys must stay on one side of any split. */
  groups: Int32Array;
  ids: CustomerId[];
}

/**
 * Extracts the model features from the merged frame.
 *
 * @example
 * ```ts
 * import { loadDataset } from "../data/load.ts";
 * import { featureTable } from "./feature_table.ts";
 * const { frame } = await loadDataset("../shared/data/one-click");
 * const t = featureTable(frame);
 * t.numeric.marketing_6m![0];
 * ```
 */
export function featureTable(frame: pl.DataFrame, features: readonly string[] = modelFeatures(frame)): FeatureTable {
  const numeric: Record<string, Float64Array> = {};
  const categorical: Record<string, string[]> = {};
  for (const f of features) {
    const info = featureInfo(f);
    if (!info) throw new Error(`unknown feature "${f}": neither the store's nor one added with addFeatures`);
    const s = frame.getColumn(f);
    if (info.type === "number") numeric[f] = numbers(s);
    else categorical[f] = (s.toArray() as string[]).map(String);
  }
  return { rows: frame.height, numeric, categorical };
}

/**
 * A numeric column as float64: polars' own cast and buffer copy when it has
 * no nulls (a million rows in milliseconds; exact, since every store number
 * is within 2^53), else element by element (`Number(null)` is 0, as before).
 */
function numbers(s: pl.Series): Float64Array {
  if (s.nullCount() === 0 && s.isNumeric()) return Float64Array.from(s.cast(pl.Float64).toTypedArray());
  return Float64Array.from(s.toArray() as number[], Number);
}

/** Features plus the label, duplicate groups and ids of the merged frame. */
export function labelledTable(frame: pl.DataFrame, features?: readonly string[]): LabelledTable {
  return {
    features: featureTable(frame, features),
    y: Uint8Array.from(frame.getColumn("target").toArray() as number[]),
    // Codes by first appearance: on the id-sorted frame, ordered like the groups' smallest ids.
    groups: denseCodes(frame.getColumn("dup_group").toArray() as string[]),
    ids: frame.getColumn("id").toArray() as CustomerId[],
  };
}

/** The rows `idx` of a feature table. */
export function takeTable(t: FeatureTable, idx: ArrayLike<number>): FeatureTable {
  const pickNum = (a: Float64Array) => Float64Array.from({ length: idx.length }, (_, k) => a[idx[k]!]!);
  const pickCat = (a: readonly string[]) => Array.from({ length: idx.length }, (_, k) => a[idx[k]!]!);
  return {
    rows: idx.length,
    numeric: Object.fromEntries(Object.entries(t.numeric).map(([k, v]) => [k, pickNum(v)])),
    categorical: Object.fromEntries(Object.entries(t.categorical).map(([k, v]) => [k, pickCat(v)])),
  };
}
