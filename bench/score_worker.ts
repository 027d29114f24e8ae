/**
 * A scoring worker of `parallel_score.ts`: rebuilds the model from its JSON
 * and returns P(class 1) for the block of rows it is sent.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import type { Matrix, ModelJSON } from "../src/models/estimator.ts";
import { modelFromJSON } from "../src/models/registry.ts";

self.onmessage = (e: MessageEvent<{ model: ModelJSON; X: Matrix }>) => {
  try {
    const p = modelFromJSON(e.data.model).predictProba(e.data.X);
    self.postMessage({ p }, [p.buffer as ArrayBuffer]);
  } catch (err) {
    self.postMessage({ error: (err as Error).message });
  }
};

// Modules with top-level await (the SVC's wasm) finish loading after the
// worker starts; a message sent before this handler exists would be lost.
self.postMessage({ ready: true });
