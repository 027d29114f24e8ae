/**
 * The model stage: hold-out split, the search over the four families and
 * their soft-voting ensemble, the nested-CV quality estimate, the calibration
 * of the winner's probabilities and the threshold — all as the config says.
 *
 * @module
 */
import type { RunConfig } from "../config/run_config.ts";
import { type ModelStage, type ModelStageOptions, selectModel } from "../selection/select_model.ts";
import type { DataResult } from "./data_stage.ts";

/** How a stage runs, not what it computes (so not part of the config). */
export interface RunOptions {
  /** Worker threads; default: the machine's cores. */
  workers?: number;
}

/**
 * Selects the model on the data stage's customers.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import type { DataResult } from "./data_stage.ts";
 * import { runModelStage } from "./model_stage.ts";
 * declare const data: DataResult;
 * const model = await runModelStage(data, DEFAULT_CONFIG, { workers: 2 });
 * model.best.family; // "svc"
 * ```
 */
export function runModelStage(data: DataResult, config: RunConfig, run: RunOptions = {}): Promise<ModelStage> {
  return selectModel(data.frame, modelStageOptions(config, run));
}

/**
 * The selection's options from the run configuration (and how it runs).
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * modelStageOptions(DEFAULT_CONFIG, { workers: 2 }).nestedFolds; // 5
 * ```
 */
export function modelStageOptions(config: RunConfig, run: RunOptions = {}): ModelStageOptions {
  return {
    seed: config.seed,
    testSize: config.holdoutShare,
    folds: config.cv.folds,
    repeats: config.cv.repeats,
    minRecall: config.threshold.minRecall,
    nestedFolds: config.nestedCv.folds,
    nestedRepeats: config.nestedCv.repeats,
    calibrate: config.calibration.method === "auto",
    ...(run.workers === undefined ? {} : { workers: run.workers }),
  };
}
