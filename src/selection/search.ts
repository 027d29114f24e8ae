/**
 * Cross-validated search: every candidate scored by ROC-AUC on every fold,
 * spread over worker threads, with a results table per candidate. Results are
 * the same for any number of workers (tasks are deterministic and collected
 * by candidate and fold, not by arrival).
 *
 * @module
 */
import { ensureSvcRuntime } from "../models/svc.ts";
import { planTasks, type SearchContext, type Task, type TaskResult, TaskRunner } from "./search_tasks.ts";
import type { Candidate } from "./space.ts";

/** A candidate's cross-validated scores: one row of the results table. */
export interface CandidateResult {
  candidate: Candidate;
  foldAuc: number[];
  meanAuc: number;
  /** Population standard deviation over folds (as scikit-learn reports). */
  stdAuc: number;
  /** Fit and scoring time over all folds. */
  fitSeconds: number;
}

/** Options of {@linkcode runSearch}. */
export interface SearchOptions {
  /** Worker threads; 1 runs inline. Default: the machine's cores. */
  workers?: number;
}

/**
 * Scores all candidates on all folds.
 *
 * @example
 * ```ts
 * import type { FeatureTable } from "../features/feature_table.ts";
 * import { bestOf, runSearch } from "./search.ts";
 * import { ANCHOR_SPACE, gridCandidates } from "./space.ts";
 * import type { Split } from "./split.ts";
 * declare const table: FeatureTable, y: Uint8Array, folds: Split[];
 * const results = await runSearch({ table, y, folds }, gridCandidates(ANCHOR_SPACE), { workers: 2 });
 * bestOf(results).candidate;
 * ```
 */
export async function runSearch(
  ctx: SearchContext,
  candidates: readonly Candidate[],
  options: SearchOptions = {},
): Promise<CandidateResult[]> {
  const tasks = planTasks(candidates, ctx.folds.length);
  const workers = Math.max(1, Math.min(options.workers ?? navigator.hardwareConcurrency, tasks.length));
  const results = workers === 1 ? await runInline(ctx, tasks) : await runInWorkers(ctx, tasks, workers);
  return collect(candidates, ctx.folds.length, results);
}

async function runInline(ctx: SearchContext, tasks: Task[]): Promise<TaskResult[]> {
  if (tasks.some((t) => t.family === "svc")) await ensureSvcRuntime();
  const runner = new TaskRunner(ctx);
  return tasks.flatMap((t) => runner.run(t));
}

/** A shared queue: each worker takes the next task when it finishes one. */
async function runInWorkers(ctx: SearchContext, tasks: Task[], n: number): Promise<TaskResult[]> {
  const url = new URL("./search_worker.ts", import.meta.url);
  const pool = Array.from({ length: n }, () => new Worker(url, { type: "module" }));
  const results: TaskResult[] = [];
  let next = 0;
  try {
    await Promise.all(pool.map((w) =>
      new Promise<void>((resolve, reject) => {
        const send = () => {
          if (next >= tasks.length) return resolve();
          const id = next++;
          w.postMessage({ task: tasks[id], id });
        };
        w.onmessage = (e: MessageEvent<{ ready?: boolean; results?: TaskResult[]; error?: string }>) => {
          if (e.data.error) return reject(new Error(`search worker: ${e.data.error}`));
          if (e.data.ready) {
            w.postMessage({ ctx });
            return send();
          }
          results.push(...e.data.results!);
          send();
        };
        w.onerror = (e) => {
          e.preventDefault();
          reject(new Error(`search worker: ${e.message}`));
        };
      })
    ));
  } finally {
    pool.forEach((w) => w.terminate());
  }
  return results;
}

function collect(candidates: readonly Candidate[], folds: number, results: TaskResult[]): CandidateResult[] {
  const table = candidates.map((candidate) => ({
    candidate,
    foldAuc: new Array<number>(folds).fill(NaN),
    fitSeconds: 0,
  }));
  const at = new Map(candidates.map((c, i) => [c.index, i]));
  for (const r of results) {
    const row = table[at.get(r.index)!]!;
    row.foldAuc[r.fold] = r.auc;
    row.fitSeconds += r.seconds;
  }
  return table.map((r) => {
    const mean = r.foldAuc.reduce((a, b) => a + b, 0) / folds;
    const std = Math.sqrt(r.foldAuc.reduce((a, b) => a + (b - mean) ** 2, 0) / folds);
    return { ...r, meanAuc: mean, stdAuc: std };
  });
}

/** The best candidate by mean CV AUC; ties go to the earlier candidate. */
export function bestOf(results: readonly CandidateResult[]): CandidateResult {
  if (results.length === 0) throw new Error("no candidates");
  return results.reduce((best, r) => (r.meanAuc > best.meanAuc ? r : best));
}
