/**
 * The files the stages leave behind and the report reads — one module per
 * artifact, each with the same parts:
 *
 * - `X_SCHEMA`: the zod schema (npm `zod`, v4), and `XArtifact = z.infer<…>`,
 *   its type — one declaration gives both the type and the validating
 *   reader, so the two cannot drift apart;
 * - `X_SCHEMA_VERSION`: the version written and the only one read;
 * - `buildXArtifact(result, config)`: the artifact from the stage's in-memory
 *   result and the run's {@linkcode RunConfig} (recorded in the file);
 * - `writeX(dir, artifact)`: atomic (a temporary name, then a rename);
 * - `readX(dir)`: reads and validates; a missing file, malformed JSON, another
 *   `schemaVersion` or a bad field is one `DataError` (exit 1) naming the file
 *   and the field path, never a stack trace.
 *
 * Every JSON artifact records `schemaVersion` and the effective `config`.
 * Files, in data-flow order, and the stage that writes each:
 *
 * | file              | module            | written by             |
 * | ----------------- | ----------------- | ---------------------- |
 * | quality.json      | quality.ts        | data                   |
 * | eda.json          | eda.ts            | EDA (notebook 02)      |
 * | metrics.json      | metrics.ts        | model                  |
 * | search.json       | search.ts         | model                  |
 * | model.json        | model.ts          | model (sealed, digest) |
 * | predictions.json  | predictions.ts    | model                  |
 * | explanations.json | explanations.ts   | explain                |
 * | segments.json     | segments.ts       | segments               |
 * | offers.json       | offers.ts         | segments (offers.csv is the Excel export, never read back) |
 * | campaign_plan.json | campaign_plan.ts | segments (decisions: economics, control groups) |
 *
 * zod was chosen because the run configuration already uses it (one schema
 * language for config and artifacts), it is typed end to end (`z.infer`),
 * reports the path of a bad field, and is widely used and maintained.
 *
 * @example
 * ```ts
 * import { buildMetricsArtifact, readMetrics, writeMetrics } from "./mod.ts";
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import type { ModelStage } from "../selection/select_model.ts";
 * declare const stage: ModelStage;
 * await writeMetrics("out/artifacts", buildMetricsArtifact(stage, DEFAULT_CONFIG));
 * (await readMetrics("out/artifacts")).config.cv.folds; // 5
 * ```
 *
 * @module
 */
import type { RunConfig } from "../config/run_config.ts";

export type { RunConfig };
export {
  type ArtifactSpec,
  artifactText,
  fieldPath,
  parseArtifact,
  readArtifact,
  writeArtifact,
  writeFileAtomic,
  writeFileAtomicChunks,
} from "./artifact_file.ts";
export * from "./quality.ts";
export * from "./eda.ts";
export * from "./metrics.ts";
export * from "./search.ts";
export {
  buildModelArtifact,
  canonicalJson,
  dataHash,
  MODEL_FILE,
  MODEL_SCHEMA_VERSION,
  type ModelArtifact,
  type ModelContent,
  modelDigest,
  modelText,
  parseModel,
  readModel,
  sealModel,
  writeModel,
} from "./model.ts";
export {
  buildPredictionsArtifact,
  type Predictions,
  PREDICTIONS_FILE,
  PREDICTIONS_SCHEMA,
  PREDICTIONS_SCHEMA_VERSION,
  type PredictionsArtifact,
  predictionsFromArtifact,
  predictionsOf,
  readPredictions,
  readPredictionsArtifact,
  writePredictions,
} from "./predictions.ts";
export * from "./explanations.ts";
export {
  buildSegmentsArtifact,
  type ProfileDifference,
  readSegments,
  type SegmentArtifact,
  SEGMENTS_FILE,
  SEGMENTS_SCHEMA,
  SEGMENTS_SCHEMA_VERSION,
  type SegmentsArtifact,
  writeSegments,
} from "./segments.ts";
export * from "./offers.ts";
export * from "./campaign.ts";
export * from "./campaign_plan.ts";
