/**
 * k nearest neighbours with scikit-learn's probabilities (brute force, ties in
 * distance broken by training-row order). The search reuses the two halves:
 * {@linkcode nearestNeighbours} once per fold and scaler, then
 * {@linkcode knnScores} for every k and weighting.
 *
 * @module
 */
import type { Classifier, FittedClassifier, Labels, Matrix, ModelJSON } from "./estimator.ts";

/** Parameters of {@linkcode KNeighbors} (scikit-learn's `n_neighbors`, `weights`, `metric`). */
export type KnnParams = {
  k: number;
  weights: "uniform" | "distance";
  metric: "euclidean" | "manhattan";
};

/** scikit-learn's defaults. */
export const KNN_DEFAULTS: Readonly<KnnParams> = { k: 5, weights: "uniform", metric: "euclidean" };

/**
 * For each query row, its `kMax` nearest training rows: row q's neighbours are
 * `index[q * kMax + j]` at distance `dist[q * kMax + j]`, j = 0 … kMax - 1,
 * sorted by distance, then by training-row index.
 */
export interface Neighbours {
  readonly index: Int32Array;
  readonly dist: Float64Array;
  readonly kMax: number;
}

/** A k-nearest-neighbours classifier; `fit` only stores the training data. */
export class KNeighbors implements Classifier {
  readonly family = "knn";
  readonly params: KnnParams;

  /**
   * @example
   * ```ts
   * import { matrix } from "./estimator.ts";
   * const model = new KNeighbors({ k: 3, weights: "distance" }).fit(matrix([[0], [1], [2], [9]]), new Uint8Array([0, 0, 1, 1]));
   * // Neighbours of 1.5: rows 1 and 2 (tied at 0.5, kept in row order), then row 0 at 1.5.
   * model.predictProba(matrix([[1.5]])); // Float64Array [0.428…] = 2 / (2 + 2 + 1 / 1.5)
   * ```
   */
  constructor(params: Partial<KnnParams> = {}) {
    this.params = { ...KNN_DEFAULTS, ...params };
    const { k, weights, metric } = this.params;
    if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer, got ${JSON.stringify(k)}`);
    if (weights !== "uniform" && weights !== "distance") throw new Error(`Unknown weights ${JSON.stringify(weights)}`);
    if (metric !== "euclidean" && metric !== "manhattan") throw new Error(`Unknown metric ${JSON.stringify(metric)}`);
  }

  fit(X: Matrix, y: Labels): FittedKNeighbors {
    checkTrainingData(X, y);
    if (this.params.k > X.rows) throw new Error(`k = ${this.params.k} exceeds the ${X.rows} training rows`);
    // Copies, so the caller may reuse its buffers.
    return new FittedKNeighbors(this.params, { rows: X.rows, cols: X.cols, data: X.data.slice() }, y.slice());
  }
}

/** A fitted {@linkcode KNeighbors}: the training data and labels. */
export class FittedKNeighbors implements FittedClassifier {
  readonly family = "knn";

  constructor(readonly params: KnnParams, readonly X: Matrix, readonly y: Labels) {}

  /** The class-1 share among the k nearest training rows (as predictProba). */
  decisionFunction(X: Matrix): Float64Array {
    return this.predictProba(X);
  }

  predictProba(X: Matrix): Float64Array {
    const { k, weights, metric } = this.params;
    return knnScores(nearestNeighbours(this.X, X, metric, k), this.y, k, weights);
  }

  toJSON(): ModelJSON {
    const { rows, cols, data } = this.X;
    return {
      family: "knn",
      params: { ...this.params },
      state: { rows, cols, data: Array.from(data), y: Array.from(this.y) },
    };
  }
}

/**
 * Rebuilds a fitted model from {@linkcode FittedKNeighbors.toJSON}.
 *
 * @example
 * ```ts
 * import { matrix } from "./estimator.ts";
 * const model = new KNeighbors({ k: 1 }).fit(matrix([[0], [1]]), new Uint8Array([0, 1]));
 * knnFromJSON(JSON.parse(JSON.stringify(model.toJSON()))).predictProba(matrix([[0.9]])); // Float64Array [1]
 * ```
 */
export function knnFromJSON(json: ModelJSON): FittedKNeighbors {
  if (json.family !== "knn") throw new Error(`Expected a "knn" model, got ${JSON.stringify(json.family)}`);
  const params = new KNeighbors(json.params as Partial<KnnParams>).params;
  const s = json.state as { rows: number; cols: number; data: number[]; y: number[] };
  if (s.data?.length !== s.rows * s.cols || s.y?.length !== s.rows || params.k > s.rows) {
    throw new Error("Malformed knn state: expected rows × cols values, rows labels and k ≤ rows");
  }
  return new FittedKNeighbors(
    params,
    { rows: s.rows, cols: s.cols, data: Float64Array.from(s.data) },
    Uint8Array.from(s.y),
  );
}

/**
 * The `kMax` nearest training rows of every query row, sorted by distance and
 * then by training-row index. A bounded insertion into a sorted buffer keeps
 * the work near one pass over the training rows per query (no full sort).
 *
 * @param train training rows
 * @param query rows to find neighbours for
 * @param metric `"euclidean"` or `"manhattan"`
 * @param kMax neighbours kept per query row, at most `train.rows`
 * @returns neighbour indices and distances, `kMax` per query row
 *
 * @example
 * ```ts
 * import { matrix } from "./estimator.ts";
 * const nb = nearestNeighbours(matrix([[0], [3], [1]]), matrix([[0.9]]), "euclidean", 2);
 * nb.index; // Int32Array [2, 0]
 * ```
 */
export function nearestNeighbours(
  train: Matrix,
  query: Matrix,
  metric: KnnParams["metric"],
  kMax: number,
): Neighbours {
  if (train.cols !== query.cols) throw new Error(`Query has ${query.cols} columns, training data ${train.cols}`);
  if (!Number.isInteger(kMax) || kMax < 1 || kMax > train.rows) {
    throw new Error(`kMax must be an integer in 1…${train.rows}, got ${JSON.stringify(kMax)}`);
  }
  checkFinite(train, "training");
  checkFinite(query, "query");
  const { rows: n, cols: f, data: T } = train;
  const Q = query.data;
  const euclid = metric === "euclidean";
  const index = new Int32Array(query.rows * kMax);
  const dist = new Float64Array(query.rows * kMax);
  const all = new Float64Array(n);
  const bd = new Float64Array(kMax);
  const bi = new Int32Array(kMax);
  for (let q = 0; q < query.rows; q++) {
    // All distances first, in a branch-free loop per metric (squared for euclidean: same order, no sqrt).
    const qo = q * f;
    if (euclid) {
      for (let t = 0, to = 0; t < n; t++, to += f) {
        let s = 0;
        for (let c = 0; c < f; c++) {
          const d = T[to + c]! - Q[qo + c]!;
          s += d * d;
        }
        all[t] = s;
      }
    } else {
      for (let t = 0, to = 0; t < n; t++, to += f) {
        let s = 0;
        for (let c = 0; c < f; c++) s += Math.abs(T[to + c]! - Q[qo + c]!);
        all[t] = s;
      }
    }
    // Bounded insertion into a sorted buffer; strict comparisons keep the earlier row on ties.
    let count = 0;
    let worst = Infinity;
    for (let t = 0; t < n; t++) {
      const s = all[t]!;
      if (!(s < worst)) continue;
      let p = count < kMax ? count++ : kMax - 1;
      while (p > 0 && bd[p - 1]! > s) {
        bd[p] = bd[p - 1]!;
        bi[p] = bi[p - 1]!;
        p--;
      }
      bd[p] = s;
      bi[p] = t;
      if (count === kMax) worst = bd[kMax - 1]!;
    }
    for (let j = 0; j < kMax; j++) {
      index[q * kMax + j] = bi[j]!;
      dist[q * kMax + j] = euclid ? Math.sqrt(bd[j]!) : bd[j]!;
    }
  }
  return { index, dist, kMax };
}

/**
 * P(class 1) per query row from its first `k` neighbours, as scikit-learn's
 * `predict_proba`: the class-1 share, each neighbour weighted 1 or 1/distance;
 * when some neighbours are at distance 0, only those count.
 *
 * @param nb neighbours from {@linkcode nearestNeighbours}, with `kMax >= k`
 * @param yTrain labels of the training rows
 * @param k neighbours used
 * @param weights `"uniform"` or `"distance"`
 * @returns one probability per query row
 *
 * @example
 * ```ts
 * import { matrix } from "./estimator.ts";
 * const nb = nearestNeighbours(matrix([[0], [1], [2], [9]]), matrix([[1.5]]), "euclidean", 4);
 * knnScores(nb, new Uint8Array([0, 0, 1, 1]), 3, "uniform"); // Float64Array [0.3333…]
 * ```
 */
export function knnScores(nb: Neighbours, yTrain: Labels, k: number, weights: KnnParams["weights"]): Float64Array {
  const { index, dist, kMax } = nb;
  if (!Number.isInteger(k) || k < 1 || k > kMax) throw new Error(`k must be an integer in 1…${kMax}, got ${k}`);
  const out = new Float64Array(index.length / kMax);
  for (let q = 0; q < out.length; q++) {
    const o = q * kMax;
    // Sorted by distance, so a zero distance, if any, is first.
    const exact = weights === "distance" && dist[o] === 0;
    let s0 = 0;
    let s1 = 0;
    for (let j = o; j < o + k; j++) {
      const w = weights === "uniform" ? 1 : exact ? (dist[j] === 0 ? 1 : 0) : 1 / dist[j]!;
      if (yTrain[index[j]!] === 1) s1 += w;
      else s0 += w;
    }
    // Summed per class in neighbour order, then normalised, as scikit-learn does.
    out[q] = s1 / (s0 + s1);
  }
  return out;
}

function checkTrainingData(X: Matrix, y: Labels): void {
  if (X.rows !== y.length) throw new Error(`X has ${X.rows} rows but y has ${y.length} labels`);
  if (X.rows === 0) throw new Error("No training rows");
  checkFinite(X, "training");
  const label = y.findIndex((v) => v > 1);
  if (label >= 0) throw new Error(`Labels must be 0 or 1, got ${y[label]} at row ${label}`);
}

function checkFinite(X: Matrix, what: string): void {
  for (let i = 0; i < X.data.length; i++) {
    if (!Number.isFinite(X.data[i])) {
      throw new Error(`Non-finite ${what} value ${X.data[i]} at row ${Math.floor(i / X.cols)}`);
    }
  }
}
