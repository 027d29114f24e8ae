/**
 * Nested cross-validation: the honest estimate of the whole selection
 * procedure. Outer folds (stratified, duplicate groups kept on one side,
 * repeated with different shuffles) each hold out a part of the customers;
 * on the rest the complete selection runs — the grid search on inner folds,
 * each family's best, the soft-voting ensemble of the best families (chosen
 * by their inner-fold scores),
 * the winner by mean inner AUC — and every family's best, the ensemble and the
 * winner are scored on the held-out part, which none of those choices saw.
 * The selected procedure's outer AUCs are the headline quality; the per-family
 * outer AUCs and the winners' counts show how stable the choice is.
 *
 * @module
 */
import { type FeatureTable, type LabelledTable, takeTable } from "../features/feature_table.ts";
import type { Labels, ModelFamily } from "../models/estimator.ts";
import { takeLabels } from "../models/estimator.ts";
import type { FittedPipeline } from "../models/pipeline.ts";
import { ensureSvcRuntime } from "../models/svc.ts";
import { chooseEnsemble, type EnsembleChoice } from "./ensemble_choice.ts";
import { repeatedCvInterval } from "./evaluate.ts";
import { type Choice, fitMember, type Member } from "./fit_member.ts";
import { rocAuc } from "./roc_auc.ts";
import { bestOf, type CandidateResult, runSearch } from "./search.ts";
import { ANCHOR_SPACE, type Candidate, type FamilySpace, gridCandidates } from "./space.ts";
import { type Split, stratifiedKFold } from "./split.ts";

/** One candidate of the final choice: a family's best or the ensemble, with its inner-CV scores. */
export interface Ranked {
  family: ModelFamily;
  choice: Choice;
  cvAuc: number;
  /** Population standard deviation over the folds. */
  cvAucStd: number;
  foldAuc: number[];
}

/** The selection on one set of folds. */
export interface FoldSelection {
  results: CandidateResult[];
  /** Each family's best in search order, then the ensemble (when there are two families or more). */
  ranked: Ranked[];
  /** The highest mean fold AUC; ties go to the earlier entry (a single family before the ensemble). */
  winner: Ranked;
  ensemble: EnsembleChoice | null;
}

/**
 * The whole selection on given folds: search, each family's best, the
 * ensemble of the bests, the winner. The same procedure runs on the
 * training part (the model stage) and inside every outer fold (nested CV).
 *
 * @example
 * ```ts
 * import type { FeatureTable } from "../features/feature_table.ts";
 * import { ANCHOR_SPACE, gridCandidates } from "./space.ts";
 * import type { Split } from "./split.ts";
 * declare const train: FeatureTable, y: Uint8Array, folds: Split[];
 * (await selectOnFolds(train, y, folds, gridCandidates(ANCHOR_SPACE), { seed: 42 })).winner.family;
 * ```
 */
export async function selectOnFolds(
  rows: FeatureTable,
  y: Labels,
  folds: Split[],
  candidates: readonly Candidate[],
  options: { seed: number; workers?: number },
): Promise<FoldSelection> {
  if (candidates.some((c) => c.family === "svc")) await ensureSvcRuntime();
  const results = await runSearch(
    { table: rows, y, folds },
    candidates,
    options.workers === undefined ? {} : { workers: options.workers },
  );
  const ranked: Ranked[] = [...new Set(candidates.map((c) => c.family))].map((family) => {
    const top = bestOf(results.filter((r) => r.candidate.family === family));
    const { params, scaler } = top.candidate;
    return {
      family,
      choice: { family, params, scaler },
      cvAuc: top.meanAuc,
      cvAucStd: top.stdAuc,
      foldAuc: top.foldAuc,
    };
  });
  let ensemble: EnsembleChoice | null = null;
  if (ranked.length >= 2) {
    const scored = ranked.map((r) => ({ member: r.choice as Member, foldAuc: r.foldAuc }));
    ensemble = chooseEnsemble(rows, y, folds, scored, options.seed);
    ranked.push({
      family: "ensemble",
      choice: { family: "ensemble", params: ensemble.params },
      cvAuc: ensemble.meanAuc,
      cvAucStd: ensemble.stdAuc,
      foldAuc: ensemble.foldAuc,
    });
  }
  const winner = ranked.reduce((a, b) => (b.cvAuc > a.cvAuc ? b : a));
  return { results, ranked, winner, ensemble };
}

/** Settings of {@linkcode nestedCv}. */
export interface NestedCvOptions {
  /** Outer folds per repeat. */
  outerFolds: number;
  /** Repeats of the outer k-fold split, each with its own shuffle. */
  repeats: number;
  /** Folds of the search inside each outer training part. */
  innerFolds: number;
  seed: number;
  workers?: number;
  space?: readonly FamilySpace[];
}

/** One outer fold: who won the inner selection and every candidate's outer AUC. */
export interface NestedFold {
  repeat: number;
  fold: number;
  winner: ModelFamily;
  /** Outer AUC of each family's best and of the ensemble. */
  auc: Partial<Record<ModelFamily, number>>;
  /** Outer AUC of the winner: the selection procedure's score on this fold. */
  selectedAuc: number;
}

/** Mean, standard deviation and the Nadeau–Bengio corrected 95 % interval of outer scores. */
export interface OuterScores {
  scores: number[];
  mean: number;
  std: number;
  interval: [number, number];
}

/** The nested CV's result. */
export interface NestedCvResult {
  outerFolds: number;
  repeats: number;
  innerFolds: number;
  folds: NestedFold[];
  /** Per family (and the ensemble): outer scores and how many outer folds it won. */
  families: (OuterScores & { family: ModelFamily; wins: number })[];
  /** The selection procedure (whatever it chose on each fold). */
  selected: OuterScores;
  seconds: number;
}

/** The outer splits: `repeats` stratified, group-aware k-fold splits of all rows. */
export function outerSplits(
  table: Pick<LabelledTable, "y" | "groups">,
  o: Pick<NestedCvOptions, "outerFolds" | "repeats" | "seed">,
): { repeat: number; fold: number; split: Split }[] {
  return Array.from(
    { length: o.repeats },
    (_, repeat) =>
      stratifiedKFold(table.y, table.groups, { k: o.outerFolds, seed: o.seed + 2000 + repeat })
        .map((split, fold) => ({ repeat, fold, split })),
  ).flat();
}

/** The inner folds of an outer training part (the same rule as the model stage's folds). */
export function innerSplits(table: Pick<LabelledTable, "y" | "groups">, train: Int32Array, k: number, seed: number) {
  const y = takeLabels(table.y, train), groups = Array.from(train, (i) => table.groups[i]!);
  return stratifiedKFold(y, groups, { k, seed });
}

/**
 * Runs nested CV of the selection on all customers.
 *
 * @example
 * ```ts
 * import type { LabelledTable } from "../features/feature_table.ts";
 * declare const table: LabelledTable;
 * const n = await nestedCv(table, { outerFolds: 5, repeats: 1, innerFolds: 5, seed: 42, workers: 2 });
 * n.selected.mean; n.families.map((f) => [f.family, f.wins]);
 * ```
 */
export async function nestedCv(table: LabelledTable, o: NestedCvOptions): Promise<NestedCvResult> {
  const t0 = performance.now();
  const candidates = gridCandidates(o.space ?? ANCHOR_SPACE);
  const folds: NestedFold[] = [];
  for (const { repeat, fold, split } of outerSplits(table, o)) {
    const tr = takeTable(table.features, split.train), te = takeTable(table.features, split.test);
    const ytr = takeLabels(table.y, split.train), yte = takeLabels(table.y, split.test);
    const inner = innerSplits(table, split.train, o.innerFolds, o.seed);
    const sel = await selectOnFolds(tr, ytr, inner, candidates, {
      seed: o.seed,
      ...(o.workers === undefined ? {} : { workers: o.workers }),
    });
    // Each family's best once, with probabilities: its decision values score it alone, its probabilities the vote.
    const fitted = new Map<ModelFamily, FittedPipeline>();
    const auc: Partial<Record<ModelFamily, number>> = {};
    for (const r of sel.ranked) {
      if (r.family === "ensemble") continue;
      const p = fitMember(r.choice as Member, tr, ytr, true, o.seed);
      fitted.set(r.family, p);
      auc[r.family] = rocAuc(yte, p.decisionFunction(te));
    }
    if (sel.ensemble) {
      const { members, weights } = sel.ensemble.params;
      const vote = new Float64Array(te.rows);
      members.forEach((m, j) => {
        const p = fitted.get(m.family)!.predictProba(te);
        for (let i = 0; i < te.rows; i++) vote[i]! += weights[j]! * p[i]!;
      });
      auc.ensemble = rocAuc(yte, vote);
    }
    folds.push({ repeat, fold, winner: sel.winner.family, auc, selectedAuc: auc[sel.winner.family]! });
  }
  const share = 1 / o.outerFolds;
  const scored = (scores: number[]): OuterScores => ({ scores, ...repeatedCvInterval(scores, share) });
  const families = [...new Set(folds.flatMap((f) => Object.keys(f.auc) as ModelFamily[]))].map((family) => ({
    family,
    ...scored(folds.map((f) => f.auc[family]!)),
    wins: folds.filter((f) => f.winner === family).length,
  }));
  return {
    outerFolds: o.outerFolds,
    repeats: o.repeats,
    innerFolds: o.innerFolds,
    folds,
    families,
    selected: scored(folds.map((f) => f.selectedAuc)),
    seconds: (performance.now() - t0) / 1000,
  };
}
