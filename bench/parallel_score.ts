/**
 * Scoring a large matrix on worker threads: the rows are cut into one
 * contiguous block per worker, each worker rebuilds the model from its exact
 * JSON and returns P(class 1) for its block. Every family scores a row from
 * that row alone, so the result equals one thread's, for any number of
 * workers. Used by `bench:pipeline` to score a million customers in-process;
 * in production the scoring runs in the database (docs/scale.md).
 *
 * @module
 */
import type { FittedClassifier, Matrix } from "../src/models/estimator.ts";

/** Below this many rows a thread costs more than it saves. */
const MIN_ROWS_PER_WORKER = 20_000;

/**
 * `model.predictProba(X)` on up to `workers` threads.
 *
 * @example
 * ```ts
 * import type { FittedPipeline } from "../src/models/pipeline.ts";
 * import type { FeatureTable } from "../src/features/feature_table.ts";
 * import { predictProbaParallel } from "./parallel_score.ts";
 * declare const pipeline: FittedPipeline, rows: FeatureTable;
 * const p = await predictProbaParallel(pipeline.model, pipeline.preprocess.transform(rows), 2);
 * ```
 */
export async function predictProbaParallel(model: FittedClassifier, X: Matrix, workers: number): Promise<Float64Array> {
  const n = Math.max(1, Math.min(workers, Math.floor(X.rows / MIN_ROWS_PER_WORKER)));
  if (n === 1) return model.predictProba(X);
  const json = model.toJSON();
  const out = new Float64Array(X.rows);
  const url = new URL("./score_worker.ts", import.meta.url);
  const pool = Array.from({ length: n }, () => new Worker(url, { type: "module" }));
  try {
    await Promise.all(pool.map((w, k) => {
      const start = Math.floor((k * X.rows) / n), end = Math.floor(((k + 1) * X.rows) / n);
      const block: Matrix = { rows: end - start, cols: X.cols, data: X.data.slice(start * X.cols, end * X.cols) };
      return new Promise<void>((resolve, reject) => {
        w.onmessage = (e: MessageEvent<{ ready?: boolean; p?: Float64Array; error?: string }>) => {
          if (e.data.error) return reject(new Error(`scoring worker: ${e.data.error}`));
          if (e.data.ready) return w.postMessage({ model: json, X: block }, [block.data.buffer as ArrayBuffer]);
          out.set(e.data.p!, start);
          resolve();
        };
        w.onerror = (e) => {
          e.preventDefault();
          reject(new Error(`scoring worker: ${e.message}`));
        };
      });
    }));
  } finally {
    pool.forEach((w) => w.terminate());
  }
  return out;
}
