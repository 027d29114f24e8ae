/**
 * The segment stage: risk × profit and the store's segments, their
 * statistics and recommendations, then the decisions — every customer's
 * action segment, one consent-aware action, the control groups and the
 * campaign plan (`src/decisions/`).
 *
 * @module
 */
import type pl from "nodejs-polars";
import type { RunConfig } from "../config/run_config.ts";
import type { Explanation } from "../explain/explanation.ts";
import { everyTopReasons } from "../segments/top_reasons.ts";
import { buildDecisions, type DecisionsResult } from "../decisions/mod.ts";
import { buildSegments, type SegmentInput, type SegmentOptions, type SegmentsResult } from "../segments/mod.ts";

/** The segments with the decisions: `offers` carry each customer's action, channel and group. */
export type SegmentsStageResult = Omit<SegmentsResult, "offers"> & DecisionsResult;

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
 * result.plan.overall.net; // the campaign's expected net value
 * ```
 */
export function runSegmentsStage(
  frame: pl.DataFrame,
  scores: Scores,
  explanation: Explanation,
  config: RunConfig,
): SegmentsStageResult {
  const input: SegmentInput = {
    frame,
    probability: scores.probability,
    threshold: scores.threshold,
    reasons: everyTopReasons(explanation, 3),
  };
  const segments = buildSegments(input, segmentOptions(config));
  return { ...segments, ...buildDecisions(input, segments, config) };
}

/**
 * The segment builder's options from the run configuration.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * segmentOptions(DEFAULT_CONFIG).horizonMonths; // 3
 * ```
 */
export function segmentOptions(config: RunConfig): SegmentOptions {
  return {
    profitQuantile: config.segments.profitQuantile,
    topProfitQuantile: config.segments.topProfitQuantile,
    ...(config.segments.promoCut === null ? {} : { promoCut: config.segments.promoCut }),
    horizonMonths: config.horizonMonths,
    alpha: config.significance.alpha,
    minDelta: config.significance.minCliffsDelta,
    minCramersV: config.significance.minCramersV,
  };
}
