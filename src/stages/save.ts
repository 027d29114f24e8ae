/**
 * Writing a stage's artifacts: the one place where stage results become
 * files (through the artifact modules' builders and writers). Each function
 * returns what it wrote, so a notebook draws its charts from exactly that.
 *
 * @module
 */
import { join } from "node:path";
import * as a from "../artifacts/mod.ts";
import { predictionsAtScale } from "../artifacts/predictions.ts";
import type { RunConfig } from "../config/run_config.ts";
import { DataError } from "../data/errors.ts";
import { type FeatureTable, type LabelledTable, labelledTable, takeTable } from "../features/feature_table.ts";
import { type FittedPipeline, pipelineFromJSON } from "../models/pipeline.ts";
import { offersCsvChunks } from "../segments/mod.ts";
import type { ModelStage } from "../selection/select_model.ts";
import type { DataResult } from "./data_stage.ts";
import type { EdaResult } from "./eda_stage.ts";
import type { ExplainResult } from "./explain_stage.ts";
import type { SegmentsStageResult } from "./segments_stage.ts";
import type pl from "nodejs-polars";

/** Writes quality.json. */
export async function saveData(out: string, data: DataResult, config: RunConfig): Promise<a.QualityArtifact> {
  const artifact = a.buildQualityArtifact({ source: data.summary.source, quality: data.summary }, config);
  await a.writeQuality(out, artifact);
  return artifact;
}

/** Writes eda.json. */
export async function saveEda(out: string, eda: EdaResult, config: RunConfig): Promise<a.EdaArtifact> {
  const artifact = a.buildEdaArtifact(eda, config);
  await a.writeEda(out, artifact);
  return artifact;
}

/** The model stage's artifacts. */
export interface ModelArtifacts {
  metrics: a.MetricsArtifact;
  search: a.SearchArtifact;
  model: a.ModelArtifact;
  predictions: a.PredictionsArtifact;
}

/**
 * Writes metrics.json (with the seed stability, when measured), search.json,
 * model.json (with the data stage's cleaning rules and the calibration, for
 * scoring) and predictions.json (calibrated probabilities). Everything is built
 * before anything is written, so a refused model leaves no partial set. When
 * the model stage ran on a sample of `data` (`sample`: its rows, from
 * `trainingData`), predictions.json covers every customer of `data`: those
 * outside the sample scored by the final calibrated pipeline.
 */
export async function saveModel(
  out: string,
  data: DataResult,
  model: ModelStage,
  config: RunConfig,
  stability?: a.StabilityMetrics | undefined,
  sample?: Int32Array | null,
): Promise<ModelArtifacts> {
  const calibration = model.calibration === null
    ? undefined
    : { calibrator: model.calibration.calibrator, threshold: model.best.threshold };
  const artifacts: ModelArtifacts = {
    metrics: a.buildMetricsArtifact(model, config, stability),
    search: a.buildSearchArtifact(model, config),
    model: await a.buildModelArtifact({
      stage: model,
      revenueRules: data.summary.revenueRules,
      calibration,
      // The action segments' value cut is a quantile of these rows' profit, as the segments stage cuts it.
      profit: data.frame.columns.includes("profit")
        ? Float64Array.from(data.frame.getColumn("profit").toArray(), Number)
        : undefined,
    }, config),
    predictions: a.buildPredictionsArtifact(
      sample ? predictionsAtScale(model, labelledTable(data.frame), sample) : a.predictionsOf(model),
      config,
    ),
  };
  a.modelText(artifacts.model); // refuses non-finite values before any file is written
  await a.writeMetrics(out, artifacts.metrics);
  await a.writeSearch(out, artifacts.search);
  await a.writeModel(out, artifacts.model);
  await a.writePredictions(out, artifacts.predictions);
  return artifacts;
}

/** Writes explanations.json. */
export async function saveExplain(
  out: string,
  explain: ExplainResult,
  config: RunConfig,
): Promise<a.ExplanationsArtifact> {
  const artifact = a.buildExplanationsArtifact(explain, config);
  await a.writeExplanations(out, artifact);
  return artifact;
}

/**
 * Writes segments.json, offers.json (for the report), campaign_plan.json (the
 * decisions' economics and control groups) and offers.csv (the Excel export).
 */
export async function saveSegments(
  out: string,
  result: SegmentsStageResult,
  config: RunConfig,
): Promise<{ segments: a.SegmentsArtifact; plan: a.CampaignPlanArtifact }> {
  const segments = a.buildSegmentsArtifact(result, config);
  const plan = a.buildCampaignPlanArtifact(result, config);
  await a.writeSegments(out, segments);
  // Both per-customer files in pieces: a million offers are more text than one string holds.
  await a.writeOffersOf(out, result, config);
  await a.writeCampaignPlan(out, plan);
  await a.writeFileAtomicChunks(out, "offers.csv", offersCsvChunks(result.offers, config.horizonMonths));
  return { segments, plan };
}

/** What the later stages need of a finished model stage, read back from its artifacts. */
export interface SavedModel {
  table: LabelledTable;
  pipeline: FittedPipeline;
  /** The training rows (what "feature unknown" draws from). */
  background: FeatureTable;
  predictions: a.Predictions;
}

/**
 * Reads model.json and predictions.json back (so the segments notebook can
 * run on its own) and checks they describe the customers of `frame`.
 */
export async function loadModel(frame: pl.DataFrame, out: string): Promise<SavedModel> {
  const predictions = await a.readPredictions(out);
  const model = await a.readModel(join(out, a.MODEL_FILE));
  const missing = [...model.features.numeric, ...Object.keys(model.features.categorical)]
    .filter((f) => !frame.columns.includes(f));
  if (missing.length > 0) {
    throw new DataError([{
      file: join(out, a.MODEL_FILE),
      column: "features",
      expected: `columns the data has; add the derived feature(s) ${missing.map((f) => `"${f}"`).join(", ")} ` +
        "with withFeatures, as the notebook that trained the model did",
    }]);
  }
  const table = labelledTable(frame);
  if (table.ids.length !== predictions.ids.length || table.ids.some((id, i) => id !== predictions.ids[i])) {
    throw new DataError([{
      file: join(out, "predictions.json"),
      expected: "the customers of the data the model stage ran on (run the model stage again)",
    }]);
  }
  return {
    table,
    pipeline: pipelineFromJSON(model.pipeline),
    background: takeTable(table.features, predictions.train),
    predictions,
  };
}
