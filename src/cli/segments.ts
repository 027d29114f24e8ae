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
import { takeTable } from "../features/feature_table.ts";
import { buildSegments, offersCsv, segmentsJson, type SegmentsResult } from "../segments/mod.ts";
import { type ModelStage, unseenProbabilities } from "../selection/select_model.ts";
import { DATA_OPTIONS, dataStage } from "./data.ts";
import { intOption, MODEL_OPTIONS, modelStage } from "./model.ts";
import { parseOptions, runCommand, writeFileAtomic } from "./run.ts";

const USAGE = "deno task segments [--data DIR] [--out DIR] [--seed S] [--workers N]";
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Explains every customer with the selected pipeline; writes explanations.json. */
export async function explainStage(
  stage: ModelStage,
  out: string,
  options: { seed?: number; workers?: number },
): Promise<Explanation> {
  const t0 = performance.now();
  const background = takeTable(stage.table.features, stage.split.train);
  const expl = await explainPipeline(stage.pipeline, stage.table.features, background, options);
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
      beeswarm: beeswarmData(expl, stage.table.features).map((p) => ({
        ...p,
        phi: r6(p.phi),
        valueRank: r6(p.valueRank),
      })),
    }) + "\n",
  );
  console.log(`Explained ${expl.rows} customers (${expl.method}) in ${seconds.toFixed(2)} s`);
  return expl;
}

/** Segments, recommendations and offers; writes segments.json and offers.csv. */
export async function segmentStage(
  frame: pl.DataFrame,
  stage: ModelStage,
  expl: Explanation,
  out: string,
): Promise<SegmentsResult> {
  const result = buildSegments({
    frame,
    probability: unseenProbabilities(stage),
    threshold: stage.best.threshold,
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

if (import.meta.main) {
  await runCommand(USAGE, async () => {
    const { values } = parseOptions(Deno.args, { ...DATA_OPTIONS, ...MODEL_OPTIONS });
    const out = values.out!;
    const { frame } = await dataStage(values.data, out);
    const workers = intOption("workers", values.workers, 1);
    const options = { seed: intOption("seed", values.seed, 0)!, ...(workers === undefined ? {} : { workers }) };
    const stage = await modelStage(frame, out, options);
    await segmentStage(frame, stage, await explainStage(stage, out, options), out);
  });
}
