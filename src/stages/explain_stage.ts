/**
 * The explanation stage: SHAP values of the chosen pipeline for every
 * customer, the training rows standing for "feature unknown". An export
 * larger than `training.sampleSize` (the model trained on a sample of it)
 * is explained at scale (`src/explain/explain_at_scale.ts`): exactly where
 * the family has a cheap exact method, else as many customers as trained the
 * model (at most 1000), spread over the range of risk, exactly and the rest
 * by the cheaper rule that agrees better with them.
 *
 * @module
 */
import type { RunConfig } from "../config/run_config.ts";
import { explainPipeline } from "../explain/explain.ts";
import { DEFAULT_EXPLAINED, explainAtScale } from "../explain/explain_at_scale.ts";
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
 * Whether `rows` customers are explained at scale: more than the model
 * trained on at most (`training.sampleSize`).
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * explainsAtScale(1297, DEFAULT_CONFIG); // false
 * ```
 */
export function explainsAtScale(rows: number, config: RunConfig): boolean {
  return rows > config.training.sampleSize;
}

/**
 * Explains `rows` with `pipeline` against `background` (usually the training rows).
 * At scale (see {@linkcode explainsAtScale}) the exactly explained customers
 * are drawn from strata of `probability` (default: the pipeline's own).
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
  probability?: ArrayLike<number>,
): Promise<ExplainResult> {
  const t0 = performance.now();
  const options = {
    seed: config.seed,
    samples: config.explain.samples,
    backgroundSize: config.explain.backgroundSize,
    ...(run.workers === undefined ? {} : { workers: run.workers }),
  };
  const explanation = explainsAtScale(rows.rows, config)
    ? (await explainAtScale(pipeline, rows, background, probability ?? pipeline.predictProba(rows), {
      ...options,
      explained: Math.min(DEFAULT_EXPLAINED, config.training.sampleSize),
    })).explanation
    : await explainPipeline(pipeline, rows, background, options);
  return { explanation, rows, seconds: (performance.now() - t0) / 1000 };
}
