/**
 * Features a notebook user adds without editing `src/`: a column computed from
 * the merged frame (a polars expression or a function), with its Russian label.
 * {@linkcode addFeatures} adds the columns and records the definitions, so the
 * model's feature table, the explanations' labels and the segment profiles
 * include them. A frame without the column is untouched by the record: the
 * frame says which features a run has, the record only what they mean.
 *
 * @module
 */
import pl from "nodejs-polars";
import { type FeatureGroup, type FeatureInfo, FEATURES } from "../data/labels.ts";

/** A feature computed from the merged frame. */
export interface DerivedFeature {
  /** Column name: new, snake_case, e.g. `revenue_trend`. */
  name: string;
  /** Russian display name, e.g. «Динамика выручки». */
  label: string;
  /** The store's group it belongs to, if any. */
  group?: FeatureGroup;
  type: "number" | "category";
  /** The column: an expression over the frame's columns, or a function of the frame. */
  expr: pl.Expr | ((frame: pl.DataFrame) => pl.Series);
}

/** What a feature means: the store's own, or a derived one (which may have no group). */
export type FeatureMeaning = Omit<FeatureInfo, "group"> & { group?: FeatureGroup; derived: boolean };

/** Columns of the merged frame that are not features and cannot be replaced. */
const RESERVED = new Set(["id", "activity", "target", "dup_group"]);
const NAME = /^[a-z][a-z0-9_]*$/;
const CYRILLIC = /[А-Яа-яЁё]/;

// The definitions added in this process, in the order first added; a notebook re-running its cell replaces one.
const derived = new Map<string, FeatureMeaning>();

/** The meaning of feature `name`, or undefined for an unknown one. */
export function featureInfo(name: string): FeatureMeaning | undefined {
  const own = FEATURES[name];
  return own ? { ...own, derived: false } : derived.get(name);
}

/** The Russian label of feature `name` (the name itself when unknown). */
export function featureLabel(name: string): string {
  return featureInfo(name)?.label ?? name;
}

/** Every known feature: the store's in table order, then the derived ones in the order added. */
export function featureNames(): string[] {
  return [...Object.keys(FEATURES), ...derived.keys()];
}

/** Names of the derived features known in this process. */
export function derivedNames(): string[] {
  return [...derived.keys()];
}

/** True when `name` is none of the store's own features (so a model file alone cannot rebuild it). */
export function isDerived(name: string): boolean {
  return !(name in FEATURES);
}

/**
 * Adds the derived features' columns to `frame` and records their meaning.
 * Throws one message naming the feature and what was expected when a
 * definition is unusable (a taken name, no Russian label, a column of the
 * wrong length, type or with missing values).
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { addFeatures } from "./derived.ts";
 * declare const frame: pl.DataFrame;
 * const wider = addFeatures(frame, [{
 *   name: "revenue_trend",
 *   label: "Динамика выручки",
 *   group: "purchase",
 *   type: "number",
 *   expr: pl.col("revenue_current").div(pl.col("revenue_prev_prev")).minus(1),
 * }]);
 * wider.getColumn("revenue_trend");
 * ```
 */
export function addFeatures(frame: pl.DataFrame, features: readonly DerivedFeature[]): pl.DataFrame {
  let out = frame;
  const seen = new Set<string>();
  for (const f of features) {
    const say = (expected: string) => new Error(`Derived feature "${f.name}": expected ${expected}`);
    if (!NAME.test(f.name)) throw say("a name of lowercase letters, digits and _ starting with a letter");
    if (f.name in FEATURES || RESERVED.has(f.name)) throw say("a new name; this one is a column of the data");
    if (seen.has(f.name)) throw say("one definition, not two in the same list");
    if (!CYRILLIC.test(f.label)) throw say(`a Russian label, got "${f.label}"`);
    seen.add(f.name);
    // Computed on the frame without earlier derived columns of a previous call; later ones may use earlier ones.
    const raw = typeof f.expr === "function" ? f.expr(out) : out.select(f.expr.alias(f.name)).getColumn(f.name);
    if (raw.length !== out.height) throw say(`${out.height} values (one per customer), got ${raw.length}`);
    const column = castColumn(raw, f, say).rename(f.name);
    out = out.columns.includes(f.name) ? out.drop(f.name).withColumn(column) : out.withColumn(column);
  }
  for (const f of features) {
    derived.set(f.name, {
      label: f.label,
      type: f.type,
      ...(f.group === undefined ? {} : { group: f.group }),
      derived: true,
    });
  }
  return out;
}

function castColumn(raw: pl.Series, f: DerivedFeature, say: (expected: string) => Error): pl.Series {
  if (f.type === "category") {
    const s = raw.cast(pl.Utf8);
    if (s.nullCount() > 0) throw say(`a category for every customer; ${s.nullCount()} are missing`);
    return s;
  }
  if (!raw.dtype.equals(pl.Float64) && !isNumeric(raw)) throw say(`numbers, got a column of ${raw.dtype}`);
  const values = raw.cast(pl.Float64).toArray() as (number | null)[];
  const bad = values.filter((v) => v === null || !Number.isFinite(v)).length;
  if (bad > 0) throw say(`a finite number for every customer; ${bad} are missing, NaN or infinite`);
  return pl.Series(f.name, values as number[], pl.Float64);
}

function isNumeric(s: pl.Series): boolean {
  return s.isNumeric() || s.dtype.equals(pl.Bool);
}
