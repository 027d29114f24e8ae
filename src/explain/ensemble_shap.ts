/**
 * SHAP values of the soft-voting ensemble. SHAP is linear in the model, so
 * the SHAP values of a weighted mean of probabilities are the weighted mean of
 * the members' SHAP values of their probabilities. A tree member is explained
 * exactly (interventional TreeSHAP of its leaf probability, all training rows
 * as background). Every other member is sampled: one permutation-sampling run
 * over the weighted sum of their probabilities, which — with shared
 * permutations and background — is exactly the weighted sum of their own
 * sampled SHAP values. The logistic member is sampled too: its exact linear
 * SHAP is in log-odds, not the probability the vote averages. The sampling
 * background is k-means on the standardised training rows (the members scale
 * differently; unscaled centroids would follow the widest feature).
 * base + Σφ equals the ensemble's probability for every customer, to rounding.
 *
 * @module
 */
import { type EnsembleMember, EnsembleModel } from "../models/ensemble.ts";
import type { Matrix } from "../models/estimator.ts";
import { type FittedPipeline, fittedPipeline } from "../models/pipeline.ts";
import { FittedDecisionTree } from "../models/tree.ts";
import { type Background, kmeansBackground, uniformBackground } from "./background.ts";
import type { Explanation } from "./explanation.ts";
import type { Players } from "./players.ts";
import { samplingShapParallel } from "./sampling_pool.ts";
import { treeShap } from "./tree_shap.ts";

/** Options of {@linkcode ensembleShap} (as `explainPipeline`'s, all given). */
export interface EnsembleShapOptions {
  seed: number;
  samples: number;
  backgroundSize: number;
  workers: number;
}

/**
 * SHAP values of an ensemble pipeline for the transformed rows `X`, with the
 * transformed background rows `B`.
 *
 * @example
 * ```ts
 * import type { FeatureTable } from "../features/feature_table.ts";
 * import type { FittedPipeline } from "../models/pipeline.ts";
 * import { pipelinePlayers } from "./players.ts";
 * declare const pipeline: FittedPipeline, rows: FeatureTable, train: FeatureTable;
 * const pre = pipeline.preprocess;
 * const e = await ensembleShap(pipeline, pre.transform(rows), pre.transform(train), pipelinePlayers(pre), {
 *   seed: 42, samples: 64, backgroundSize: 16, workers: 2,
 * });
 * ```
 */
export async function ensembleShap(
  pipeline: FittedPipeline,
  X: Matrix,
  B: Matrix,
  players: Players,
  o: EnsembleShapOptions,
): Promise<Explanation> {
  const model = pipeline.model;
  if (!(model instanceof EnsembleModel)) throw new Error("ensembleShap: the pipeline's model is not an ensemble");
  const m = players.features.length;
  const phi = new Float64Array(X.rows * m), value = new Float64Array(X.rows);
  let base = 0;
  const methods: string[] = [];
  const add = (e: Explanation, w: number) => {
    for (let i = 0; i < phi.length; i++) phi[i]! += w * e.phi[i]!;
    for (let i = 0; i < X.rows; i++) value[i]! += w * e.value[i]!;
    base += w * e.base;
  };
  const members = model.params.members as EnsembleMember[];
  const exact = model.parts.flatMap((p, i) => p.model instanceof FittedDecisionTree ? [i] : []);
  const sampled = model.parts.flatMap((_, i) => exact.includes(i) ? [] : [i]);
  for (const i of exact) {
    const part = model.parts[i]!;
    const e = treeShap(
      part.model as FittedDecisionTree,
      model.partInput(i, X),
      uniformBackground(model.partInput(i, B)),
      players,
    );
    add(e, part.weight);
    methods.push(`${members[i]!.family} (weight ${round(part.weight)}): ${e.method}`);
  }
  if (sampled.length > 0) {
    // The sampled members' weighted sum, as an ensemble of its own (weights renormalised, φ scaled back).
    const total = sampled.reduce((s, i) => s + model.parts[i]!.weight, 0);
    const sub = new EnsembleModel(
      {
        members: sampled.map((i) => (model.params.members as EnsembleMember[])[i]!),
        weights: sampled.map((i) => model.parts[i]!.weight / total),
      },
      sampled.map((i) => ({ ...model.parts[i]!, weight: model.parts[i]!.weight / total })),
    );
    const e = await samplingShapParallel(
      fittedPipeline(pipeline.preprocess, sub),
      X,
      standardisedBackground(B, players, o.backgroundSize, o.seed),
      players,
      { seed: o.seed, samples: o.samples },
      o.workers,
    );
    add(e, total);
    methods.push(
      `${sampled.map((i) => members[i]!.family).join(" + ")} (weight ${round(total)}, sampled together: ` +
        "shared permutations make it the weighted sum of their sampled SHAP values; the centroids found on the " +
        `standardised rows): ${e.method}`,
    );
  }
  return {
    output: "probability",
    features: players.features,
    base,
    phi,
    rows: X.rows,
    value,
    method: `soft-voting ensemble of ${members.map((m) => m.family).join(", ")}: SHAP of the weighted mean of ` +
      "probabilities = the weighted mean of the members' SHAP values of their probability; exact members exact, " +
      "sampled members sampled (the logistic member too: its exact linear SHAP is in log-odds, not the voted " +
      `probability); base + Σφ = the ensemble's probability. ${methods.join("; ")}`,
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * k-means centroids found on the standardised rows, mapped back to the rows'
 * own scale, so that every feature counts alike whatever its unit.
 */
export function standardisedBackground(B: Matrix, players: Players, k: number, seed: number): Background {
  const mean = new Float64Array(B.cols), sd = new Float64Array(B.cols);
  for (let c = 0; c < B.cols; c++) {
    let s = 0, s2 = 0;
    for (let r = 0; r < B.rows; r++) s += B.data[r * B.cols + c]!;
    mean[c] = s / B.rows;
    for (let r = 0; r < B.rows; r++) s2 += (B.data[r * B.cols + c]! - mean[c]!) ** 2;
    sd[c] = Math.sqrt(s2 / B.rows) || 1;
  }
  const Z = B.data.map((v, i) => (v - mean[i % B.cols]!) / sd[i % B.cols]!);
  const bg = kmeansBackground({ rows: B.rows, cols: B.cols, data: Z }, players, k, seed);
  const data = bg.X.data.map((z, i) => z * sd[i % B.cols]! + mean[i % B.cols]!);
  return { X: { rows: bg.X.rows, cols: bg.X.cols, data }, weights: bg.weights };
}
