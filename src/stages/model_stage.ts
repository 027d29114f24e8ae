/**
 * The model stage: hold-out split, the search over the four families and
 * their soft-voting ensemble, the nested-CV quality estimate, the calibration
 * of the winner's probabilities and the threshold — all as the config says.
 *
 * @module
 */
import type { RunConfig } from "../config/run_config.ts";
import { sampleFrame } from "../features/training_sample.ts";
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

/** What the model stage trains on: the data stage's customers, or a sample of them. */
export interface TrainingData {
  /** The customers the model is selected and calibrated on. */
  train: DataResult;
  /** Their rows in the whole frame (ascending), or null when the sample is everyone. */
  sample: Int32Array | null;
}

/**
 * The customers the model stage trains on: everyone when the export has at
 * most `training.sampleSize` of them, else the stratified, group-aware sample
 * of that size (`src/features/training_sample.ts`, seeded by `config.seed`) —
 * the rest are scored by the final model afterwards (see `saveModel`).
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import type { DataResult } from "./data_stage.ts";
 * import { runModelStage, trainingData } from "./model_stage.ts";
 * declare const data: DataResult;
 * const { train, sample } = trainingData(data, DEFAULT_CONFIG);
 * const model = await runModelStage(train, DEFAULT_CONFIG);
 * sample === null; // true for the store's 1297 customers
 * ```
 */
export function trainingData(data: DataResult, config: RunConfig): TrainingData {
  if (data.frame.height <= config.training.sampleSize) return { train: data, sample: null };
  const { rows, frame } = sampleFrame(data.frame, config.training.sampleSize, config.seed);
  return rows.length === data.frame.height
    ? { train: data, sample: null }
    : { train: { ...data, frame }, sample: rows };
}

/** The model stage and the customers it ran on. */
export interface SampledModelStage extends TrainingData {
  /** The selection, calibration and threshold (its tables hold `train`'s customers). */
  stage: ModelStage;
}

/**
 * The model stage as notebook 03 and the `model` and `segments` commands run
 * it: on {@linkcode trainingData}'s customers — everyone, or the stratified
 * sample of an export larger than `training.sampleSize`. Pass `sample` on to
 * `saveModel`, so that predictions.json covers every customer of `data`.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import type { DataResult } from "./data_stage.ts";
 * import { runSampledModelStage } from "./model_stage.ts";
 * import { saveModel } from "./save.ts";
 * declare const data: DataResult;
 * const { stage, sample } = await runSampledModelStage(data, DEFAULT_CONFIG, { workers: 2 });
 * await saveModel("out/dev", data, stage, DEFAULT_CONFIG, undefined, sample);
 * ```
 */
export async function runSampledModelStage(
  data: DataResult,
  config: RunConfig,
  run: RunOptions = {},
): Promise<SampledModelStage> {
  const { train, sample } = trainingData(data, config);
  return { train, sample, stage: await runModelStage(train, config, run) };
}
