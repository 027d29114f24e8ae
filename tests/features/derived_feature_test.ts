import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { buildModelArtifact } from "../../src/artifacts/model.ts";
import { predictionsOf } from "../../src/artifacts/predictions.ts";
import { DEFAULT_CONFIG } from "../../src/config/run_config.ts";
import { DataError } from "../../src/data/errors.ts";
import { writeSynthetic } from "../../src/data/synth.ts";
import { globalImportance, topReasons } from "../../src/explain/explanation.ts";
import { addFeatures, type DerivedFeature, featureLabel } from "../../src/features/derived.ts";
import { MODEL_FEATURES, takeTable } from "../../src/features/feature_table.ts";
import { scoreExport } from "../../src/scoring/score_export.ts";
import { selectModel } from "../../src/selection/select_model.ts";
import { runExplainStage } from "../../src/stages/explain_stage.ts";
import { runSegmentsStage } from "../../src/stages/segments_stage.ts";
import { runDataStage, withFeatures } from "../../src/stages/data_stage.ts";

const dir = await Deno.makeTempDir();
await writeSynthetic(dir, { customers: 300, seed: 5 });
const data = await runDataStage({ dir, kind: "user", origin: "--data" }, DEFAULT_CONFIG);
const { frame, summary: quality } = data;

// One fast family: the point is where the feature goes, not which model wins.
const SEARCH = {
  space: [{ family: "logistic" as const, params: { penalty: ["l2"], C: [1] }, scalers: ["standard" as const] }],
  workers: 1,
  repeats: 2,
  seed: 3,
};
const TREND: DerivedFeature = {
  name: "revenue_trend",
  label: "Динамика выручки",
  group: "purchase",
  type: "number",
  expr: pl.col("revenue_current").div(pl.col("revenue_prev_prev")).minus(1),
};

/** Model, explanation and segments of `f`, as the notebooks chain the stages. */
async function pipeline(f: pl.DataFrame) {
  const model = await selectModel(f, SEARCH);
  const background = takeTable(model.table.features, model.split.train);
  const e = await runExplainStage(model.pipeline, model.table.features, background, DEFAULT_CONFIG, { workers: 1 });
  const segments = runSegmentsStage(f, predictionsOf(model), e.explanation, DEFAULT_CONFIG);
  const artifact = await buildModelArtifact({ stage: model, revenueRules: quality.revenueRules }, DEFAULT_CONFIG);
  return { model, e, segments, artifact };
}

// Before any derived feature exists in this process: the baseline.
const before = await pipeline(frame);
const wider = withFeatures(data, [TREND]).frame;
const derived = await pipeline(wider);
const after = await pipeline(frame);

Deno.test("a derived feature's column is the expression's value for every customer", () => {
  const cur = frame.getColumn("revenue_current").toArray() as number[];
  const pp = frame.getColumn("revenue_prev_prev").toArray() as number[];
  const got = wider.getColumn("revenue_trend").toArray() as number[];
  assert.equal(got.length, frame.height);
  got.forEach((v, i) => assert.ok(Math.abs(v - (cur[i]! / pp[i]! - 1)) < 1e-12));
  assert.equal(featureLabel("revenue_trend"), "Динамика выручки");
});

Deno.test("a derived feature reaches the search's table, the explanation and the model file", () => {
  const numeric = Object.keys(derived.model.table.features.numeric);
  assert.ok(numeric.includes("revenue_trend"));
  assert.ok(derived.e.explanation.features.includes("revenue_trend"));
  const importance = globalImportance(derived.e.explanation).find((r) => r.feature === "revenue_trend");
  assert.equal(importance?.label, "Динамика выручки");
  assert.ok(importance.meanAbs > 0, "a logistic model with the column gives it a non-zero weight");
  const reasons = Array.from({ length: derived.e.explanation.rows }, (_, i) => topReasons(derived.e.explanation, i, 17))
    .flat().filter((r) => r.feature === "revenue_trend");
  assert.ok(reasons.length > 0 && reasons.every((r) => r.label === "Динамика выручки"));
  assert.ok(derived.artifact.features.numeric.includes("revenue_trend"));
  assert.ok("revenue_trend" in derived.artifact.features.ranges);
});

Deno.test("a derived feature appears in every segment's profile with its Russian label", () => {
  assert.ok(derived.segments.segments.length > 0);
  for (const s of derived.segments.segments) {
    const d = s.profile.find((p) => p.feature === "revenue_trend");
    assert.equal(d?.label, "Динамика выручки", s.name);
    assert.equal(d.type, "number");
  }
  assert.ok(before.segments.segments.every((s) => s.profile.every((p) => p.feature !== "revenue_trend")));
});

Deno.test("without a derived feature the run is the same as before one was defined", () => {
  assert.deepEqual(Object.keys(after.model.table.features.numeric), Object.keys(before.model.table.features.numeric));
  assert.deepEqual(
    [...Object.keys(before.model.table.features.numeric), ...Object.keys(before.model.table.features.categorical)]
      .sort(),
    [...MODEL_FEATURES].sort(),
  );
  assert.deepEqual(after.model.oof, before.model.oof);
  assert.deepEqual(after.e.explanation, before.e.explanation);
  assert.deepEqual(JSON.stringify(after.artifact), JSON.stringify(before.artifact));
  assert.deepEqual(after.segments.segments, before.segments.segments);
  assert.deepEqual(after.segments.offers, before.segments.offers);
});

Deno.test("scoring refuses a model trained with a derived feature, naming it", async () => {
  await assert.rejects(
    () => scoreExport(derived.artifact, dir, 3),
    (e: unknown) =>
      e instanceof DataError && e.message.includes('derived feature "revenue_trend"') &&
      e.message.includes("score it from the notebook that defines it"),
  );
  const scored = await scoreExport(before.artifact, dir, 3);
  assert.equal(scored.customers.length > 0, true);
});

Deno.test("an unusable definition is refused with the feature's name and what was expected", () => {
  const bad = (f: Partial<DerivedFeature>) => () => addFeatures(frame, [{ ...TREND, ...f }]);
  assert.throws(bad({ label: "Revenue trend" }), /"revenue_trend": expected a Russian label/);
  assert.throws(bad({ name: "profit" }), /"profit": expected a new name/);
  assert.throws(bad({ name: "Trend!" }), /expected a name of lowercase letters/);
  assert.throws(
    bad({ expr: pl.col("revenue_current").div(pl.lit(0)) }),
    /expected a finite number for every customer; \d+ are missing, NaN or infinite/,
  );
  const wrongLength = new RegExp(`"revenue_trend": expected ${frame.height} values \\(one per customer\\), got 2`);
  assert.throws(bad({ expr: () => pl.Series("x", [1, 2]) }), wrongLength);
  const cat = addFeatures(frame, [{
    name: "heavy_promo",
    label: "Много акций",
    type: "category",
    expr: pl.when(pl.col("promo_share").gt(0.5)).then(pl.lit("да")).otherwise(pl.lit("нет")),
  }]);
  assert.deepEqual([...new Set(cat.getColumn("heavy_promo").toArray())].sort(), ["да", "нет"]);
});
