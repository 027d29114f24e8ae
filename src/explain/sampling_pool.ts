/**
 * Sampling SHAP spread over worker threads: rows are cut into chunks that
 * workers take from a shared queue. Every row's permutations come from its
 * own seeded stream and the workers rebuild the model from its exact JSON, so
 * the result is identical to one thread's, for any number of workers.
 *
 * @module
 */
import type { Matrix } from "../models/estimator.ts";
import type { FittedPipeline, PipelineJSON } from "../models/pipeline.ts";
import type { Background } from "./background.ts";
import type { Explanation } from "./explanation.ts";
import type { Players } from "./players.ts";
import { checkOptions, samplingExplanation, type SamplingOptions, samplingShap } from "./sampling_shap.ts";

/** Rows per task: small enough to balance two workers, large enough that messages cost nothing. */
export const CHUNK_ROWS = 32;

/** What a worker receives once. */
export interface SamplingSetup {
  pipeline: PipelineJSON;
  X: Matrix;
  background: Background;
  fBackground: Float64Array;
  players: Players;
  options: Required<SamplingOptions>;
}

/**
 * {@linkcode samplingShap} of `pipeline.model` on `workers` threads (inline
 * when one worker or one chunk suffices).
 *
 * @example
 * ```ts
 * import type { FeatureTable } from "../features/feature_table.ts";
 * import type { FittedPipeline } from "../models/pipeline.ts";
 * import type { Background } from "./background.ts";
 * import type { Players } from "./players.ts";
 * import { samplingShapParallel } from "./sampling_pool.ts";
 * declare const pipeline: FittedPipeline, rows: FeatureTable, bg: Background, players: Players;
 * const pre = pipeline.preprocess;
 * const e = await samplingShapParallel(pipeline, pre.transform(rows), bg, players, { samples: 64 }, 2);
 * ```
 */
export async function samplingShapParallel(
  pipeline: FittedPipeline,
  X: Matrix,
  background: Background,
  players: Players,
  options: SamplingOptions,
  workers: number,
): Promise<Explanation> {
  const o = checkOptions(options, background);
  const predict = (M: Matrix) => pipeline.model.predictProba(M);
  const chunks = Math.ceil(X.rows / CHUNK_ROWS);
  const n = Math.max(1, Math.min(workers, chunks));
  if (n === 1) return samplingShap(predict, X, background, players, o);

  const fBackground = predict(background.X);
  const setup: SamplingSetup = { pipeline: pipeline.toJSON(), X, background, fBackground, players, options: o };
  const m = players.features.length;
  const phi = new Float64Array(X.rows * m), value = new Float64Array(X.rows);
  const url = new URL("./sampling_worker.ts", import.meta.url);
  const pool = Array.from({ length: n }, () => new Worker(url, { type: "module" }));
  let next = 0;
  try {
    await Promise.all(pool.map((w) =>
      new Promise<void>((resolve, reject) => {
        const send = () => {
          if (next >= chunks) return resolve();
          const start = next++ * CHUNK_ROWS;
          w.postMessage({ start, end: Math.min(X.rows, start + CHUNK_ROWS) });
        };
        type Reply = { ready?: boolean; start?: number; phi?: Float64Array; value?: Float64Array; error?: string };
        w.onmessage = (e: MessageEvent<Reply>) => {
          const r = e.data;
          if (r.error) return reject(new Error(`sampling SHAP worker: ${r.error}`));
          if (r.ready) {
            w.postMessage({ setup });
            return send();
          }
          phi.set(r.phi!, r.start! * m);
          value.set(r.value!, r.start!);
          send();
        };
        w.onerror = (e) => {
          e.preventDefault();
          reject(new Error(`sampling SHAP worker: ${e.message}`));
        };
      })
    ));
  } finally {
    pool.forEach((w) => w.terminate());
  }
  return samplingExplanation(background, fBackground, players, o, phi, value);
}
