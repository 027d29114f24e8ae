import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadDataset } from "../../src/data/load.ts";
import { writeSynthetic } from "../../src/data/synth.ts";
import { takeTable } from "../../src/features/feature_table.ts";
import { pipelineFromJSON } from "../../src/models/pipeline.ts";
import { buildMetricsArtifact } from "../../src/artifacts/metrics.ts";
import { buildModelArtifact } from "../../src/artifacts/model.ts";
import { DEFAULT_CONFIG } from "../../src/config/run_config.ts";
import { selectModel } from "../../src/selection/select_model.ts";
import type { FamilySpace } from "../../src/selection/space.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const dir = await Deno.makeTempDir();
await writeSynthetic(dir, { customers: 500, seed: 11 });
const { frame, quality } = await loadDataset(dir);
const cleaning = { revenueRules: quality.revenueRules };
const SPACE: FamilySpace[] = [
  { family: "knn", params: { k: [5, 15], weights: ["distance"], metric: ["euclidean"] }, scalers: ["standard"] },
  { family: "tree", params: { maxDepth: [3], minSamplesLeaf: [5] }, scalers: ["passthrough"] },
  { family: "logistic", params: { penalty: ["l2"], C: [0.1, 1] }, scalers: ["standard"] },
  { family: "svc", params: { kernel: ["rbf"], C: [1] }, scalers: ["standard"] },
];
const stage = await selectModel(frame, { space: SPACE, workers: 1, repeats: 2 });

Deno.test("model stage: one report per family and the ensemble, the best is the top CV entry, metrics complete", () => {
  assert.deepEqual(stage.families.map((f) => f.family), ["knn", "tree", "logistic", "svc", "ensemble"]);
  const top = Math.max(...stage.results.map((r) => r.meanAuc));
  assert.equal(stage.best.cvAuc, Math.max(...stage.families.map((f) => f.cvAuc)));
  assert.ok(stage.best.cvAuc >= top);
  assert.equal(stage.margin.chosen, stage.best.family);
  const m = buildMetricsArtifact(stage, DEFAULT_CONFIG);
  assert.equal(m.data.train + m.data.test, frame.height);
  for (const f of m.families) {
    for (const key of ["family", "params", "cvAuc", "testAuc", "fits", "seconds"]) assert.ok(key in f, key);
    assert.equal(f.repeatedCv.interval.length, 2);
  }
  assert.ok(m.best.cvAucInterval[0]! < m.best.repeatedCv.mean && m.best.repeatedCv.mean < m.best.cvAucInterval[1]!);
  assert.ok(m.best.testAuc > 0.7, `hold-out AUC ${m.best.testAuc}`);
  assert.ok(m.best.holdout.recall >= 0.5);
});

Deno.test("model.json round-trip gives identical probabilities", async () => {
  const artifact = JSON.parse(JSON.stringify(await buildModelArtifact({ stage, ...cleaning }, DEFAULT_CONFIG)));
  const test = takeTable(stage.table.features, stage.split.test);
  assert.deepEqual(pipelineFromJSON(artifact.pipeline).predictProba(test), stage.pipeline.predictProba(test));
  assert.match(artifact.trainingDataHash, /^[0-9a-f]{64}$/);
  assert.deepEqual(artifact.features.categorical.service_type, ["премиум", "стандарт"]);
});

Deno.test("score command: a probability for every customer, through the same loader", async () => {
  const out = await Deno.makeTempDir();
  const model = join(out, "model.json");
  await Deno.writeTextFile(model, JSON.stringify(await buildModelArtifact({ stage, ...cleaning }, DEFAULT_CONFIG)));
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "src/cli/score.ts"), "--model", model, "--data", dir, "--out", join(out, "s.csv")],
  }).output();
  assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
  const lines = (await Deno.readTextFile(join(out, "s.csv"))).trim().split("\n");
  assert.equal(lines[0], "id,probability,flagged,profit,profit_at_risk,status,action_segment");
  const scored = lines.slice(1).filter((l) => l.split(",")[5] !== "not_scored_inactive");
  assert.equal(scored.length, frame.height);
  const p = stage.pipeline.predictProba(stage.table.features);
  scored.forEach((l, i) => assert.equal(Number(l.split(",")[1]), p[i]));
});

Deno.test("score command: a file that is not a model is a clear error", async () => {
  const bad = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeTextFile(bad, "{}");
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "src/cli/score.ts"), "--model", bad, "--data", dir, "--out", bad + ".csv"],
  }).output();
  assert.equal(r.code, 1);
  assert.match(new TextDecoder().decode(r.stderr), /expected field "schemaVersion" to be 3 /);
});
