/**
 * The `model` and `segments` commands on an export larger than
 * `training.sampleSize` do what notebooks 03 and 04 do: the model stage on
 * the stratified sample, predictions for every customer (split "scored" for
 * those outside it), explanations, segments and offers for everyone — the
 * same files as the notebooks' sequence (`cachedModelStage`, `loadModel`,
 * `cachedExplainStage`, `runSegmentsStage`) writes — and the printed summary
 * names the sample. Within the sample size nothing is sampled: the command's
 * predictions are the model stage's on everyone, and no sample is printed.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPredictionsArtifact, predictionsOf, readPredictionsArtifact } from "../../src/artifacts/mod.ts";
import { CacheStore } from "../../src/cache/store.ts";
import { parseRunConfig, type RunConfig } from "../../src/config/run_config.ts";
import { writeSynthetic } from "../../src/data/synth.ts";
import { cachedExplainStage, cachedModelStage, type StageCache } from "../../src/stages/cached.ts";
import { runDataStage, runModelStage, runSegmentsStage } from "../../src/stages/mod.ts";
import { trainingData } from "../../src/stages/model_stage.ts";
import { loadModel, saveExplain, saveSegments } from "../../src/stages/save.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const dec = new TextDecoder();

// Few fits, no nested CV, no seed stability (as tests/stages/fixtures.ts): the point is the sample, not the model.
const FAST = { cv: { folds: 3, repeats: 1 }, nestedCv: { folds: 3, repeats: 0 }, stability: { seeds: [] } };

function configOf(input: unknown): RunConfig {
  const r = parseRunConfig(input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

/** Runs a command (src/cli/NAME.ts) on `data` with the config `input`; its stdout, and the output folder in `tmp`. */
async function command(
  name: string,
  data: string,
  input: unknown,
): Promise<{ stdout: string; out: string; tmp: string }> {
  const tmp = await Deno.makeTempDir(), out = join(tmp, "out"), file = join(tmp, "config.json");
  await Deno.writeTextFile(file, JSON.stringify(input));
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, `src/cli/${name}.ts`), "--data", data, "--out", out, "--config", file],
    env: { NO_COLOR: "1", ONECLICK_CACHE_DIR: join(tmp, "cache") },
  }).output();
  assert.equal(r.code, 0, dec.decode(r.stderr));
  return { stdout: dec.decode(r.stdout), out, tmp };
}

/** A JSON artifact without its wall-clock fields (`seconds`, `fitSeconds`, …), which differ between any two runs. */
async function withoutTimes(file: string): Promise<unknown> {
  return JSON.parse(
    await Deno.readTextFile(file),
    (key, value) => (/seconds$/i.test(key) ? undefined : value),
  );
}

const dataDir = await Deno.makeTempDir();
await writeSynthetic(dataDir, { customers: 300, seed: 3 });

Deno.test("segments command, 300 customers with sampleSize 150: what notebooks 03 and 04 write", async () => {
  const input = { ...FAST, training: { sampleSize: 150 } }, config = configOf(input);
  const cli = await command("segments", dataDir, input);

  // The notebooks' sequence, in process, on the same export and config.
  const data = await runDataStage({ dir: dataDir, kind: "user", origin: "--data" }, config);
  const n = data.frame.height;
  const { sample } = trainingData(data, config);
  assert.ok(sample !== null && sample.length < n, "the export is sampled");
  const nb = await Deno.makeTempDir(), lines: string[] = [];
  const log = (line: string) => lines.push(line);
  const cache: StageCache = { store: new CacheStore({ dir: join(nb, ".cache"), warn: log }), fresh: false, log };
  await cachedModelStage(nb, data, config, {}, cache);
  const saved = await loadModel(data.frame, nb);
  const explain = await cachedExplainStage(saved.pipeline, saved.table.features, saved.background, config, {}, cache);
  await saveExplain(nb, explain, config);
  await saveSegments(nb, runSegmentsStage(data.frame, saved.predictions, explain.explanation, config), config);

  for (const file of ["model.json", "predictions.json", "offers.csv"]) {
    assert.deepEqual(await Deno.readFile(join(cli.out, file)), await Deno.readFile(join(nb, file)), file);
  }
  for (const file of ["metrics.json", "explanations.json", "segments.json", "campaign_plan.json"]) {
    assert.deepEqual(await withoutTimes(join(cli.out, file)), await withoutTimes(join(nb, file)), file);
  }

  // Everyone is covered: the sample as train/test, the rest "scored"; explanations and offers for every customer.
  const p = await readPredictionsArtifact(cli.out);
  const ids = data.frame.getColumn("id").toArray().map(String);
  assert.deepEqual(p.rows.map((r) => r.id), ids);
  const count = (s: string) => p.rows.filter((r) => r.split === s).length;
  assert.equal(count("train") + count("test"), sample.length);
  assert.equal(count("scored"), n - sample.length);
  const expl = JSON.parse(await Deno.readTextFile(join(cli.out, "explanations.json")));
  assert.equal(expl.customers, n);
  const csv = (await Deno.readTextFile(join(cli.out, "offers.csv"))).trim().split("\r\n").slice(1);
  assert.deepEqual(csv.map((l) => l.split(";")[0]).sort(), [...ids].sort());

  // The summary says the figures are the sample's.
  assert.match(
    cli.stdout,
    new RegExp(`^Training sample: ${sample.length} of ${n} customers \\(training\\.sampleSize 150, stratified\\)`, "m"),
  );
  assert.match(cli.stdout, new RegExp(`the other ${n - sample.length} are scored by the final model`));
  assert.match(cli.stdout, new RegExp(`^Explained ${n} customers`, "m"));
  assert.match(cli.stdout, new RegExp(`offers: ${n} `));
  await Deno.remove(cli.tmp, { recursive: true });
  await Deno.remove(nb, { recursive: true });
});

Deno.test("model command within training.sampleSize: the model stage on everyone, no sample printed", async () => {
  const config = configOf(FAST);
  const cli = await command("model", dataDir, FAST);
  const data = await runDataStage({ dir: dataDir, kind: "user", origin: "--data" }, config);
  assert.ok(data.frame.height <= config.training.sampleSize);
  const stage = await runModelStage(data, config);
  const p = await readPredictionsArtifact(cli.out);
  assert.deepEqual(p, buildPredictionsArtifact(predictionsOf(stage), config));
  assert.ok(p.rows.every((r) => r.split !== "scored"));
  assert.doesNotMatch(cli.stdout, /Training sample/);
  assert.match(cli.stdout, /^Best: /m);
  await Deno.remove(cli.tmp, { recursive: true });
});
