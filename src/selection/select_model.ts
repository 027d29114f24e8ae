/**
 * The model stage: hold out 25 % (stratified, duplicate groups kept whole),
 * search the space by 5-fold CV on the rest, refit each family's best on the
 * whole training part, score the hold-out, choose the threshold by the stated
 * rule, and estimate each family's quality by repeated CV.
 *
 * @module
 */
import type pl from "nodejs-polars";
import { type FeatureTable, type LabelledTable, labelledTable, takeTable } from "../features/feature_table.ts";
import type { ScalerKind } from "../models/column_transformer.ts";
import { type Family, type Labels, takeLabels } from "../models/estimator.ts";
import { fitPipeline, type FittedPipeline } from "../models/pipeline.ts";
import { makeClassifier } from "../models/registry.ts";
import { ensureSvcRuntime } from "../models/svc.ts";
import { evaluate, type Evaluation, repeatedCvInterval, thresholdForRecall } from "./evaluate.ts";
import { rocAuc } from "./roc_auc.ts";
import { bestOf, type CandidateResult, runSearch } from "./search.ts";
import { ANCHOR_SPACE, type Candidate, type FamilySpace, gridCandidates, storeSteps } from "./space.ts";
import { holdoutSplit, type Split, stratifiedKFold } from "./split.ts";

/** Settings of the model stage; every random choice (splits, folds, SVC's Platt shuffle) follows `seed`. */
export interface ModelStageOptions {
  seed?: number;
  testSize?: number;
  folds?: number;
  /** Repeats of the k-fold CV used to estimate quality. */
  repeats?: number;
  space?: readonly FamilySpace[];
  workers?: number;
  /** Threshold rule: the highest threshold with at least this recall. */
  minRecall?: number;
}

/** Defaults: the reference's 25 % hold-out and 5 folds; 5×5 repeated CV; recall ≥ 0.8. */
export const MODEL_DEFAULTS = { seed: 42, testSize: 0.25, folds: 5, repeats: 5, minRecall: 0.8 } as const;

/** One family's best candidate and how it did. */
export interface FamilyReport {
  family: Family;
  params: Record<string, unknown>;
  scaler: ScalerKind;
  cvAuc: number;
  cvAucStd: number;
  testAuc: number;
  /** Fits in this family's search (candidates × folds). */
  fits: number;
  seconds: number;
  repeatedCv: { mean: number; std: number; interval: [number, number]; scores: number[] };
}

/** The selected pipeline, refitted on the training part, and its evaluation. */
export interface ModelStage {
  table: LabelledTable;
  split: Split;
  results: CandidateResult[];
  families: FamilyReport[];
  best: FamilyReport & { threshold: number; thresholdRule: string; holdout: Evaluation };
  pipeline: FittedPipeline;
  /** Out-of-fold probabilities of the best pipeline for the training rows. */
  oof: Float64Array;
  searchSeconds: number;
}

/** The search part of the stage: split, cross-validated search, each family's best refitted. */
export interface SearchStage {
  table: LabelledTable;
  split: Split;
  train: FeatureTable;
  test: FeatureTable;
  yTrain: Labels;
  yTest: Labels;
  folds: Split[];
  results: CandidateResult[];
  /** Each family's best, without the repeated CV. */
  families: Omit<FamilyReport, "repeatedCv">[];
  searchSeconds: number;
}

/**
 * Splits, searches and scores each family's best on the hold-out — the work
 * scikit-learn's GridSearchCV + refit does, and what the benchmark times.
 */
export async function searchFamilies(frame: pl.DataFrame, options: ModelStageOptions = {}): Promise<SearchStage> {
  const o = { ...MODEL_DEFAULTS, ...options };
  const table = labelledTable(frame);
  const split = holdoutSplit(table.y, table.groups, { testSize: o.testSize, seed: o.seed });
  const train = takeTable(table.features, split.train), test = takeTable(table.features, split.test);
  const yTrain = takeLabels(table.y, split.train), yTest = takeLabels(table.y, split.test);
  const gTrain = Array.from(split.train, (i) => table.groups[i]!);
  const folds = stratifiedKFold(yTrain, gTrain, { k: o.folds, seed: o.seed });

  const candidates = gridCandidates(options.space ?? ANCHOR_SPACE);
  // Loaded before the clock starts (and before any other work): fits below are synchronous.
  if (candidates.some((c) => c.family === "svc")) await ensureSvcRuntime();
  const t0 = performance.now();
  const results = await runSearch({ table: train, y: yTrain, folds }, candidates, {
    ...(options.workers === undefined ? {} : { workers: options.workers }),
  });
  const searchSeconds = (performance.now() - t0) / 1000;
  const families = [...new Set(candidates.map((c) => c.family))].map((family) => {
    const own = results.filter((r) => r.candidate.family === family);
    const top = bestOf(own);
    return {
      family,
      params: top.candidate.params,
      scaler: top.candidate.scaler,
      cvAuc: top.meanAuc,
      cvAucStd: top.stdAuc,
      testAuc: rocAuc(yTest, fitCandidate(top.candidate, train, yTrain, false).decisionFunction(test)),
      fits: own.length * o.folds,
      seconds: own.reduce((s, r) => s + r.fitSeconds, 0),
    };
  });
  return { table, split, train, test, yTrain, yTest, folds, results, families, searchSeconds };
}

/**
 * Fits a candidate's whole pipeline; `seed` (the run's) drives the fit's own
 * random draws (SVC's Platt shuffle). An SVC candidate needs
 * {@linkcode ensureSvcRuntime} first.
 */
export function fitCandidate(
  c: Candidate,
  rows: FeatureTable,
  y: Labels,
  probability: boolean,
  seed?: number,
): FittedPipeline {
  const options = seed === undefined ? { probability } : { probability, seed };
  return fitPipeline(storeSteps(rows, c.scaler), makeClassifier(c.family, c.params), rows, y, options);
}

/**
 * Runs the model stage on the merged frame.
 *
 * @example
 * ```ts
 * import { loadDataset } from "../data/load.ts";
 * const stage = await selectModel((await loadDataset("data/raw")).frame, { seed: 7 });
 * stage.best.family; stage.best.testAuc;
 * ```
 */
export async function selectModel(frame: pl.DataFrame, options: ModelStageOptions = {}): Promise<ModelStage> {
  const o = { ...MODEL_DEFAULTS, ...options };
  const s = await searchFamilies(frame, options);
  const families: FamilyReport[] = s.families.map((f) => ({
    ...f,
    repeatedCv: repeatedCv(s.table, { index: -1, family: f.family, params: f.params, scaler: f.scaler }, o),
  }));
  const winner = bestOf(s.results).candidate;
  const pipeline = fitCandidate(winner, s.train, s.yTrain, true, o.seed);
  const oof = new Float64Array(s.split.train.length);
  for (const f of s.folds) {
    const p = fitCandidate(winner, takeTable(s.train, f.train), takeLabels(s.yTrain, f.train), true, o.seed)
      .predictProba(takeTable(s.train, f.test));
    f.test.forEach((r, k) => oof[r] = p[k]!);
  }
  const threshold = thresholdForRecall(s.yTrain, oof, o.minRecall);
  const holdout = evaluate(s.yTest, pipeline.predictProba(s.test), threshold);
  const report = families.find((f) => f.family === winner.family)!;
  return {
    table: s.table,
    split: s.split,
    results: s.results,
    families,
    best: {
      ...report,
      threshold,
      thresholdRule: `the highest probability threshold at which at least ${o.minRecall * 100} % of the training ` +
        "customers whose activity dropped are flagged (out-of-fold predictions, not the hold-out)",
      holdout,
    },
    pipeline,
    oof,
    searchSeconds: s.searchSeconds,
  };
}

/** Repeated stratified k-fold CV of one candidate on all customers. */
function repeatedCv(table: LabelledTable, c: Candidate, o: { folds: number; repeats: number; seed: number }) {
  const scores: number[] = [];
  for (let r = 0; r < o.repeats; r++) {
    for (const f of stratifiedKFold(table.y, table.groups, { k: o.folds, seed: o.seed + 1000 + r })) {
      const tr = takeTable(table.features, f.train), te = takeTable(table.features, f.test);
      const p = fitCandidate(c, tr, takeLabels(table.y, f.train), false);
      scores.push(rocAuc(takeLabels(table.y, f.test), p.decisionFunction(te)));
    }
  }
  return { ...repeatedCvInterval(scores, 1 / o.folds), scores };
}

/**
 * A probability for every customer (in table order) from a model that did not
 * see them: out-of-fold for training customers, the final model's for the
 * hold-out.
 */
export function unseenProbabilities(stage: ModelStage): Float64Array {
  const p = new Float64Array(stage.table.y.length);
  stage.split.train.forEach((row, k) => p[row] = stage.oof[k]!);
  const test = stage.pipeline.predictProba(takeTable(stage.table.features, stage.split.test));
  stage.split.test.forEach((row, k) => p[row] = test[k]!);
  return p;
}
