/**
 * One small, real run for the artifact tests: 240 synthetic customers, the
 * data stage, the EDA, a small logistic-regression and tree search (fast, exact SHAP),
 * explanations, segments and offers — every stage result a builder takes,
 * with a config that differs from the defaults where the report reads it.
 */
import { parseRunConfig, type RunConfig } from "../../src/config/run_config.ts";
import { dataIdentity } from "../../src/data/identity.ts";
import type { DataSource } from "../../src/data/source.ts";
import { loadDataset } from "../../src/data/load.ts";
import { writeSynthetic } from "../../src/data/synth.ts";
import { edaConclusions, edaSummary } from "../../src/eda/mod.ts";
import { explainPipeline } from "../../src/explain/explain.ts";
import { topReasons } from "../../src/explain/explanation.ts";
import { takeTable } from "../../src/features/feature_table.ts";
import { buildDecisions } from "../../src/decisions/build_decisions.ts";
import { buildSegments, type SegmentInput } from "../../src/segments/mod.ts";
import { selectModel } from "../../src/selection/select_model.ts";
import { predictionsOf } from "../../src/artifacts/predictions.ts";

/** A config that differs from the defaults in the keys the report reads. */
export function testConfig(): RunConfig {
  const r = parseRunConfig({ seed: 7, cv: { folds: 3, repeats: 2 }, horizonMonths: 2 });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

/** Every stage result of one small run. */
export async function smallRun() {
  const config = testConfig();
  const dir = await Deno.makeTempDir();
  await writeSynthetic(dir, { customers: 240, seed: 3 });
  const source: DataSource & { identity: Awaited<ReturnType<typeof dataIdentity>> } = {
    dir,
    kind: "user",
    origin: "--data",
    identity: await dataIdentity(dir, { exportDate: "2026-11-30" }),
  };
  const { frame, quality } = await loadDataset(dir);
  const summary = edaSummary(frame);
  const stage = await selectModel(frame, {
    seed: config.seed,
    folds: config.cv.folds,
    repeats: config.cv.repeats,
    minRecall: config.threshold.minRecall,
    space: [
      { family: "logistic", params: { penalty: ["l2"], C: [0.1, 1] }, scalers: ["standard"] },
      { family: "tree", params: { maxDepth: [3], minSamplesLeaf: [5] }, scalers: ["passthrough"] },
    ],
    workers: 1,
  });
  const predictions = predictionsOf(stage);
  const rows = stage.table.features;
  const explanation = await explainPipeline(stage.pipeline, rows, takeTable(rows, stage.split.train), {
    seed: config.seed,
  });
  const input: SegmentInput = {
    frame,
    probability: predictions.probability,
    threshold: predictions.threshold,
    reasons: Array.from({ length: explanation.rows }, (_, i) => topReasons(explanation, i, 3)),
  };
  const scored = buildSegments(input, { horizonMonths: config.horizonMonths });
  const segments = { ...scored, ...buildDecisions(input, scored, config) };
  await Deno.remove(dir, { recursive: true });
  return {
    config,
    source,
    quality,
    eda: { summary, conclusions: edaConclusions(summary) },
    stage,
    predictions,
    explanation: { explanation, rows },
    segments,
  };
}
