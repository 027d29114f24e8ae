/**
 * A sampling-SHAP worker: receives the pipeline (as JSON), the rows and the
 * background once, then computes φ for the row ranges it is sent.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import type { Matrix } from "../models/estimator.ts";
import { pipelineFromJSON } from "../models/pipeline.ts";
import type { SamplingSetup } from "./sampling_pool.ts";
import { type Predict, samplingShapRows } from "./sampling_shap.ts";

let setup: SamplingSetup | undefined;
let predict: Predict | undefined;

self.onmessage = (e: MessageEvent<{ setup?: SamplingSetup; start?: number; end?: number }>) => {
  const { start, end } = e.data;
  try {
    if (e.data.setup) {
      setup = e.data.setup;
      const model = pipelineFromJSON(setup.pipeline).model;
      predict = (X: Matrix) => model.predictProba(X);
    }
    if (start === undefined || end === undefined || !setup || !predict) return;
    const { X, background, fBackground, players, options } = setup;
    const out = samplingShapRows(predict, X, background, fBackground, players, options, start, end);
    self.postMessage({ start, ...out });
  } catch (err) {
    self.postMessage({ start, error: (err as Error).message });
  }
};

// Modules with top-level await (the SVC's wasm) finish loading after the
// worker starts; messages sent before this handler exists would be lost.
self.postMessage({ ready: true });
