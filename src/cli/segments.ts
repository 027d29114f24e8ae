/**
 * `deno task segments [--data DIR] [--out DIR] [--seed S] [--workers N]`: the
 * data and model stages, then explanations for every customer and the
 * segments, recommendations and personalised offers; writes
 * explanations.json, segments.json and offers.csv next to the other artifacts.
 *
 * @module
 */
import { join } from "node:path";
import type pl from "nodejs-polars";
import { beeswarmData, explainPipeline } from "../explain/explain.ts";
import { type Explanation, globalImportance, topReasons } from "../explain/explanation.ts";
import { type FeatureTable, labelledTable, takeTable } from "../features/feature_table.ts";
import { type FittedPipeline, pipelineFromJSON } from "../models/pipeline.ts";
import { DataError } from "../data/errors.ts";
import { readModel } from "../selection/model_file.ts";
import { buildSegments, offersCsv, segmentsJson, type SegmentsResult } from "../segments/mod.ts";
import { type Predictions, predictionsOf, readPredictions } from "./predictions.ts";
import { DATA_OPTIONS, dataStage } from "./data.ts";
import { intOption, MODEL_OPTIONS, modelStage } from "./model.ts";
import { parseOptions, runCommand, writeFileAtomic } from "./run.ts";

const USAGE = "deno task segments [--data DIR] [--out DIR] [--seed S] [--workers N]";
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Explains `rows` with the pipeline against `background`; writes explanations.json. */
export async function explainStage(
  pipeline: FittedPipeline,
  rows: FeatureTable,
  background: FeatureTable,
  out: string,
  options: { seed?: number; workers?: number },
): Promise<Explanation> {
  const t0 = performance.now();
  const expl = await explainPipeline(pipeline, rows, background, options);
  const seconds = (performance.now() - t0) / 1000;
  // Compact: the beeswarm holds one point per customer and feature.
  await writeFileAtomic(
    join(out, "explanations.json"),
    JSON.stringify({
      method: expl.method,
      output: expl.output,
      base: r6(expl.base),
      customers: expl.rows,
      importance: globalImportance(expl).map((g) => ({ ...g, meanAbs: r6(g.meanAbs) })),
      beeswarm: beeswarmData(expl, rows).map((p) => ({ ...p, phi: r6(p.phi), valueRank: r6(p.valueRank) })),
    }) + "\n",
  );
  console.log(`Explained ${expl.rows} customers (${expl.method}) in ${seconds.toFixed(2)} s`);
  return expl;
}

/** Segments, recommendations and offers; writes segments.json and offers.csv. */
export async function segmentStage(
  frame: pl.DataFrame,
  scores: Predictions,
  expl: Explanation,
  out: string,
): Promise<SegmentsResult> {
  const result = buildSegments({
    frame,
    probability: scores.probability,
    threshold: scores.threshold,
    reasons: Array.from({ length: expl.rows }, (_, i) => topReasons(expl, i, 3)),
  });
  await writeFileAtomic(join(out, "segments.json"), segmentsJson(result));
  await writeFileAtomic(join(out, "offers.csv"), offersCsv(result.offers));
  console.log(
    `Segments: ${result.segments.length}, recommendations: ${result.recommendations.length}, ` +
      `offers: ${result.offers.length} (segments.json, offers.csv)`,
  );
  return result;
}

/**
 * What the later stages need of the model stage, read back from its
 * artifacts (so the segments notebook can run on its own): the pipeline, the
 * training rows, and each customer's probability from a model that did not
 * see them.
 */
export async function readModelStage(frame: pl.DataFrame, out: string) {
  const predictions = await readPredictions(out);
  const model = await readModel(join(out, "model.json"));
  const table = labelledTable(frame);
  const ids = Array.from(table.ids);
  if (ids.length !== predictions.ids.length || ids.some((id, i) => id !== predictions.ids[i])) {
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

if (import.meta.main) {
  await runCommand(USAGE, async () => {
    const { values } = parseOptions(Deno.args, { ...DATA_OPTIONS, ...MODEL_OPTIONS });
    const out = values.out!;
    const data = await dataStage(values.data, out);
    const { frame } = data;
    const workers = intOption("workers", values.workers, 1);
    const options = { seed: intOption("seed", values.seed, 0)!, ...(workers === undefined ? {} : { workers }) };
    const stage = await modelStage(data, out, options);
    const background = takeTable(stage.table.features, stage.split.train);
    const expl = await explainStage(stage.pipeline, stage.table.features, background, out, options);
    await segmentStage(frame, predictionsOf(stage), expl, out);
  });
}
