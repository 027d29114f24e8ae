/**
 * The fifth candidate: a soft vote of the families' best pipelines. Members
 * are the families whose best mean CV AUC is within one standard error of the
 * top family's (its fold standard deviation / √folds — the same yardstick the
 * selection's margin uses), at least the top two; weights are equal. A rule
 * fixed in advance rather than a search over subsets: choosing among the 11
 * subsets of four families on the same folds picked the best-looking subset
 * and lost to single families on nested CV (0.909 vs 0.910 on the store's
 * data, see the README). Each member is refitted on every fold's training
 * rows with probabilities (soft voting averages probabilities, so SVC gets its
 * Platt scaling), which also gives the out-of-fold probabilities the
 * threshold needs, whichever candidate wins.
 *
 * @module
 */
import { type FeatureTable, takeTable } from "../features/feature_table.ts";
import type { EnsembleMember, EnsembleParams } from "../models/ensemble.ts";
import { type Labels, takeLabels } from "../models/estimator.ts";
import { rocAuc } from "./roc_auc.ts";
import { fitMember } from "./fit_member.ts";
import type { Split } from "./split.ts";

/** The chosen ensemble and its CV scores (comparable with a family's best's). */
export interface EnsembleChoice {
  params: EnsembleParams;
  foldAuc: number[];
  meanAuc: number;
  /** Population standard deviation over folds (as for the search's candidates). */
  stdAuc: number;
  /** Out-of-fold probabilities of the ensemble, per training row. */
  oof: Float64Array;
  /** Out-of-fold probabilities of each member candidate (same order as given). */
  memberOof: Float64Array[];
}

/** A family's best with its fold AUCs on the search's folds. */
export interface ScoredMember {
  member: EnsembleMember;
  foldAuc: readonly number[];
}

/**
 * The members of the vote: within one standard error of the top family's mean
 * fold AUC (at least the top two), in the given order.
 *
 * @example
 * ```ts
 * const m = (family: "knn" | "tree") => ({ family, params: {}, scaler: "standard" as const });
 * votingMembers([{ member: m("knn"), foldAuc: [0.9, 0.92] }, { member: m("tree"), foldAuc: [0.8, 0.82] }]);
 * // both: at least two
 * ```
 */
export function votingMembers(scored: readonly ScoredMember[]): number[] {
  const mean = (a: readonly number[]) => a.reduce((x, v) => x + v, 0) / a.length;
  const means = scored.map((s) => mean(s.foldAuc));
  const order = means.map((_, j) => j).sort((a, b) => means[b]! - means[a]! || a - b);
  const top = scored[order[0]!]!.foldAuc, k = top.length, m0 = means[order[0]!]!;
  const se = k > 1 ? Math.sqrt(top.reduce((x, v) => x + (v - m0) ** 2, 0) / (k - 1) / k) : 0;
  const kept = order.filter((j, rank) => rank < 2 || means[j]! >= m0 - se);
  return kept.sort((a, b) => a - b);
}

/**
 * The ensemble of `scored` (each family's best) on `folds`.
 *
 * @example
 * ```ts
 * import type { FeatureTable } from "../features/feature_table.ts";
 * import type { Split } from "./split.ts";
 * declare const train: FeatureTable, y: Uint8Array, folds: Split[], bests: ScoredMember[];
 * chooseEnsemble(train, y, folds, bests, 42).params.members.length; // 2 … bests.length
 * ```
 */
export function chooseEnsemble(
  rows: FeatureTable,
  y: Labels,
  folds: readonly Split[],
  scored: readonly ScoredMember[],
  seed: number,
): EnsembleChoice {
  if (scored.length < 2) throw new Error("ensemble: needs at least two members");
  const memberOof = scored.map(() => new Float64Array(y.length));
  for (const f of folds) {
    const tr = takeTable(rows, f.train), te = takeTable(rows, f.test), ytr = takeLabels(y, f.train);
    scored.forEach((s, j) => {
      const p = fitMember(s.member, tr, ytr, true, seed).predictProba(te);
      f.test.forEach((r, k) => memberOof[j]![r] = p[k]!);
    });
  }
  const chosen = votingMembers(scored);
  const oof = new Float64Array(y.length);
  for (let r = 0; r < y.length; r++) {
    for (const j of chosen) oof[r]! += memberOof[j]![r]! / chosen.length;
  }
  const foldAuc = folds.map((f) => rocAuc(takeLabels(y, f.test), pick(oof, f.test)));
  const mean = foldAuc.reduce((a, b) => a + b, 0) / foldAuc.length;
  const std = Math.sqrt(foldAuc.reduce((a, b) => a + (b - mean) ** 2, 0) / foldAuc.length);
  return {
    params: { members: chosen.map((j) => scored[j]!.member), weights: chosen.map(() => 1 / chosen.length) },
    foldAuc,
    meanAuc: mean,
    stdAuc: std,
    oof,
    memberOof,
  };
}

const pick = (x: Float64Array, idx: ArrayLike<number>) =>
  Float64Array.from({ length: idx.length }, (_, k) => x[idx[k]!]!);
