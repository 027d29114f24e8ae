/**
 * predictions.json: every customer's probability from a model that did not
 * see them (out-of-fold for training rows, the final model for the hold-out),
 * which rows trained the model, and the threshold — what the explanation and
 * segment stages read from the model stage.
 *
 * @module
 */
import * as z from "zod";
import type { RunConfig } from "../config/run_config.ts";
import type { CustomerId } from "../data/customer_id.ts";
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
    split: z.enum(["train", "test"]),
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
  return {
    schemaVersion: PREDICTIONS_SCHEMA_VERSION,
    config,
    threshold: p.threshold,
    rows: p.ids.map((id, i) => ({ id, split: train.has(i) ? "train" : "test", probability: p.probability[i]! })),
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
  return {
    threshold: a.threshold,
    ids: a.rows.map((r) => r.id),
    train: Int32Array.from(a.rows.flatMap((r, i) => (r.split === "train" ? [i] : []))),
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
