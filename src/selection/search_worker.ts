/**
 * A search worker: receives the context once, then runs tasks it is sent and
 * posts their results back.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { type SearchContext, type Task, TaskRunner } from "./search_tasks.ts";

let runner: TaskRunner | undefined;

self.onmessage = (e: MessageEvent<{ ctx?: SearchContext; task?: Task; id?: number }>) => {
  const { ctx, task, id } = e.data;
  if (ctx) runner = new TaskRunner(ctx);
  if (task && runner) {
    try {
      self.postMessage({ id, results: runner.run(task) });
    } catch (err) {
      self.postMessage({ id, error: (err as Error).message });
    }
  }
};

// Modules with top-level await (the SVC's wasm) finish loading after the
// worker starts; messages sent before this handler exists would be lost.
self.postMessage({ ready: true });
