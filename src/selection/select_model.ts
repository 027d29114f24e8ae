/**
 * The model stage: hold out 25 % (stratified, duplicate groups kept whole),
 * search the space by 5-fold CV on the rest, add the soft-voting ensemble of
 * the best families (`ensemble_choice.ts`), refit the winner on the
 * whole training part, score the hold-out, choose the threshold by the stated
 * rule, estimate each candidate's quality by repeated CV, state the margin of
 * the choice, and estimate the whole procedure by nested CV.
 *
 * @module
 */
import { calibrate, calibrateAll, type CalibrationResult } from "../models/calibration.ts";
import type pl from "nodejs-polars";
import { type FeatureTable, type LabelledTable, labelledTable, takeTable } from "../features/feature_table.ts";
import type { ScalerKind } from "../models/column_transformer.ts";
import type { EnsembleParams } from "../models/ensemble.ts";
import { type Family, type Labels, type ModelFamily, takeLabels } from "../models/estimator.ts";
import type { FittedPipeline } from "../models/pipeline.ts";
import { ensureSvcRuntime } from "../models/svc.ts";
import { chooseEnsemble, type EnsembleChoice } from "./ensemble_choice.ts";
import { type Choice, fitChoice, fitMember, type Member } from "./fit_member.ts";
import { nestedCv, type NestedCvResult } from "./nested_cv.ts";
import { evaluate, type Evaluation, repeatedCvInterval, thresholdForRecall } from "./evaluate.ts";
import { rocAuc } from "./roc_auc.ts";
import { bestOf, type CandidateResult, runSearch } from "./search.ts";
import { ANCHOR_SPACE, type Candidate, type FamilySpace, gridCandidates } from "./space.ts";
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
  /** Outer folds of the nested CV. */
  nestedFolds?: number;
  /** Repeats of the nested CV's outer split; 0: no nested CV. */
  nestedRepeats?: number;
  /** Calibrate the winner's probabilities (Platt or isotonic, chosen on inner folds); default true. */
  calibrate?: boolean;
}

/**
 * Defaults: the reference's 25 % hold-out and 5 folds; 5×5 repeated CV;
 * recall ≥ 0.8; nested CV with 5 outer folds, once (see the README's config
 * table for its cost).
 */
export const MODEL_DEFAULTS = {
  seed: 42,
  testSize: 0.25,
  folds: 5,
  repeats: 5,
  minRecall: 0.8,
  nestedFolds: 5,
  nestedRepeats: 1,
  calibrate: true,
} as const;

/** One family's best candidate (or the ensemble) and how it did. */
export interface FamilyReport {
  family: ModelFamily;
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
  /** The soft-voting ensemble's members and weights (null with a single family). */
  ensemble: { params: EnsembleParams } | null;
  /** Why the winner won: its margin over the runner-up. */
  margin: SelectionMargin;
  /** Nested CV of the whole selection (null when switched off). */
  nested: NestedCvResult | null;
  /**
   * The calibration of the winner's probabilities (null when switched off).
   * With it, `best.threshold` and `best.holdout` are on the calibrated scale,
   * and {@linkcode unseenProbabilities} gives calibrated probabilities.
   */
  calibration: CalibrationResult | null;
}

/** The winner's margin over the runner-up (mean CV AUC on the search's folds). */
export interface SelectionMargin {
  chosen: ModelFamily;
  chosenAuc: number;
  runnerUp: ModelFamily | null;
  runnerUpAuc: number | null;
  /** chosenAuc − runnerUpAuc. */
  margin: number | null;
  /** Standard error of the winner's mean fold AUC. */
  standardError: number;
  withinOneStandardError: boolean;
  /** Outer folds of the nested CV in which the same candidate won. */
  nestedWins: number | null;
  nestedFolds: number | null;
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
      testAuc: rocAuc(yTest, fitMember(top.candidate, train, yTrain, false).decisionFunction(test)),
      fits: own.length * o.folds,
      seconds: own.reduce((s, r) => s + r.fitSeconds, 0),
    };
  });
  return { table, split, train, test, yTrain, yTest, folds, results, families, searchSeconds };
}

/**
 * Fits a candidate's whole pipeline — a family's, or the ensemble as a family
 * report describes it (its params hold members and weights); `seed` (the
 * run's) drives the fit's own random draws (SVC's Platt shuffle). An SVC
 * candidate needs {@linkcode ensureSvcRuntime} first.
 */
export function fitCandidate(
  c: Omit<Candidate, "family"> & { family: ModelFamily },
  rows: FeatureTable,
  y: Labels,
  probability: boolean,
  seed?: number,
): FittedPipeline {
  if (c.family === "ensemble") {
    const choice: Choice = { family: "ensemble", params: c.params as unknown as EnsembleParams };
    return fitChoice(choice, rows, y, probability, seed);
  }
  return fitMember({ ...c, family: c.family }, rows, y, probability, seed);
}

/**
 * Runs the model stage on the merged frame: the search, the ensemble of the
 * best families, the winner by mean CV AUC, its
 * threshold and hold-out evaluation, each candidate's repeated CV, the margin
 * of the choice, and nested CV of the whole procedure.
 *
 * @example
 * ```ts
 * import { loadDataset } from "../data/load.ts";
 * const stage = await selectModel((await loadDataset("data/raw")).frame, { seed: 7 });
 * stage.best.family; stage.best.testAuc; stage.nested?.selected.mean;
 * ```
 */
export async function selectModel(frame: pl.DataFrame, options: ModelStageOptions = {}): Promise<ModelStage> {
  const o = { ...MODEL_DEFAULTS, ...options };
  const s = await searchFamilies(frame, options);
  const searched = s.families.map((f): Omit<FamilyReport, "repeatedCv"> & { choice: Choice; foldAuc: number[] } => ({
    ...f,
    choice: { family: f.family as Family, params: f.params, scaler: f.scaler },
    foldAuc: bestOf(s.results.filter((r) => r.candidate.family === f.family)).foldAuc,
  }));
  const members = searched.map((f) => f.choice as Member);
  let ensemble: EnsembleChoice | null = null;
  if (members.length >= 2) {
    const t0 = performance.now();
    const scored = searched.map((f) => ({ member: f.choice as Member, foldAuc: f.foldAuc }));
    ensemble = chooseEnsemble(s.train, s.yTrain, s.folds, scored, o.seed);
    const choice: Choice = { family: "ensemble", params: ensemble.params };
    const fitted = fitChoice(choice, s.train, s.yTrain, true, o.seed);
    searched.push({
      family: "ensemble",
      params: { ...ensemble.params },
      scaler: "passthrough",
      cvAuc: ensemble.meanAuc,
      cvAucStd: ensemble.stdAuc,
      testAuc: rocAuc(s.yTest, fitted.predictProba(s.test)),
      fits: s.folds.length * members.length,
      seconds: (performance.now() - t0) / 1000,
      choice,
      foldAuc: ensemble.foldAuc,
    });
  }
  // Ties go to the earlier entry: a single family before the ensemble that contains it.
  const winner = searched.reduce((a, b) => (b.cvAuc > a.cvAuc ? b : a));
  const families: FamilyReport[] = searched.map(({ choice, foldAuc: _, ...f }) => ({
    ...f,
    repeatedCv: repeatedCv(s.table, choice, o),
  }));
  const pipeline = fitChoice(winner.choice, s.train, s.yTrain, true, o.seed);
  const oof = winnerOof(winner, members, ensemble, s, o.seed);
  // The money figures multiply probabilities by profit: calibrate them on the out-of-fold predictions, and set the
  // threshold and judge the hold-out on the calibrated scale the decisions use.
  const rawHoldout = pipeline.predictProba(s.test);
  const calibration = o.calibrate
    ? calibrate(oof, s.yTrain, {
      k: o.folds,
      seed: o.seed,
      groups: Array.from(s.split.train, (i) => s.table.groups[i]!),
      holdout: { p: rawHoldout, y: s.yTest },
    })
    : null;
  const threshold = thresholdForRecall(s.yTrain, calibration?.crossValidated ?? oof, o.minRecall);
  const holdout = evaluate(
    s.yTest,
    calibration ? calibrateAll(calibration.calibrator, rawHoldout) : rawHoldout,
    threshold,
  );
  const report = families.find((f) => f.family === winner.family)!;
  const nested = o.nestedRepeats > 0
    ? await nestedCv(s.table, {
      outerFolds: o.nestedFolds,
      repeats: o.nestedRepeats,
      innerFolds: o.folds,
      seed: o.seed,
      ...(options.space === undefined ? {} : { space: options.space }),
      ...(options.workers === undefined ? {} : { workers: options.workers }),
    })
    : null;
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
    ensemble: ensemble === null ? null : { params: ensemble.params },
    margin: selectionMargin(searched, winner.family, nested),
    nested,
    calibration,
  };
}

/** The winner's out-of-fold probabilities, from the fits the ensemble choice already made (same folds, same seed). */
function winnerOof(
  winner: { family: ModelFamily; choice: Choice },
  members: readonly Member[],
  ensemble: EnsembleChoice | null,
  s: SearchStage,
  seed: number,
): Float64Array {
  if (ensemble !== null) {
    if (winner.family === "ensemble") return ensemble.oof;
    return ensemble.memberOof[members.findIndex((m) => m.family === winner.family)]!;
  }
  const oof = new Float64Array(s.split.train.length);
  for (const f of s.folds) {
    const p = fitChoice(winner.choice, takeTable(s.train, f.train), takeLabels(s.yTrain, f.train), true, seed)
      .predictProba(takeTable(s.train, f.test));
    f.test.forEach((r, k) => oof[r] = p[k]!);
  }
  return oof;
}

/**
 * The margin of the choice: the winner's mean CV AUC over the runner-up's,
 * against one standard error of the winner's mean (fold standard deviation,
 * n − 1, over √folds — the "one-standard-error rule" of Breiman et al.).
 */
export function selectionMargin(
  ranked: readonly { family: ModelFamily; cvAuc: number; foldAuc: readonly number[] }[],
  chosen: ModelFamily,
  nested: NestedCvResult | null,
): SelectionMargin {
  const w = ranked.find((r) => r.family === chosen)!;
  const others = ranked.filter((r) => r.family !== chosen).sort((a, b) => b.cvAuc - a.cvAuc);
  const second = others[0];
  const k = w.foldAuc.length;
  const mean = w.foldAuc.reduce((a, b) => a + b, 0) / k;
  const sd = k > 1 ? Math.sqrt(w.foldAuc.reduce((a, b) => a + (b - mean) ** 2, 0) / (k - 1)) : 0;
  const standardError = sd / Math.sqrt(k);
  const margin = second === undefined ? null : w.cvAuc - second.cvAuc;
  return {
    chosen,
    chosenAuc: w.cvAuc,
    runnerUp: second?.family ?? null,
    runnerUpAuc: second?.cvAuc ?? null,
    margin,
    standardError,
    withinOneStandardError: margin !== null && margin < standardError,
    nestedWins: nested?.families.find((f) => f.family === chosen)?.wins ?? null,
    nestedFolds: nested?.folds.length ?? null,
  };
}

/** Repeated stratified k-fold CV of one candidate (or the ensemble) on all customers. */
function repeatedCv(table: LabelledTable, c: Choice, o: { folds: number; repeats: number; seed: number }) {
  const scores: number[] = [];
  for (let r = 0; r < o.repeats; r++) {
    for (const f of stratifiedKFold(table.y, table.groups, { k: o.folds, seed: o.seed + 1000 + r })) {
      const tr = takeTable(table.features, f.train), te = takeTable(table.features, f.test);
      const p = fitChoice(c, tr, takeLabels(table.y, f.train), false, o.seed);
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
  const c = stage.calibration;
  // Training rows: calibrated by a calibrator fitted without them (inner folds), so still unseen.
  const train = c ? c.crossValidated : stage.oof;
  stage.split.train.forEach((row, k) => p[row] = train[k]!);
  const raw = stage.pipeline.predictProba(takeTable(stage.table.features, stage.split.test));
  const test = c ? calibrateAll(c.calibrator, raw) : raw;
  stage.split.test.forEach((row, k) => p[row] = test[k]!);
  return p;
}
