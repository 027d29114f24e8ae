/**
 * One fitted model per family (and per KNN variant) on an export, written as
 * model.json by the artifact writer, for the SQL tests and the benchmark.
 */
import { join } from "node:path";
import { dataHash, MODEL_SCHEMA_VERSION, modelDecisions, readModel, writeModel } from "../../src/artifacts/model.ts";
import type { ModelArtifact } from "../../src/artifacts/model.ts";
import { DEFAULT_CONFIG } from "../../src/config/run_config.ts";
import { loadDataset } from "../../src/data/load.ts";
import { featureSchema } from "../../src/features/feature_schema.ts";
import { labelledTable } from "../../src/features/feature_table.ts";
import type { ScalerKind } from "../../src/models/column_transformer.ts";
import type { Family } from "../../src/models/estimator.ts";
import { type CalibrationMethod, fitCalibrator } from "../../src/models/calibration.ts";
import { type EnsembleParams, fitEnsemblePipeline } from "../../src/models/ensemble.ts";
import { fitPipeline, type PipelineJSON } from "../../src/models/pipeline.ts";
import { makeClassifier } from "../../src/models/registry.ts";
import { ensureSvcRuntime } from "../../src/models/svc.ts";
import { storeSteps } from "../../src/selection/space.ts";

/** A model to fit: family, parameters, scaler. */
export interface ModelSpec {
  name: string;
  /** A family, or the soft-voting ensemble (`params` are then `EnsembleParams`). */
  family: Family | "ensemble";
  params: Record<string, unknown>;
  scaler: ScalerKind;
  /**
   * KNN only: round the stored (min-max scaled) training rows to 0 or 1, so
   * that many training rows are identical and the k-th neighbour falls inside
   * a group of exactly tied distances with mixed labels: the tie rule decides.
   */
  tiedTraining?: boolean;
  /** A calibration fitted on the pipeline's probabilities of the training rows, stored in model.json. */
  calibration?: CalibrationMethod;
}

const ENSEMBLE: EnsembleParams = {
  members: [
    { family: "logistic", params: { penalty: "l2", C: 1 }, scaler: "standard" },
    { family: "tree", params: { maxDepth: 5, minSamplesLeaf: 5 }, scaler: "minmax" },
    { family: "svc", params: { kernel: "rbf", C: 1 }, scaler: "standard" },
    { family: "knn", params: { k: 7, weights: "distance", metric: "euclidean" }, scaler: "minmax" },
  ],
  weights: [0.3, 0.2, 0.3, 0.2],
};

/**
 * Every family, with the variants whose SQL differs: KNN with uniform weights
 * and the Manhattan metric on min-max inputs (many exactly tied distances: the
 * tie rule matters) and with distance weights and the Euclidean metric.
 */
export const MODEL_SPECS: readonly ModelSpec[] = [
  { name: "logistic", family: "logistic", params: { penalty: "l2", C: 1 }, scaler: "standard" },
  { name: "tree", family: "tree", params: { maxDepth: 7, minSamplesLeaf: 3 }, scaler: "minmax" },
  { name: "svc", family: "svc", params: { kernel: "rbf", C: 1 }, scaler: "standard" },
  {
    name: "knn_uniform_manhattan",
    family: "knn",
    params: { k: 9, weights: "uniform", metric: "manhattan" },
    scaler: "minmax",
  },
  {
    name: "knn_distance_euclidean",
    family: "knn",
    params: { k: 5, weights: "distance", metric: "euclidean" },
    scaler: "passthrough",
  },
  {
    name: "knn_tied",
    family: "knn",
    params: { k: 10, weights: "uniform", metric: "euclidean" },
    scaler: "minmax",
    tiedTraining: true,
  },
  {
    name: "logistic_sigmoid",
    family: "logistic",
    params: { penalty: "l1", C: 0.5 },
    scaler: "minmax",
    calibration: "sigmoid",
  },
  {
    name: "ensemble_isotonic",
    family: "ensemble",
    params: ENSEMBLE as unknown as Record<string, unknown>,
    scaler: "passthrough",
    calibration: "isotonic",
  },
];

/**
 * Fits each spec on the customers of `dataDir` (at most `maxRows`, the first
 * by id) and writes `out/<name>/model.json`; returns the models as read back.
 */
export async function fitModels(
  dataDir: string,
  out: string,
  specs: readonly ModelSpec[] = MODEL_SPECS,
  maxRows = Infinity,
): Promise<Map<string, ModelArtifact>> {
  const { frame, quality } = await loadDataset(dataDir);
  const training = frame.head(Math.min(frame.height, maxRows));
  const table = labelledTable(training);
  // The value cut as a run stores it: the profit quantile of the customers the model was built on.
  const decisions = modelDecisions(
    Float64Array.from(training.getColumn("profit").toArray(), Number),
    DEFAULT_CONFIG.segments.profitQuantile,
  );
  await ensureSvcRuntime();
  const models = new Map<string, ModelArtifact>();
  for (const spec of specs) {
    const options = { probability: true, seed: 1 };
    const pipeline = spec.family === "ensemble"
      ? fitEnsemblePipeline(
        spec.params as unknown as EnsembleParams,
        (scaler) => storeSteps(table.features, scaler),
        table.features,
        table.y,
        options,
      )
      : fitPipeline(
        storeSteps(table.features, spec.scaler),
        makeClassifier(spec.family, spec.params),
        table.features,
        table.y,
        options,
      );
    const calibration = spec.calibration
      ? { calibration: fitCalibrator(spec.calibration, pipeline.predictProba(table.features), table.y) }
      : {};
    const dir = join(out, spec.name);
    await Deno.mkdir(dir, { recursive: true });
    await writeModel(dir, {
      schemaVersion: MODEL_SCHEMA_VERSION,
      config: DEFAULT_CONFIG,
      family: spec.family,
      params: spec.params,
      scaler: spec.scaler,
      threshold: 0.45,
      features: featureSchema(table.features),
      trainingRows: table.features.rows,
      trainingDataHash: await dataHash(table.features, table.y),
      cleaning: { revenueRules: quality.revenueRules },
      pipeline: spec.tiedTraining ? tieTraining(pipeline.toJSON()) : pipeline.toJSON(),
      ...calibration,
      decisions,
    });
    models.set(spec.name, await readModel(join(dir, "model.json")));
  }
  return models;
}

/** The pipeline with its KNN training rows rounded (see `ModelSpec.tiedTraining`). */
function tieTraining(p: PipelineJSON): PipelineJSON {
  const state = p.model.state as { data: number[] };
  return { ...p, model: { ...p.model, state: { ...state, data: state.data.map(Math.round) } } };
}
