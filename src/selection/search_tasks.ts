/**
 * The unit of work of a search: one family on one fold with one scaler, for a
 * batch of candidates that can share work — KNN candidates share one
 * neighbour search (distances computed once per fold and scaler, reused for
 * every k and weighting); logistic candidates of one penalty share a warm-
 * started path over C; SVC candidates share kernel evaluations. The same runner works inline and inside workers, so
 * results do not depend on how tasks are spread over cores.
 *
 * @module
 */
import type { FeatureTable } from "../features/feature_table.ts";
import { takeTable } from "../features/feature_table.ts";
import { fitColumnTransformer, type ScalerKind } from "../models/column_transformer.ts";
import { type Labels, type Matrix, takeLabels } from "../models/estimator.ts";
import { knnScores, nearestNeighbours } from "../models/knn.ts";
import { fitLogisticPath } from "../models/logistic.ts";
import { makeClassifier } from "../models/registry.ts";
import { svcGridScores, type SvcParams } from "../models/svc.ts";
import { rocAuc } from "./roc_auc.ts";
import type { Candidate } from "./space.ts";
import { storeSteps } from "./space.ts";
import type { Split } from "./split.ts";

/** What every task reads: the training rows and the folds over them. */
export interface SearchContext {
  table: FeatureTable;
  y: Labels;
  folds: Split[];
}

/** A batch of candidates of one family, fold and scaler. */
export interface Task {
  fold: number;
  family: Candidate["family"];
  scaler: ScalerKind;
  candidates: Candidate[];
}

/** One candidate's score on one fold. */
export interface TaskResult {
  index: number;
  fold: number;
  auc: number;
  /** Wall time of fit + scoring; a shared batch's time is split evenly. */
  seconds: number;
}

/** Rough relative cost per candidate, to start the slow tasks first. */
const COST: Record<Candidate["family"], number> = { svc: 20, knn: 0.2, tree: 2, logistic: 0.5 };

/**
 * Groups candidates into tasks: per fold and scaler; KNN further by metric,
 * logistic by penalty (each such group is one shared computation).
 */
export function planTasks(candidates: readonly Candidate[], folds: number): Task[] {
  const batches = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const shared = c.family === "knn" ? `:${c.params.metric}` : c.family === "logistic" ? `:${c.params.penalty}` : "";
    const single = c.family === "tree" ? `:${c.index}` : "";
    const key = `${c.family}:${c.scaler}${shared}${single}`;
    const b = batches.get(key);
    if (b) b.push(c);
    else batches.set(key, [c]);
  }
  const tasks: Task[] = [];
  for (const batch of batches.values()) {
    for (let fold = 0; fold < folds; fold++) {
      tasks.push({ fold, family: batch[0]!.family, scaler: batch[0]!.scaler, candidates: batch });
    }
  }
  // Slow tasks first so two cores finish together; stable for equal costs.
  return tasks
    .map((t, i) => ({ t, i, cost: COST[t.family] * t.candidates.length }))
    .sort((a, b) => b.cost - a.cost || a.i - b.i)
    .map((x) => x.t);
}

/** Runs tasks against a context, caching each fold's matrices per scaler. */
export class TaskRunner {
  readonly #ctx: SearchContext;
  readonly #cache = new Map<string, { Xtr: Matrix; ytr: Labels; Xte: Matrix; yte: Labels }>();

  constructor(ctx: SearchContext) {
    this.#ctx = ctx;
  }

  /** The fold's train/test matrices, preprocessing fitted on its training rows only. */
  matrices(fold: number, scaler: ScalerKind) {
    const key = `${fold}:${scaler}`;
    let m = this.#cache.get(key);
    if (!m) {
      const { train, test } = this.#ctx.folds[fold]!;
      const tr = takeTable(this.#ctx.table, train), te = takeTable(this.#ctx.table, test);
      const pre = fitColumnTransformer(storeSteps(this.#ctx.table, scaler), tr);
      m = {
        Xtr: pre.transform(tr),
        ytr: takeLabels(this.#ctx.y, train),
        Xte: pre.transform(te),
        yte: takeLabels(this.#ctx.y, test),
      };
      this.#cache.set(key, m);
    }
    return m;
  }

  /** Scores a task's candidates; an SVC task needs `ensureSvcRuntime()` (models/svc.ts) first. */
  run(task: Task): TaskResult[] {
    const { Xtr, ytr, Xte, yte } = this.matrices(task.fold, task.scaler);
    const t0 = performance.now();
    const scores = this.#scores(task, Xtr, ytr, Xte);
    const seconds = (performance.now() - t0) / 1000 / task.candidates.length;
    return task.candidates.map((c, i) => ({ index: c.index, fold: task.fold, auc: rocAuc(yte, scores[i]!), seconds }));
  }

  #scores(task: Task, Xtr: Matrix, ytr: Labels, Xte: Matrix): Float64Array[] {
    const cs = task.candidates;
    if (task.family === "knn") {
      const kMax = Math.max(...cs.map((c) => Number(c.params.k)));
      const nb = nearestNeighbours(Xtr, Xte, cs[0]!.params.metric as "euclidean" | "manhattan", kMax);
      return cs.map((c) => knnScores(nb, ytr, Number(c.params.k), c.params.weights as "uniform" | "distance"));
    }
    if (task.family === "logistic") {
      const order = cs.map((_, i) => i).sort((a, b) => Number(cs[a]!.params.C) - Number(cs[b]!.params.C));
      const path = fitLogisticPath(
        Xtr,
        ytr,
        cs[0]!.params.penalty as "l1" | "l2",
        order.map((i) => Number(cs[i]!.params.C)),
      );
      const out = new Array<Float64Array>(cs.length);
      order.forEach((i, j) => out[i] = path[j]!.decisionFunction(Xte));
      return out;
    }
    if (task.family === "svc") {
      return svcGridScores(Xtr, ytr, cs.map((c) => c.params as SvcParams), Xte);
    }
    return cs.map((c) =>
      makeClassifier(c.family, c.params).fit(Xtr, ytr, { probability: false }).decisionFunction(Xte)
    );
  }
}
