/**
 * predictions.json: every customer's probability from a model that did not
 * see them (out-of-fold for training rows, the final model for the hold-out;
 * when the model stage trained on a sample of a large export, the final
 * model for everyone outside it: split "scored"), which rows trained the
 * model, and the threshold — what the explanation and segment stages read
 * from the model stage.
 *
 * @module
 */
import * as z from "zod";
import type { RunConfig } from "../config/run_config.ts";
import type { CustomerId } from "../data/customer_id.ts";
import type { FeatureTable } from "../features/feature_table.ts";
import { calibrateAll } from "../models/calibration.ts";
import { type ModelStage, unseenProbabilities } from "../selection/select_model.ts";
import { type ArtifactSpec, CONFIG_FIELD, readArtifact, writeArtifact } from "./artifact_file.ts";

/** The version of predictions.json this code writes and reads. */
export const PREDICTIONS_SCHEMA_VERSION = 1;

/** The schema of predictions.json. */
export const PREDICTIONS_SCHEMA = z.object({
  schemaVersion: z.literal(PREDICTIONS_SCHEMA_VERSION),
  config: CONFIG_FIELD,
  threshold: z.number(),
  /** One row per customer, in table order. */
  rows: z.array(z.object({
    id: z.string(),
    /** "scored": outside the training sample (files written before it had only "train" and "test"). */
    split: z.enum(["train", "test", "scored"]),
    probability: z.number().min(0).max(1),
  })),
});

/** predictions.json. */
export type PredictionsArtifact = z.infer<typeof PREDICTIONS_SCHEMA>;

/** How predictions.json is stored (compact: one row per customer). */
export const PREDICTIONS_FILE: ArtifactSpec<typeof PREDICTIONS_SCHEMA> = {
  file: "predictions.json",
  schemaVersion: PREDICTIONS_SCHEMA_VERSION,
  schema: PREDICTIONS_SCHEMA,
  writtenBy: "the model stage",
  pretty: false,
};

/** The model stage's scores per customer, in memory. */
export interface Predictions {
  threshold: number;
  /** Customer ids in table order. */
  ids: CustomerId[];
  /** Row numbers of the training customers. */
  train: Int32Array;
  /** Row numbers (ascending) of the model stage's sample when it was not everyone; the rest are "scored". */
  sample?: Int32Array;
  probability: Float64Array;
}

/**
 * The predictions of a finished model stage.
 *
 * @example
 * ```ts
 * import type { ModelStage } from "../selection/select_model.ts";
 * declare const stage: ModelStage;
 * predictionsOf(stage).probability.length === stage.table.y.length; // true
 * ```
 */
export function predictionsOf(stage: ModelStage): Predictions {
  return {
    threshold: stage.best.threshold,
    ids: Array.from(stage.table.ids),
    train: stage.split.train,
    probability: unseenProbabilities(stage),
  };
}

/**
 * The predictions of a model stage that ran on a sample (`sample`: its rows
 * in `all`, ascending) for every customer of `all`: the sample's customers
 * their unseen probability as in {@linkcode predictionsOf}, everyone else the
 * final pipeline's, calibrated as the model stage calibrated its own.
 *
 * @example
 * ```ts
 * import type { FeatureTable } from "../features/feature_table.ts";
 * import type { ModelStage } from "../selection/select_model.ts";
 * declare const stage: ModelStage, all: { ids: string[]; features: FeatureTable }, sample: Int32Array;
 * predictionsAtScale(stage, all, sample).probability.length === all.ids.length; // true
 * ```
 */
export function predictionsAtScale(
  stage: ModelStage,
  all: { ids: ArrayLike<CustomerId>; features: FeatureTable },
  sample: Int32Array,
): Predictions {
  const n = all.ids.length;
  if (sample.length !== stage.table.y.length) {
    throw new Error(`Expected ${stage.table.y.length} sample rows (the model stage's customers), got ${sample.length}`);
  }
  const raw = stage.pipeline.predictProba(all.features);
  const probability = stage.calibration ? calibrateAll(stage.calibration.calibrator, raw) : Float64Array.from(raw);
  const unseen = unseenProbabilities(stage);
  sample.forEach((row, k) => {
    if (row >= n || stage.table.ids[k] !== all.ids[row]) {
      throw new Error(`Sample row ${row} is not the model stage's customer "${stage.table.ids[k]}"`);
    }
    probability[row] = unseen[k]!;
  });
  return {
    threshold: stage.best.threshold,
    ids: Array.from(all.ids),
    train: Int32Array.from(stage.split.train, (k) => sample[k]!),
    sample,
    probability,
  };
}

/**
 * predictions.json from the predictions and the config.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import type { ModelStage } from "../selection/select_model.ts";
 * declare const stage: ModelStage;
 * const artifact = buildPredictionsArtifact(predictionsOf(stage), DEFAULT_CONFIG);
 * ```
 */
export function buildPredictionsArtifact(p: Predictions, config: RunConfig): PredictionsArtifact {
  const train = new Set(p.train);
  const inSample = new Uint8Array(p.ids.length).fill(p.sample ? 0 : 1);
  for (const i of p.sample ?? []) inSample[i] = 1;
  const split = (i: number) => train.has(i) ? "train" as const : inSample[i] ? "test" as const : "scored" as const;
  return {
    schemaVersion: PREDICTIONS_SCHEMA_VERSION,
    config,
    threshold: p.threshold,
    rows: p.ids.map((id, i) => ({ id, split: split(i), probability: p.probability[i]! })),
  };
}

/**
 * The in-memory predictions of an artifact.
 *
 * @example
 * ```ts
 * predictionsFromArtifact(await readPredictionsArtifact("out/artifacts")).threshold;
 * ```
 */
export function predictionsFromArtifact(a: PredictionsArtifact): Predictions {
  const scored = a.rows.some((r) => r.split === "scored");
  return {
    threshold: a.threshold,
    ids: a.rows.map((r) => r.id),
    train: Int32Array.from(a.rows.flatMap((r, i) => (r.split === "train" ? [i] : []))),
    ...(scored ? { sample: Int32Array.from(a.rows.flatMap((r, i) => (r.split === "scored" ? [] : [i]))) } : {}),
    probability: Float64Array.from(a.rows, (r) => r.probability),
  };
}

/**
 * Writes `dir/predictions.json` (atomic).
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import type { ModelStage } from "../selection/select_model.ts";
 * declare const stage: ModelStage;
 * await writePredictions("out/artifacts", buildPredictionsArtifact(predictionsOf(stage), DEFAULT_CONFIG));
 * ```
 */
export function writePredictions(dir: string, artifact: PredictionsArtifact): Promise<void> {
  return writeArtifact(PREDICTIONS_FILE, dir, artifact);
}

/**
 * Reads and validates `dir/predictions.json`.
 *
 * @example
 * ```ts
 * (await readPredictionsArtifact("out/artifacts")).rows.length;
 * ```
 */
export function readPredictionsArtifact(dir: string): Promise<PredictionsArtifact> {
  return readArtifact(PREDICTIONS_FILE, dir);
}

/**
 * Reads `dir/predictions.json` as the in-memory predictions the later stages take.
 *
 * @example
 * ```ts
 * const { probability, threshold } = await readPredictions("out/artifacts");
 * ```
 */
export async function readPredictions(dir: string): Promise<Predictions> {
  return predictionsFromArtifact(await readPredictionsArtifact(dir));
}
