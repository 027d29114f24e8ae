/**
 * Fitting what the selection chooses: one family's candidate (a whole
 * pipeline with the store's preprocessing) or the soft-voting ensemble of
 * such candidates.
 *
 * @module
 */
import type { FeatureTable } from "../features/feature_table.ts";
import type { ScalerKind } from "../models/column_transformer.ts";
import { type EnsembleParams, fitEnsemblePipeline } from "../models/ensemble.ts";
import type { Family, Labels } from "../models/estimator.ts";
import { fitPipeline, type FittedPipeline } from "../models/pipeline.ts";
import { makeClassifier } from "../models/registry.ts";
import { storeSteps } from "./space.ts";

/** A family's candidate without its place in a search. */
export interface Member {
  family: Family;
  params: Record<string, unknown>;
  scaler: ScalerKind;
}

/** What a selection can choose: a family's candidate or the ensemble. */
export type Choice = Member | { family: "ensemble"; params: EnsembleParams };

/**
 * Fits a candidate's whole pipeline; `seed` (the run's) drives the fit's own
 * random draws (SVC's Platt shuffle). An SVC candidate needs `ensureSvcRuntime`
 * (models/svc.ts) first.
 *
 * @example
 * ```ts
 * import type { FeatureTable } from "../features/feature_table.ts";
 * declare const train: FeatureTable, y: Uint8Array;
 * fitMember({ family: "logistic", params: { penalty: "l2", C: 1 }, scaler: "standard" }, train, y, true, 42);
 * ```
 */
export function fitMember(
  c: Member,
  rows: FeatureTable,
  y: Labels,
  probability: boolean,
  seed?: number,
): FittedPipeline {
  const options = seed === undefined ? { probability } : { probability, seed };
  return fitPipeline(storeSteps(rows, c.scaler), makeClassifier(c.family, c.params), rows, y, options);
}

/**
 * Fits a choice: a member as {@linkcode fitMember}, the ensemble by fitting
 * every member with probabilities.
 *
 * @example
 * ```ts
 * import type { FeatureTable } from "../features/feature_table.ts";
 * declare const train: FeatureTable, y: Uint8Array;
 * const members = [
 *   { family: "logistic" as const, params: { penalty: "l2", C: 1 }, scaler: "standard" as const },
 *   { family: "tree" as const, params: { maxDepth: 3, minSamplesLeaf: 5 }, scaler: "passthrough" as const },
 * ];
 * fitChoice({ family: "ensemble", params: { members, weights: [0.5, 0.5] } }, train, y, true, 42);
 * ```
 */
export function fitChoice(
  c: Choice,
  rows: FeatureTable,
  y: Labels,
  probability: boolean,
  seed?: number,
): FittedPipeline {
  if (c.family !== "ensemble") return fitMember(c as Member, rows, y, probability, seed);
  const options = seed === undefined ? {} : { seed };
  return fitEnsemblePipeline(c.params, (s) => storeSteps(rows, s), rows, y, options);
}
