/**
 * The report's pipeline on an export larger than `training.sampleSize`: the
 * model stage trains on the stratified sample, every customer gets a
 * probability (the sample's unseen ones, everyone else the final calibrated
 * pipeline's — what `./oneclick score` gives them), predictions.json says
 * which is which, and the explanations, segments and offers cover everyone.
 * An export within the sample size is untouched.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  buildExplanationsArtifact,
  buildPredictionsArtifact,
  predictionsFromArtifact,
  predictionsOf,
  readModel,
  readPredictionsArtifact,
} from "../../src/artifacts/mod.ts";
import { predictionsAtScale } from "../../src/artifacts/predictions.ts";
import { CacheStore } from "../../src/cache/store.ts";
import type { RunConfig } from "../../src/config/run_config.ts";
import { riskStrata } from "../../src/explain/explain_at_scale.ts";
import { labelledTable } from "../../src/features/feature_table.ts";
import { shapBeeswarmChart } from "../../src/report/charts/shap_beeswarm.ts";
import { scoreExport } from "../../src/scoring/score_export.ts";
import { cachedExplainStage, cachedModelStage, type StageCache } from "../../src/stages/cached.ts";
import { FAST_CONFIG, syntheticData } from "./fixtures.ts";
import { runModelStage, trainingData } from "../../src/stages/model_stage.ts";
import { loadModel } from "../../src/stages/save.ts";
import { runSegmentsStage } from "../../src/stages/segments_stage.ts";

const { dir, data } = await syntheticData(300, 17);
// A sample of 150 of the 300; fewer fits: the point is the sample, not the model.
const CONFIG: RunConfig = {
  ...FAST_CONFIG,
  training: { sampleSize: 150 },
};
const n = data.frame.height;

function cache(root: string): StageCache & { lines: string[] } {
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  return { store: new CacheStore({ dir: root, warn: log }), fresh: false, log, lines };
}

const root = await Deno.makeTempDir(), out = await Deno.makeTempDir();
const artifacts = await cachedModelStage(out, data, CONFIG, { workers: 1 }, cache(root));

Deno.test("sampled model stage: every customer has a probability; train, test and scored splits", async () => {
  const p = await readPredictionsArtifact(out);
  assert.ok(n > 280, `synthetic export has ${n} customers after cleaning`);
  assert.deepEqual(p.rows.map((r) => r.id), data.frame.getColumn("id").toArray());
  const count = (s: string) => p.rows.filter((r) => r.split === s).length;
  const { sample } = trainingData(data, CONFIG);
  assert.ok(sample !== null);
  assert.ok(Math.abs(sample.length - 150) <= 3, `sample of ${sample.length}`);
  assert.equal(count("train") + count("test"), sample.length);
  assert.equal(count("scored"), n - sample.length);
  assert.ok(count("test") > 0);
  assert.ok(p.rows.every((r) => Number.isFinite(r.probability) && r.probability >= 0 && r.probability <= 1));
  // The model stage saw only the sample: its tables count the sample's customers.
  assert.equal(
    artifacts.metrics.best.holdout.confusion.tp + artifacts.metrics.best.holdout.confusion.fn +
      artifacts.metrics.best.holdout.confusion.fp + artifacts.metrics.best.holdout.confusion.tn,
    count("test"),
  );
});

Deno.test("sampled model stage: the scored customers' probabilities are what `score` gives them", async () => {
  const p = await readPredictionsArtifact(out);
  const model = await readModel(join(out, "model.json"));
  const scored = await scoreExport(model, dir, CONFIG.horizonMonths);
  const byId = new Map(scored.customers.map((c) => [c.id, c.probability]));
  let compared = 0;
  for (const r of p.rows) {
    if (r.split !== "scored") continue;
    const s = byId.get(r.id);
    assert.ok(typeof s === "number", `customer ${r.id} scored`);
    assert.ok(Math.abs(s - r.probability) < 1e-9, `customer ${r.id}: ${r.probability} vs score's ${s}`);
    compared++;
  }
  assert.equal(compared, p.rows.filter((r) => r.split === "scored").length);
  // The sample's customers keep the probability of a model that did not see them (as without a sample).
  const { train, sample } = trainingData(data, CONFIG);
  const stage = await runModelStage(train, CONFIG, { workers: 1 });
  const unseen = predictionsOf(stage);
  sample!.forEach((row, k) => assert.equal(p.rows[row]!.probability, unseen.probability[k]));
  const again = predictionsAtScale(stage, labelledTable(data.frame), sample!);
  assert.deepEqual(buildPredictionsArtifact(again, CONFIG), p);
});

Deno.test("sampled model stage: explanations, segments and offers cover everyone", async () => {
  const saved = await loadModel(data.frame, out);
  assert.equal(saved.table.ids.length, n);
  assert.equal(saved.predictions.sample?.length, trainingData(data, CONFIG).sample!.length);
  // "Feature unknown" draws from the model's training rows only: the sample's training part.
  const p = await readPredictionsArtifact(out);
  assert.equal(saved.background.rows, p.rows.filter((r) => r.split === "train").length);
  const explain = await cachedExplainStage(
    saved.pipeline,
    saved.table.features,
    saved.background,
    CONFIG,
    {},
    cache(root),
  );
  assert.equal(explain.explanation.rows, n);
  assert.ok(explain.explanation.phi.every(Number.isFinite));
  // No exact method for the winner (the ensemble on this export): the sample's size exactly, the rest by a rule.
  if (!["logistic", "tree"].includes(artifacts.metrics.best.family)) {
    assert.match(explain.explanation.method, /computed for 1\d\d customers spread over the range of risk/);
  }
  const result = runSegmentsStage(data.frame, saved.predictions, explain.explanation, CONFIG);
  assert.equal(result.offers.length, n);
  assert.deepEqual(new Set(result.offers.map((o) => o.id)), new Set(saved.table.ids));
  assert.ok(result.offers.every((o) => o.reasons.length > 0), "everyone has reasons");
});

Deno.test("sampled model stage: sampleSize is part of the cache key", async () => {
  const again = cache(root), other = cache(root);
  await cachedModelStage(await Deno.makeTempDir(), data, CONFIG, { workers: 1 }, again);
  assert.match(again.lines.join("\n"), /loaded from the cache/);
  await cachedModelStage(await Deno.makeTempDir(), data, { ...CONFIG, training: { sampleSize: 200 } }, {
    workers: 1,
  }, other);
  assert.match(other.lines.join("\n"), /computed in/);
});

Deno.test("sampled model stage: an export within the sample size trains on everyone, splits train and test", async () => {
  const whole = trainingData(data, { ...CONFIG, training: { sampleSize: 4000 } });
  assert.equal(whole.sample, null);
  assert.equal(whole.train, data);
  const stage = await runModelStage(data, { ...CONFIG, nestedCv: { folds: 3, repeats: 0 } }, { workers: 1 });
  const a = buildPredictionsArtifact(predictionsOf(stage), CONFIG);
  assert.deepEqual(new Set(a.rows.map((r) => r.split)), new Set(["train", "test"]));
  // Read back: no sample (a file written before "scored" existed reads the same way).
  const back = predictionsFromArtifact(a);
  assert.equal(back.sample, undefined);
  assert.deepEqual(buildPredictionsArtifact(back, CONFIG), a);
});

Deno.test("explanations.json: beeswarm points of at most the given customers, spread over risk, said in the chart", async () => {
  const saved = await loadModel(data.frame, out);
  const explain = await cachedExplainStage(
    saved.pipeline,
    saved.table.features,
    saved.background,
    CONFIG,
    {},
    cache(root),
  );
  const full = buildExplanationsArtifact(explain, CONFIG);
  assert.equal(full.beeswarmSample, undefined);
  assert.equal(full.beeswarm.length, n * full.importance.length);
  const thin = buildExplanationsArtifact(explain, CONFIG, { maxBeeswarmCustomers: 50 });
  assert.deepEqual(thin.beeswarmSample, { customers: 50, of: n });
  assert.equal(thin.beeswarm.length, 50 * full.importance.length);
  assert.deepEqual(thin.importance, full.importance, "importance stays over everyone");
  // One seeded customer from each of 50 equal strata of risk: the kept customers span low to high risk.
  const e = explain.explanation, m = e.features.length;
  const kept = riskStrata(e.value, 50, CONFIG.seed);
  const f = thin.beeswarm[0]!.feature, j = e.features.indexOf(f);
  assert.deepEqual(
    thin.beeswarm.filter((q) => q.feature === f).map((q) => q.phi),
    Array.from(kept, (i) => Math.round(e.phi[i * m + j]! * 1e6) / 1e6 + 0),
  );
  const sorted = Array.from(e.value).sort((a, b) => a - b);
  const keptValues = Array.from(kept, (i) => e.value[i]!);
  assert.ok(Math.min(...keptValues) <= sorted[Math.ceil(n / 50)]!, "the lowest stratum is represented");
  assert.ok(Math.max(...keptValues) >= sorted[n - 1 - Math.ceil(n / 50)]!, "the highest stratum is represented");
  assert.deepEqual(buildExplanationsArtifact(explain, CONFIG, { maxBeeswarmCustomers: n }), full);
  assert.match(shapBeeswarmChart(thin), /Покупатели — 50 из 29\d/);
  assert.doesNotMatch(shapBeeswarmChart(full), /Покупатели — /);
});
