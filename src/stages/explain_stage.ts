/**
 * The explanation stage: SHAP values of the chosen pipeline for every
 * customer, the training rows standing for "feature unknown".
 *
 * @module
 */
import type { RunConfig } from "../config/run_config.ts";
import { explainPipeline } from "../explain/explain.ts";
import type { Explanation } from "../explain/explanation.ts";
import type { FeatureTable } from "../features/feature_table.ts";
import type { FittedPipeline } from "../models/pipeline.ts";
import type { RunOptions } from "./model_stage.ts";

/** The explanation and the customers it explains. */
export interface ExplainResult {
  explanation: Explanation;
  /** The explained customers' features (row-aligned with the explanation). */
  rows: FeatureTable;
  seconds: number;
}

/**
 * Explains `rows` with `pipeline` against `background` (usually the training rows).
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import { takeTable } from "../features/feature_table.ts";
 * import type { ModelStage } from "../selection/select_model.ts";
 * import { runExplainStage } from "./explain_stage.ts";
 * declare const model: ModelStage;
 * const background = takeTable(model.table.features, model.split.train);
 * const e = await runExplainStage(model.pipeline, model.table.features, background, DEFAULT_CONFIG);
 * e.explanation.rows; // customers explained
 * ```
 */
export async function runExplainStage(
  pipeline: FittedPipeline,
  rows: FeatureTable,
  background: FeatureTable,
  config: RunConfig,
  run: RunOptions = {},
): Promise<ExplainResult> {
  const t0 = performance.now();
  const explanation = await explainPipeline(pipeline, rows, background, {
    seed: config.seed,
    samples: config.explain.samples,
    backgroundSize: config.explain.backgroundSize,
    ...(run.workers === undefined ? {} : { workers: run.workers }),
  });
  return { explanation, rows, seconds: (performance.now() - t0) / 1000 };
}
