/** Every artifact: built from a real (small) run, written, read back unchanged; same run, same bytes. */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  buildCampaignPlanArtifact,
  buildEdaArtifact,
  buildExplanationsArtifact,
  buildMetricsArtifact,
  buildModelArtifact,
  buildOffersArtifact,
  buildPredictionsArtifact,
  buildQualityArtifact,
  buildSearchArtifact,
  buildSegmentsArtifact,
  predictionsFromArtifact,
  readCampaignPlan,
  readEda,
  readExplanations,
  readMetrics,
  readModel,
  readOffers,
  readPredictions,
  readPredictionsArtifact,
  readQuality,
  readSearch,
  readSegments,
  writeCampaignPlan,
  writeEda,
  writeExplanations,
  writeMetrics,
  writeModel,
  writeOffers,
  writePredictions,
  writeQuality,
  writeSearch,
  writeSegments,
} from "../../src/artifacts/mod.ts";
import { smallRun } from "./fixtures.ts";

const run = await smallRun();
const { config } = run;

/** Writes with `write`, reads with `read`, and returns what was read and the file's bytes. */
async function roundTrip<T>(
  file: string,
  artifact: T,
  write: (dir: string, a: T) => Promise<void>,
  read: (dir: string) => Promise<T>,
): Promise<{ back: T; text: string }> {
  const dir = await Deno.makeTempDir();
  try {
    await write(dir, artifact);
    const back = await read(dir);
    const text = await Deno.readTextFile(join(dir, file));
    const left = [...Deno.readDirSync(dir)].map((e) => e.name);
    assert.deepEqual(left, [file], "no temporary file left behind");
    return { back, text };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The artifact round-trips, records schemaVersion and config, and two builds give the same bytes. */
async function check<T extends { schemaVersion: number; config: unknown }>(
  file: string,
  build: () => T | Promise<T>,
  write: (dir: string, a: T) => Promise<void>,
  read: (dir: string) => Promise<T>,
): Promise<T> {
  const artifact = await build();
  const { back, text } = await roundTrip(file, artifact, write, read);
  assert.deepEqual(back, artifact);
  const json = JSON.parse(text);
  assert.equal(typeof json.schemaVersion, "number");
  assert.deepEqual(json.config, config);
  assert.equal((await roundTrip(file, await build(), write, read)).text, text, "same result, same bytes");
  return artifact;
}

Deno.test("quality.json round-trips with the source, ids as text and the config", async () => {
  const a = await check("quality.json", () => buildQualityArtifact(run, config), writeQuality, readQuality);
  assert.equal(a.customers, run.quality.customers);
  assert.equal(a.source.kind, "user");
  assert.ok(a.steps.every((s) => s.ids.every((id) => typeof id === "string")));
});

Deno.test("eda.json round-trips; undefined statistics are null, conclusions kept", async () => {
  const a = await check("eda.json", () => buildEdaArtifact(run.eda, config), writeEda, (d) => readEda(d));
  assert.equal(a.rows, run.quality.customers);
  assert.ok(a.conclusions.length > 0);
  // The target's association with itself is defined; a diagonal is never NaN in JSON.
  assert.ok(a.association.values.every((row) => row.every((v) => v === null || Number.isFinite(v))));
});

Deno.test("metrics.json round-trips and states the threshold rule from the config", async () => {
  const a = await check("metrics.json", () => buildMetricsArtifact(run.stage, config), writeMetrics, readMetrics);
  assert.deepEqual(a.best.thresholdRule, { rule: "min_recall", minRecall: 0.8 });
  assert.deepEqual(a.config.cv, { folds: 3, repeats: 2 });
  assert.deepEqual(a.families.map((f) => f.family).sort(), ["ensemble", "logistic", "tree"]);
  assert.equal(a.selection?.chosen, a.best.family);
  assert.equal(a.nestedCv?.folds.length, 2 * 1, "the fixture's nested CV: 2 outer folds, once");
  assert.equal(a.nestedCv?.families.reduce((s, f) => s + f.wins, 0), 2);
  assert.equal(a.best.holdout.roc[0]!.threshold, null, "the +∞ threshold of the first ROC point");
});

Deno.test("search.json round-trips, one row per candidate", async () => {
  const a = await check("search.json", () => buildSearchArtifact(run.stage, config), writeSearch, (d) => readSearch(d));
  assert.equal(a.candidates.length, 3);
  assert.ok(a.candidates.every((c) => c.foldAuc.length === 3), "three folds, as configured");
});

Deno.test("model.json round-trips sealed, with its digest and the config", async () => {
  const build = () => buildModelArtifact({ stage: run.stage, revenueRules: run.quality.revenueRules }, config);
  const a = await check("model.json", build, writeModel, (d) => readModel(join(d, "model.json")));
  assert.match(a.digest, /^sha256:[0-9a-f]{64}$/);
});

Deno.test("predictions.json round-trips, and back into the in-memory predictions", async () => {
  const a = await check(
    "predictions.json",
    () => buildPredictionsArtifact(run.predictions, config),
    writePredictions,
    readPredictionsArtifact,
  );
  assert.deepEqual(predictionsFromArtifact(a), run.predictions);
  const dir = await Deno.makeTempDir();
  await writePredictions(dir, a);
  assert.deepEqual(await readPredictions(dir), run.predictions);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("explanations.json round-trips with one beeswarm point per customer and feature", async () => {
  const a = await check(
    "explanations.json",
    () => buildExplanationsArtifact(run.explanation, config),
    writeExplanations,
    (d) => readExplanations(d),
  );
  assert.equal(a.customers, run.quality.customers);
  assert.equal(a.beeswarm.length, a.customers * a.importance.length);
});

Deno.test("segments.json round-trips with profiles and recommendations", async () => {
  const a = await check(
    "segments.json",
    () => buildSegmentsArtifact(run.segments, config),
    writeSegments,
    readSegments,
  );
  assert.equal(a.segments.length, run.segments.segments.length);
  assert.ok(a.segments.every((s) => s.horizonMonths === 2));
  const fired = a.segments.reduce((n, s) => n + s.recommendations.length, 0);
  assert.equal(fired, run.segments.recommendations.length);
});

Deno.test("offers.json round-trips: every customer, flagged exactly at the threshold", async () => {
  const a = await check("offers.json", () => buildOffersArtifact(run.segments, config), writeOffers, readOffers);
  assert.equal(a.offers.length, run.quality.customers);
  assert.equal(a.horizonMonths, 2);
  for (const o of a.offers) assert.equal(o.flagged, o.probability >= a.threshold);
  const matrixFlagged = run.segments.segments
    .filter((s) => s.id === "retain_first" || s.id === "retain_cheaply")
    .reduce((n, s) => n + s.size, 0);
  assert.equal(a.offers.filter((o) => o.flagged).length, matrixFlagged, "the high-risk cells of the matrix");
});

Deno.test("campaign_plan.json round-trips: every customer in one action segment, totals from the offers", async () => {
  const a = await check(
    "campaign_plan.json",
    () => buildCampaignPlanArtifact(run.segments, config),
    writeCampaignPlan,
    readCampaignPlan,
  );
  assert.equal(a.segments.reduce((n, s) => n + s.economics.customers, 0), run.quality.customers);
  assert.equal(a.overall.customers, run.quality.customers);
  const offers = run.segments.offers.filter((o) => o.group === "offer");
  assert.ok(Math.abs(a.overall.cost - offers.reduce((x, o) => x + o.actionCost, 0)) < 1e-9);
  assert.equal(a.horizonMonths, 2);
  assert.equal(a.moneyUnit, "усл. ед.");
});
