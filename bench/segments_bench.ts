/**
 * `deno task bench:segments [--data DIR | --customers N] [--family F] [--workers W] [--parts] [--save DIR]`:
 * notebook 04's segment stage (`runSegmentsStage`: segments, their statistics
 * and recommendations, offers, decisions, the campaign plan) timed on an
 * export (`--data`, or a synthetic one of `--customers`, default 1 000 000,
 * written to a temporary folder). Its input is made as the report makes it,
 * only cheaper: the data stage, one family's grid (`--family`, default
 * logistic; nested CV off) trained on the stratified sample
 * (`training.sampleSize`), everyone's probability as predictions.json gives it
 * (`predictionsAtScale`), the explanation stage's reasons. Prints JSON: wall
 * and CPU seconds and the process's peak RSS (VmHWM) after each part (and each
 * part to stderr as it ends). `--parts` also times the stage's pieces one by
 * one on the same input; `--save DIR` writes segments.json, offers.json,
 * campaign_plan.json and offers.csv with the notebook's writer, to compare
 * two versions byte for byte.
 */
import { partTimer } from "./process_stats.ts";
import { DEFAULT_CONFIG, type RunConfig } from "../src/config/run_config.ts";
import { resolveSource } from "../src/data/source.ts";
import { parseOptions, runCommand, UsageError } from "../src/cli/run.ts";
import { benchExport } from "./bench_export.ts";
import { predictionsAtScale, predictionsOf } from "../src/artifacts/predictions.ts";
import { featureNames } from "../src/features/derived.ts";
import { featureTable, labelledTable, takeTable } from "../src/features/feature_table.ts";
import type { Family } from "../src/models/estimator.ts";
import { selectModel } from "../src/selection/select_model.ts";
import { ANCHOR_SPACE } from "../src/selection/space.ts";
import { buildDecisions } from "../src/decisions/mod.ts";
import { composition } from "../src/segments/composition.ts";
import { conclude } from "../src/segments/conclusion.ts";
import { customersOf } from "../src/segments/customers.ts";
import { computeCuts } from "../src/segments/cuts.ts";
import type { SegmentInput } from "../src/segments/input.ts";
import { MATRIX_RULES } from "../src/segments/matrix.ts";
import { buildOffers, offerOrder } from "../src/segments/offers.ts";
import { everyTopReasons } from "../src/segments/top_reasons.ts";
import { SEGMENT_DEFAULTS } from "../src/segments/options.ts";
import { profile } from "../src/segments/profile.ts";
import { recommend } from "../src/segments/recommend.ts";
import { measureSegment } from "../src/segments/segment.ts";
import { membership } from "../src/segments/segment_rule.ts";
import { STORE_RULES } from "../src/segments/store_segments.ts";
import { runDataStage } from "../src/stages/data_stage.ts";
import { runExplainStage } from "../src/stages/explain_stage.ts";
import { modelStageOptions, trainingData } from "../src/stages/model_stage.ts";
import { saveSegments } from "../src/stages/save.ts";
import { runSegmentsStage, segmentOptions } from "../src/stages/segments_stage.ts";

const USAGE =
  "deno task bench:segments [--data DIR | --customers N] [--family knn|tree|logistic|svc] [--workers W] [--parts] " +
  "[--save DIR]";

await runCommand(USAGE, async () => {
  const { values } = parseOptions(Deno.args, {
    data: { type: "string" },
    customers: { type: "string", default: "1000000" },
    family: { type: "string", default: "logistic" },
    workers: { type: "string" },
    parts: { type: "boolean", default: false },
    save: { type: "string" },
  });
  const families = ANCHOR_SPACE.map((f) => f.family);
  const family = values.family as Family;
  if (!families.includes(family)) {
    throw new UsageError(`--family must be one of ${families.join(", ")}, got "${family}"`);
  }
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1)) {
    throw new UsageError(`--workers must be a whole number ≥ 1, got "${values.workers}"`);
  }
  const run = workers === undefined ? {} : { workers };
  const { time, result } = partTimer();
  // The report's config, but the model stage cheap: one family, no nested CV (the input's origin is not timed here).
  const config: RunConfig = { ...DEFAULT_CONFIG, nestedCv: { ...DEFAULT_CONFIG.nestedCv, repeats: 0 } };
  const exported = await benchExport(values.data, values.customers, 20, "oneclick-segments-bench-");
  const data = await time("input: data stage", async () => runDataStage(await resolveSource(exported.dir), config));
  await exported.remove();
  const { train, sample } = trainingData(data, config);
  const model = await time("input: model on the sample", () =>
    selectModel(train.frame, {
      ...modelStageOptions(config, run),
      space: ANCHOR_SPACE.filter((f) => f.family === family),
    }));
  const table = labelledTable(data.frame);
  const predictions = await time(
    "input: score everyone",
    () => sample === null ? predictionsOf(model) : predictionsAtScale(model, table, sample),
  );
  const background = takeTable(model.table.features, model.split.train);
  const { explanation } = await time(
    "input: explain everyone",
    () => runExplainStage(model.pipeline, table.features, background, config, run, predictions.probability),
  );

  const stage = await time("runSegmentsStage", () => runSegmentsStage(data.frame, predictions, explanation, config));
  if (values.parts) {
    // The stage's pieces in its own order, each on its own (what runSegmentsStage and buildSegments compose).
    const o = { ...SEGMENT_DEFAULTS, ...segmentOptions(config) };
    const reasons = await time("part: top reasons", () => everyTopReasons(explanation, 3));
    const input: SegmentInput = {
      frame: data.frame,
      probability: predictions.probability,
      threshold: predictions.threshold,
      reasons,
    };
    const customers = await time("part: customer columns", () => customersOf(input));
    const cuts = await time("part: cuts", () => computeCuts(customers, input.threshold, o));
    const rules = [...MATRIX_RULES, ...STORE_RULES];
    const masks = await time("part: membership", () => rules.map((r) => membership(r, customers, cuts)));
    const names = featureNames().filter((f) => input.frame.columns.includes(f));
    const columns = await time("part: feature columns", () => featureTable(input.frame, names));
    await time("part: profiles", () => rules.map((r, k) => profile(columns, masks[k]!, { ...o, exclude: r.uses })));
    await time("part: compositions", () => rules.map((_, k) => composition(columns, masks[k]!)));
    const segments = await time(
      "part: measureSegment (both again, ranks cached)",
      () => rules.map((r, k) => measureSegment(r, masks[k]!, customers, columns, cuts, o)),
    );
    await time("part: recommend, conclude", () => {
      conclude(segments, recommend(segments), { threshold: cuts.threshold, alpha: o.alpha });
    });
    const offerRows = await time("part: offer order", () => offerOrder(customers, o.horizonMonths));
    const offers = await time(
      "part: buildOffers",
      () => buildOffers(customers, input.reasons, rules, masks, o.horizonMonths, offerRows),
    );
    await time("part: buildDecisions", () => buildDecisions(input, { cuts, offers, offerRows }, config));
  }
  if (values.save !== undefined) {
    const out = values.save;
    await time("save", () => saveSegments(out, stage, config));
  }
  console.log(JSON.stringify(
    {
      data: values.data ?? `synthetic (${values.customers} customers, seed 42)`,
      customers: data.frame.height,
      sample: sample?.length ?? data.frame.height,
      family: model.best.family,
      explanation: explanation.method,
      offers: stage.offers.length,
      parts: result,
    },
    null,
    1,
  ));
});
