/**
 * The estimator contract, in scikit-learn's spirit: constructors store plain
 * parameters; `fit` does the work and returns a fitted object that predicts
 * and serialises but never refits itself.
 *
 * @module
 */

/** A dense row-major matrix of features: row r, column c is `data[r * cols + c]`. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** Binary labels: 1 = activity dropped («Снизилась»), 0 = the same. */
export type Labels = Uint8Array;

/** Model families of the search. */
export type Family = "knn" | "tree" | "logistic" | "svc";

/** Every fitted model's family: the searched ones and the soft-voting ensemble of their best (`ensemble.ts`). */
export type ModelFamily = Family | "ensemble";

/** A serialised fitted model: enough to rebuild it exactly. */
export interface ModelJSON {
  family: ModelFamily;
  params: Record<string, unknown>;
  state: unknown;
}

/** A classifier with its parameters; `fit` returns a fitted model. */
export interface Classifier {
  readonly family: Family;
  /** Plain, JSON-safe parameters (a search clones and varies them). */
  readonly params: Record<string, unknown>;
  fit(X: Matrix, y: Labels, options?: FitOptions): FittedClassifier;
}

/** Options of a fit that are not model parameters. */
export interface FitOptions {
  /**
   * Whether calibrated probabilities are needed (the final model). A search
   * ranks by `decisionFunction` only, so families whose probabilities cost
   * extra work (SVC's Platt scaling) skip it when this is false.
   */
  probability?: boolean;
  /**
   * The run's seed, for a fit's own random draws (SVC's Platt shuffle); a seed
   * among the model's parameters takes precedence. Families that draw nothing
   * ignore it.
   */
  seed?: number;
}

/** A fitted classifier. */
export interface FittedClassifier {
  readonly family: ModelFamily;
  readonly params: Record<string, unknown>;
  /** A ranking score per row: larger means more likely class 1 (for ROC-AUC). */
  decisionFunction(X: Matrix): Float64Array;
  /** P(class 1) per row. Throws for models fitted without probabilities. */
  predictProba(X: Matrix): Float64Array;
  toJSON(): ModelJSON;
}

/**
 * Builds a matrix from rows of numbers.
 *
 * @example
 * ```ts
 * const X = matrix([[1, 2], [3, 4]]);
 * X.data[3]; // 4
 * ```
 */
export function matrix(rows: readonly (readonly number[])[]): Matrix {
  const cols = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((r, i) => {
    if (r.length !== cols) throw new Error(`row ${i} has ${r.length} values, expected ${cols}`);
    data.set(r, i * cols);
  });
  return { rows: rows.length, cols, data };
}

/** Row i of a matrix, as a view (no copy). */
export function row(X: Matrix, i: number): Float64Array {
  return X.data.subarray(i * X.cols, (i + 1) * X.cols);
}

/** Rows of a matrix as arrays (for libraries that want number[][]). */
export function toRows(X: Matrix): number[][] {
  return Array.from({ length: X.rows }, (_, i) => Array.from(row(X, i)));
}

/** The rows `idx` of a matrix, copied. */
export function takeRows(X: Matrix, idx: ArrayLike<number>): Matrix {
  const data = new Float64Array(idx.length * X.cols);
  for (let k = 0; k < idx.length; k++) data.set(row(X, idx[k]!), k * X.cols);
  return { rows: idx.length, cols: X.cols, data };
}

/** The labels at `idx`. */
export function takeLabels(y: Labels, idx: ArrayLike<number>): Labels {
  const out = new Uint8Array(idx.length);
  for (let k = 0; k < idx.length; k++) out[k] = y[idx[k]!]!;
  return out;
}

/** Logistic function, safe for large |z|. */
export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}
