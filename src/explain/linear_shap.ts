/**
 * Exact SHAP values of a logistic regression in log-odds. With features
 * treated as independent (interventional SHAP), the Shapley value of a linear
 * function's player is its own term's deviation from the background mean:
 * φ_j = Σ over feature j's columns c of w_c·(x_c − mean_c), base = w·mean + b.
 * Grouping columns into one player changes nothing for a linear model (the
 * terms are additive), so one-hot columns are simply summed.
 *
 * @module
 */
import type { Matrix } from "../models/estimator.ts";
import type { LogisticModel } from "../models/logistic.ts";
import type { Explanation } from "./explanation.ts";
import type { Players } from "./players.ts";

/**
 * SHAP values of `model`'s log-odds for the rows of `X` (transformed), against
 * the mean of the `background` rows (transformed; usually the training rows).
 * Additive to rounding: base + Σφ = the row's log-odds.
 *
 * @example
 * ```ts
 * import type { FeatureTable } from "../features/feature_table.ts";
 * import type { LogisticModel } from "../models/logistic.ts";
 * import type { FittedPipeline } from "../models/pipeline.ts";
 * import { linearShap } from "./linear_shap.ts";
 * import { pipelinePlayers } from "./players.ts";
 * declare const pipeline: FittedPipeline, rows: FeatureTable, train: FeatureTable;
 * const pre = pipeline.preprocess;
 * const e = linearShap(pipeline.model as LogisticModel, pre.transform(rows), pre.transform(train), pipelinePlayers(pre));
 * e.base + e.phi.subarray(0, e.features.length).reduce((a, b) => a + b); // ≈ e.value[0]
 * ```
 */
export function linearShap(model: LogisticModel, X: Matrix, background: Matrix, players: Players): Explanation {
  const { coef, intercept } = model;
  const p = coef.length;
  if (X.cols !== p || background.cols !== p) {
    throw new Error(`Expected ${p} transformed columns, got ${X.cols} (rows) and ${background.cols} (background)`);
  }
  if (background.rows === 0) throw new Error("The background has no rows");
  const mean = new Float64Array(p);
  for (let r = 0; r < background.rows; r++) for (let c = 0; c < p; c++) mean[c]! += background.data[r * p + c]!;
  for (let c = 0; c < p; c++) mean[c]! /= background.rows;
  let base = intercept;
  for (let c = 0; c < p; c++) base += coef[c]! * mean[c]!;

  const m = players.features.length;
  const phi = new Float64Array(X.rows * m);
  for (let i = 0; i < X.rows; i++) {
    for (let c = 0; c < p; c++) phi[i * m + players.playerOf[c]!]! += coef[c]! * (X.data[i * p + c]! - mean[c]!);
  }
  return {
    output: "log-odds",
    features: [...players.features],
    base,
    phi,
    rows: X.rows,
    value: model.decisionFunction(X),
    method: `exact linear SHAP of the logistic regression's log-odds (independent features: each feature's ` +
      `weighted deviation from the mean of ${background.rows} background rows; one-hot columns summed per feature)`,
  };
}
