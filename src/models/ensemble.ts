/**
 * The soft-voting ensemble: the weighted mean of its members' probabilities
 * (scikit-learn's `VotingClassifier(voting="soft")`). Each member is a whole
 * pipeline with its own scaler; since the store's pipelines differ only in the
 * numeric scaler, the ensemble keeps one common preprocessing (the scaler
 * "passthrough") and, per member, the member's scaler as a per-column affine
 * map (x − offset) / scale over that common matrix — the same numbers the
 * member's own pipeline would feed its model. So one `FittedPipeline` (one
 * preprocessing, one model, one JSON) holds the ensemble, model.json stores
 * it like any other, and explanations see the original features as players.
 *
 * @module
 */
import type { FeatureTable } from "../features/feature_table.ts";
import { type ColumnStep, fitColumnTransformer, type FittedStep, type ScalerKind } from "./column_transformer.ts";
import type { Family, FitOptions, FittedClassifier, Labels, Matrix, ModelJSON } from "./estimator.ts";
import { fitPipeline, type FittedPipeline, fittedPipeline } from "./pipeline.ts";
import { makeClassifier, modelFromJSON } from "./registry.ts";

/** One member of an ensemble: a searched family's candidate. */
export interface EnsembleMember {
  family: Family;
  params: Record<string, unknown>;
  scaler: ScalerKind;
}

/** The ensemble's parameters: members and their weights (summing to 1). */
export interface EnsembleParams {
  members: EnsembleMember[];
  weights: number[];
}

/** A fitted member: its weight, its scaler over the common matrix, its model. */
export interface EnsemblePart {
  readonly weight: number;
  /** Per column of the common matrix: (x − offset) / scale gives the member's input. */
  readonly offset: Float64Array;
  readonly scale: Float64Array;
  readonly model: FittedClassifier;
}

/** A fitted soft-voting ensemble over the common (unscaled) matrix. */
export class EnsembleModel implements FittedClassifier {
  readonly family = "ensemble" as const;
  readonly params: Record<string, unknown>;
  readonly parts: readonly EnsemblePart[];

  constructor(params: EnsembleParams, parts: readonly EnsemblePart[]) {
    this.params = { members: params.members, weights: params.weights };
    this.parts = parts;
  }

  /** Member `i`'s input: the common matrix through its scaler. */
  partInput(i: number, X: Matrix): Matrix {
    const { offset, scale } = this.parts[i]!;
    const data = new Float64Array(X.data.length);
    for (let r = 0; r < X.rows; r++) {
      for (let c = 0; c < X.cols; c++) data[r * X.cols + c] = (X.data[r * X.cols + c]! - offset[c]!) / scale[c]!;
    }
    return { rows: X.rows, cols: X.cols, data };
  }

  /** The weighted mean of the members' probabilities. */
  predictProba(X: Matrix): Float64Array {
    const out = new Float64Array(X.rows);
    this.parts.forEach((part, i) => {
      const p = part.model.predictProba(this.partInput(i, X));
      for (let r = 0; r < X.rows; r++) out[r]! += part.weight * p[r]!;
    });
    return out;
  }

  /** The ensemble ranks by its probability (there is no other common scale). */
  decisionFunction(X: Matrix): Float64Array {
    return this.predictProba(X);
  }

  toJSON(): ModelJSON {
    return {
      family: "ensemble",
      params: this.params,
      state: {
        parts: this.parts.map((p) => ({
          weight: p.weight,
          offset: Array.from(p.offset),
          scale: Array.from(p.scale),
          model: p.model.toJSON(),
        })),
      },
    };
  }
}

/**
 * Fits every member's whole pipeline on `rows` (with probabilities: soft
 * voting averages them) and joins them into one pipeline.
 *
 * @param steps the store's preprocessing for a scaler (`storeSteps` of `selection/space.ts`)
 *
 * @example
 * ```ts
 * import type { FeatureTable } from "../features/feature_table.ts";
 * import { storeSteps } from "../selection/space.ts";
 * declare const train: FeatureTable, y: Uint8Array;
 * const members = [
 *   { family: "logistic" as const, params: { penalty: "l2", C: 0.1 }, scaler: "minmax" as const },
 *   { family: "knn" as const, params: { k: 28, weights: "distance" }, scaler: "standard" as const },
 * ];
 * const p = fitEnsemblePipeline({ members, weights: [0.5, 0.5] }, (s) => storeSteps(train, s), train, y);
 * p.predictProba(train);
 * ```
 */
export function fitEnsemblePipeline(
  params: EnsembleParams,
  steps: (scaler: ScalerKind) => ColumnStep[],
  rows: FeatureTable,
  y: Labels,
  options: FitOptions = {},
): FittedPipeline {
  checkParams(params);
  const common = fitColumnTransformer(steps("passthrough"), rows);
  const parts = params.members.map((m, i): EnsemblePart => {
    const own = fitPipeline(steps(m.scaler), makeClassifier(m.family, m.params), rows, y, {
      ...options,
      probability: true,
    });
    if (own.preprocess.outputNames.join("\u0000") !== common.outputNames.join("\u0000")) {
      throw new Error(`ensemble: member ${i} (${m.family}) has other input columns than the common preprocessing`);
    }
    return {
      weight: params.weights[i]!,
      ...affineOf(own.preprocess.steps, common.outputNames.length),
      model: own.model,
    };
  });
  return fittedPipeline(common, new EnsembleModel(params, parts));
}

/** The scaling steps of a member's preprocessing as offset and scale per common column (identity elsewhere). */
function affineOf(steps: readonly FittedStep[], cols: number): { offset: Float64Array; scale: Float64Array } {
  const offset = new Float64Array(cols), scale = new Float64Array(cols).fill(1);
  let at = 0;
  for (const s of steps) {
    if (s.kind === "onehot") {
      at += s.categories.reduce((n, c) => n + c.length - (s.dropFirst ? 1 : 0), 0);
    } else if (s.kind === "standard" || s.kind === "minmax") {
      s.columns.forEach((_, i) => {
        offset[at] = s.offset[i]!, scale[at] = s.scale[i]!;
        at++;
      });
    } else at += s.columns.length;
  }
  return { offset, scale };
}

function checkParams(p: EnsembleParams): void {
  if (p.members.length < 1 || p.members.length !== p.weights.length) {
    throw new Error("ensemble: expected at least one member and one weight per member");
  }
  const sum = p.weights.reduce((a, b) => a + b, 0);
  if (p.weights.some((w) => !(w >= 0)) || Math.abs(sum - 1) > 1e-9) {
    throw new Error(`ensemble: weights must be ≥ 0 and sum to 1, got ${JSON.stringify(p.weights)}`);
  }
}

/**
 * Rebuilds a fitted ensemble from `toJSON()` output (each member through the registry).
 *
 * @example
 * ```ts
 * import type { ModelJSON } from "./estimator.ts";
 * declare const json: ModelJSON;
 * ensembleFromJSON(json).parts.length;
 * ```
 */
export function ensembleFromJSON(json: ModelJSON): EnsembleModel {
  if (json.family !== "ensemble") throw new Error(`Expected an "ensemble" model, got ${JSON.stringify(json.family)}`);
  const params = json.params as unknown as EnsembleParams;
  const state = json.state as { parts?: unknown };
  if (!Array.isArray(params?.members) || !Array.isArray(params?.weights) || !Array.isArray(state?.parts)) {
    throw new Error("Malformed ensemble: expected params.members, params.weights and state.parts");
  }
  checkParams(params);
  const parts = state.parts.map((raw: unknown, i): EnsemblePart => {
    const p = raw as { weight?: unknown; offset?: unknown; scale?: unknown; model?: unknown };
    const numbers = (v: unknown): v is number[] =>
      Array.isArray(v) && v.every((x) => typeof x === "number" && Number.isFinite(x));
    if (typeof p.weight !== "number" || !numbers(p.offset) || !numbers(p.scale) || p.offset.length !== p.scale.length) {
      throw new Error(`Malformed ensemble part ${i}: expected weight, offset and scale of equal length`);
    }
    if (p.scale.some((s) => s === 0)) throw new Error(`Malformed ensemble part ${i}: a scale of 0`);
    return {
      weight: p.weight,
      offset: Float64Array.from(p.offset),
      scale: Float64Array.from(p.scale),
      model: modelFromJSON(p.model as ModelJSON),
    };
  });
  if (parts.length !== params.members.length) throw new Error("Malformed ensemble: one part per member expected");
  return new EnsembleModel(params, parts);
}
