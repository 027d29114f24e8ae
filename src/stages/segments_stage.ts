/**
 * The segment stage: risk × profit and the store's segments, their
 * statistics and recommendations, and one offer per customer.
 *
 * @module
 */
import type pl from "nodejs-polars";
import type { RunConfig } from "../config/run_config.ts";
import { type Explanation, topReasons } from "../explain/explanation.ts";
import { buildSegments, type SegmentsResult } from "../segments/mod.ts";

/** Each customer's probability from a model that did not see them, and the threshold. */
export interface Scores {
  probability: Float64Array;
  threshold: number;
}

/**
 * Segments the customers of `frame` (row-aligned with `scores` and `explanation`).
 *
 * @example
 * ```ts
 * import { predictionsOf } from "../artifacts/predictions.ts";
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import type { ModelStage } from "../selection/select_model.ts";
 * import type { DataResult } from "./data_stage.ts";
 * import type { ExplainResult } from "./explain_stage.ts";
 * import { runSegmentsStage } from "./segments_stage.ts";
 * declare const data: DataResult, model: ModelStage, e: ExplainResult;
 * const result = runSegmentsStage(data.frame, predictionsOf(model), e.explanation, DEFAULT_CONFIG);
 * result.offers.length; // one per customer
 * ```
 */
export function runSegmentsStage(
  frame: pl.DataFrame,
  scores: Scores,
  explanation: Explanation,
  config: RunConfig,
): SegmentsResult {
  return buildSegments({
    frame,
    probability: scores.probability,
    threshold: scores.threshold,
    reasons: Array.from({ length: explanation.rows }, (_, i) => topReasons(explanation, i, 3)),
  }, {
    profitQuantile: config.segments.profitQuantile,
    topProfitQuantile: config.segments.topProfitQuantile,
    ...(config.segments.promoCut === null ? {} : { promoCut: config.segments.promoCut }),
    horizonMonths: config.horizonMonths,
    alpha: config.significance.alpha,
    minDelta: config.significance.minCliffsDelta,
    minCramersV: config.significance.minCramersV,
  });
}
