/**
 * A search worker: receives the context once, then runs tasks it is sent and
 * posts their results back.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { ensureSvcRuntime } from "../models/svc.ts";
import { type SearchContext, type Task, TaskRunner } from "./search_tasks.ts";

let runner: TaskRunner | undefined;

// One message at a time: the context, then one task per result posted back.
self.onmessage = async (e: MessageEvent<{ ctx?: SearchContext; task?: Task; id?: number }>) => {
  const { ctx, task, id } = e.data;
  if (ctx) runner = new TaskRunner(ctx);
  if (task && runner) {
    try {
      if (task.family === "svc") await ensureSvcRuntime(); // once per worker, on its first SVC task
      self.postMessage({ id, results: runner.run(task) });
    } catch (err) {
      self.postMessage({ id, error: (err as Error).message });
    }
  }
};

// The pool sends the context only once the handler above exists (a message
// that arrived before it would be lost).
self.postMessage({ ready: true });
