/**
 * The background of an explanation: the rows whose average stands for "no
 * feature known". Exact methods use all training rows; the sampling method
 * summarises them by k-means, as `shap.kmeans` does: centroids in the
 * transformed space, weighted by cluster size, each feature then snapped to
 * the nearest value a real customer has (so a one-hot group stays a valid
 * category and the model is never asked about impossible customers).
 *
 * @module
 */
import { kmeans } from "ml-kmeans";
import type { Matrix } from "../models/estimator.ts";
import { seedKey } from "../util/random.ts";
import type { Players } from "./players.ts";

/** Default number of k-means centroids. */
export const DEFAULT_BACKGROUND_SIZE = 16;

/** Background rows (transformed) with weights summing to 1. */
export interface Background {
  readonly X: Matrix;
  readonly weights: Float64Array;
}

/**
 * Every row, equally weighted.
 *
 * @example
 * ```ts
 * import type { Matrix } from "../models/estimator.ts";
 * import { uniformBackground } from "./background.ts";
 * declare const Xtrain: Matrix;
 * uniformBackground(Xtrain).weights[0]; // 1 / Xtrain.rows
 * ```
 */
export function uniformBackground(X: Matrix): Background {
  if (X.rows === 0) throw new Error("The background has no rows");
  return { X, weights: new Float64Array(X.rows).fill(1 / X.rows) };
}

/**
 * `k` k-means centroids of `X` (k-means++ seeded by `seed`), weighted by
 * cluster size, each player's columns snapped to the nearest sub-row of `X`.
 * With `k >= X.rows` the rows themselves are returned.
 *
 * @example
 * ```ts
 * import type { Matrix } from "../models/estimator.ts";
 * import type { FittedPipeline } from "../models/pipeline.ts";
 * import { kmeansBackground } from "./background.ts";
 * import { pipelinePlayers } from "./players.ts";
 * declare const Xtrain: Matrix, pipeline: FittedPipeline;
 * const bg = kmeansBackground(Xtrain, pipelinePlayers(pipeline.preprocess), 16, 42);
 * bg.X.rows; // at most 16 (empty clusters are dropped)
 * ```
 */
export function kmeansBackground(X: Matrix, players: Players, k: number, seed: number): Background {
  if (!Number.isInteger(k) || k < 1) throw new Error(`Background size must be a positive integer, got ${k}`);
  if (k >= X.rows) return uniformBackground(X);
  const rows = Array.from({ length: X.rows }, (_, i) => Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)));
  const result = kmeans(rows, k, { seed: seedKey(seed), initialization: "kmeans++" });
  const sizes = new Float64Array(k);
  for (const c of result.clusters) sizes[c]!++;
  const kept = result.centroids.flatMap((c, j) => sizes[j]! > 0 ? [{ c, size: sizes[j]! }] : []);
  const data = new Float64Array(kept.length * X.cols);
  kept.forEach(({ c }, j) => data.set(snap(c, X, players), j * X.cols));
  return {
    X: { rows: kept.length, cols: X.cols, data },
    weights: Float64Array.from(kept, ({ size }) => size / X.rows),
  };
}

/** The centroid with each player's columns replaced by the nearest such sub-row of `X` (first on ties). */
function snap(centroid: readonly number[], X: Matrix, players: Players): Float64Array {
  const out = Float64Array.from(centroid);
  for (const cols of players.columns) {
    let best = Infinity, bestRow = 0;
    for (let r = 0; r < X.rows; r++) {
      let d = 0;
      for (const c of cols) d += (X.data[r * X.cols + c]! - centroid[c]!) ** 2;
      if (d < best) best = d, bestRow = r;
    }
    for (const c of cols) out[c] = X.data[bestRow * X.cols + c]!;
  }
  return out;
}
