/**
 * Preprocessing as plain data: a list of steps, each a transformer over named
 * columns (one-hot, ordinal, standard or min-max scaling, passthrough). `fit`
 * learns each step's state from training rows only; the fitted transformer
 * turns any feature table into the model's matrix, in step order.
 *
 * @module
 */
import type { FeatureTable } from "../features/feature_table.ts";
import type { Matrix } from "./estimator.ts";

/** A transformer's parameters. */
export type TransformerSpec =
  | { kind: "onehot"; dropFirst: boolean }
  | { kind: "ordinal"; categories: readonly (readonly string[])[] }
  | { kind: "standard" }
  | { kind: "minmax" }
  | { kind: "passthrough" };

/** Numeric scalers a search may choose between. */
export type ScalerKind = "standard" | "minmax" | "passthrough";

/** One step: a transformer and the columns it takes. */
export interface ColumnStep {
  transformer: TransformerSpec;
  columns: readonly string[];
}

/** Fitted state of one step (plain data, for model.json). */
export type FittedStep =
  | { kind: "onehot"; columns: string[]; categories: string[][]; dropFirst: boolean }
  | { kind: "ordinal"; columns: string[]; categories: string[][] }
  | { kind: "standard" | "minmax"; columns: string[]; offset: number[]; scale: number[] }
  | { kind: "passthrough"; columns: string[] };

/** A fitted column transformer. */
export interface FittedColumnTransformer {
  readonly steps: readonly FittedStep[];
  /** Names of the output columns, e.g. `popular_category=Кухонная посуда`. */
  readonly outputNames: readonly string[];
  transform(t: FeatureTable): Matrix;
}

/**
 * Fits every step on the training table.
 *
 * @example
 * ```ts
 * const train = { rows: 3, numeric: { marketing_6m: Float64Array.of(3, 4, 5) }, categorical: {} };
 * const pre = fitColumnTransformer([{ transformer: { kind: "standard" }, columns: ["marketing_6m"] }], train);
 * pre.transform(train).data[2]; // 1.224…: (5 − 4) / 0.816…
 * ```
 */
export function fitColumnTransformer(steps: readonly ColumnStep[], t: FeatureTable): FittedColumnTransformer {
  return fittedColumnTransformer(steps.map((s) => fitStep(s, t)));
}

/** Rebuilds a fitted transformer from its steps (as stored in model.json). */
export function fittedColumnTransformer(steps: readonly FittedStep[]): FittedColumnTransformer {
  const outputNames = steps.flatMap(stepNames);
  return {
    steps,
    outputNames,
    transform: (t) => transform(steps, outputNames.length, t),
  };
}

function fitStep(step: ColumnStep, t: FeatureTable): FittedStep {
  const columns = [...step.columns];
  const spec = step.transformer;
  switch (spec.kind) {
    case "onehot": {
      // Sorted categories, as scikit-learn's OneHotEncoder learns them.
      const categories = columns.map((c) => [...new Set(categoricalColumn(t, c))].sort());
      return { kind: "onehot", columns, categories, dropFirst: spec.dropFirst };
    }
    case "ordinal":
      if (spec.categories.length !== columns.length) throw new Error("ordinal: one category list per column");
      return { kind: "ordinal", columns, categories: spec.categories.map((c) => [...c]) };
    case "standard":
    case "minmax": {
      const offset: number[] = [], scale: number[] = [];
      for (const c of columns) {
        const x = numericColumn(t, c);
        const [o, s] = spec.kind === "standard" ? meanStd(x) : minRange(x);
        offset.push(o);
        scale.push(s === 0 ? 1 : s); // a constant column stays constant, as in scikit-learn
      }
      return { kind: spec.kind, columns, offset, scale };
    }
    case "passthrough":
      return { kind: "passthrough", columns };
  }
}

function stepNames(s: FittedStep): string[] {
  if (s.kind !== "onehot") return s.columns;
  return s.columns.flatMap((c, i) => s.categories[i]!.slice(s.dropFirst ? 1 : 0).map((v) => `${c}=${v}`));
}

function transform(steps: readonly FittedStep[], cols: number, t: FeatureTable): Matrix {
  const data = new Float64Array(t.rows * cols);
  let at = 0;
  for (const s of steps) {
    if (s.kind === "onehot") {
      s.columns.forEach((c, i) => {
        const values = categoricalColumn(t, c);
        const kept = s.categories[i]!.slice(s.dropFirst ? 1 : 0);
        const index = new Map(kept.map((v, j) => [v, j]));
        // Unknown and dropped categories encode as all zeros.
        for (let r = 0; r < t.rows; r++) {
          const j = index.get(values[r]!);
          if (j !== undefined) data[r * cols + at + j] = 1;
        }
        at += kept.length;
      });
    } else if (s.kind === "ordinal") {
      s.columns.forEach((c, i) => {
        const values = categoricalColumn(t, c);
        const index = new Map(s.categories[i]!.map((v, j) => [v, j]));
        for (let r = 0; r < t.rows; r++) {
          const j = index.get(values[r]!);
          if (j === undefined) {
            throw new Error(`ordinal: unknown value "${values[r]}" in "${c}" (known: ${s.categories[i]!.join(", ")})`);
          }
          data[r * cols + at] = j;
        }
        at++;
      });
    } else {
      s.columns.forEach((c, i) => {
        const x = numericColumn(t, c);
        const o = s.kind === "passthrough" ? 0 : s.offset[i]!, k = s.kind === "passthrough" ? 1 : s.scale[i]!;
        for (let r = 0; r < t.rows; r++) data[r * cols + at] = (x[r]! - o) / k;
        at++;
      });
    }
  }
  return { rows: t.rows, cols, data };
}

function numericColumn(t: FeatureTable, c: string): Float64Array {
  const x = t.numeric[c];
  if (!x) throw new Error(`no numeric column "${c}"`);
  return x;
}

function categoricalColumn(t: FeatureTable, c: string): readonly string[] {
  const x = t.categorical[c];
  if (!x) throw new Error(`no categorical column "${c}"`);
  return x;
}

/** Mean and population standard deviation (scikit-learn's StandardScaler). */
function meanStd(x: Float64Array): [number, number] {
  let m = 0;
  for (const v of x) m += v;
  m /= x.length;
  let ss = 0;
  for (const v of x) ss += (v - m) ** 2;
  return [m, Math.sqrt(ss / x.length)];
}

function minRange(x: Float64Array): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const v of x) lo = Math.min(lo, v), hi = Math.max(hi, v);
  return [lo, hi - lo];
}
