import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DataError } from "../../src/data/errors.ts";
import { loadDataset } from "../../src/data/load.ts";
import { writeSynthetic } from "../../src/data/synth.ts";
import { takeTable } from "../../src/features/feature_table.ts";
import { pipelineFromJSON } from "../../src/models/pipeline.ts";
import {
  buildModelArtifact,
  canonicalJson,
  MODEL_SCHEMA_VERSION,
  type ModelArtifact,
  type ModelContent,
  modelDigest,
  modelText,
  parseModel,
  readModel,
} from "../../src/artifacts/model.ts";
import { DEFAULT_CONFIG } from "../../src/config/run_config.ts";
import { selectModel } from "../../src/selection/select_model.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const data = await Deno.makeTempDir();
await writeSynthetic(data, { customers: 300, seed: 5 });
const { frame, quality } = await loadDataset(data);
// An SVC with Platt scaling: it has every kind of state the tampering cases touch.
const stage = await selectModel(frame, {
  space: [{ family: "svc", params: { kernel: ["rbf"], C: [1] }, scalers: ["standard"] }],
  workers: 1,
  repeats: 2,
});
const artifact = await buildModelArtifact({ stage, revenueRules: quality.revenueRules }, DEFAULT_CONFIG);
const dir = await Deno.makeTempDir();
const original = join(dir, "model.json");
await Deno.writeTextFile(original, modelText(artifact));
const test = takeTable(stage.table.features, stage.split.test);

/** A copy of the written model, changed by `edit` and saved as pretty JSON under `name`. */
async function tampered(name: string, edit: (m: ModelArtifact) => void): Promise<string> {
  const m = JSON.parse(await Deno.readTextFile(original)) as ModelArtifact;
  edit(m);
  const path = join(dir, name);
  await Deno.writeTextFile(path, JSON.stringify(m, null, 2));
  return path;
}

/** The DataError message readModel gives for `path`. */
async function readError(path: string): Promise<string> {
  const e = await readModel(path).then(() => undefined, (e: unknown) => e);
  assert.ok(e instanceof DataError, `expected a DataError, got ${e}`);
  assert.doesNotMatch(e.message, /\n\s+at /, "no stack trace");
  return e.message;
}

const modified = (path: string) =>
  `Data problem:\n  ${path}: expected the file as the model stage wrote it, but model.json was modified after it ` +
  `was written (its content no longer matches its digest); run "deno task model" again`;

const svcState = (m: ModelArtifact) => m.pipeline.model.state as { probA: number; probB: number; dualCoef: number[] };

Deno.test("model file: written and read back, the pipeline scores exactly as the fitted one", async () => {
  const model = await readModel(original);
  assert.equal(model.schemaVersion, MODEL_SCHEMA_VERSION);
  assert.deepEqual(model.config, DEFAULT_CONFIG);
  assert.match(model.digest, /^sha256:[0-9a-f]{64}$/);
  assert.equal(model.digest, artifact.digest);
  assert.deepEqual(pipelineFromJSON(model.pipeline).predictProba(test), stage.pipeline.predictProba(test));
  assert.match(model.trainingDataHash, /^[0-9a-f]{64}$/);
});

Deno.test("model file: re-serialising (other key order, no indentation) keeps the digest valid", async () => {
  const m = JSON.parse(await Deno.readTextFile(original)) as Record<string, unknown>;
  const reversed = Object.fromEntries(Object.entries(m).reverse());
  const path = join(dir, "reserialised.json");
  await Deno.writeTextFile(path, JSON.stringify(reversed));
  assert.equal((await readModel(path)).digest, artifact.digest);
  assert.equal(modelDigest(reversed), artifact.digest);
});

Deno.test("model file: canonical JSON sorts keys, drops whitespace and writes shortest numbers", () => {
  assert.equal(
    canonicalJson({ b: [1.50, "x", true], a: null, c: { z: 1e21, y: 0.1 + 0.2 } }),
    '{"a":null,"b":[1.5,"x",true],"c":{"y":0.30000000000000004,"z":1e+21}}',
  );
  assert.equal(modelDigest({ a: 1, digest: "ignored" }), modelDigest({ a: 1 }));
  assert.notEqual(modelDigest({ a: 1 }), modelDigest({ a: 1.0000000000000002 }));
});

Deno.test("model file: the four tamperings that scored with exit 0 are each 'modified after it was written'", async () => {
  const cases: [string, (m: ModelArtifact) => void][] = [
    ["platt.json", (m) => {
      const s = svcState(m);
      [s.probA, s.probB] = [-s.probA, -s.probB];
    }],
    ["dual5.json", (m) => {
      const s = svcState(m);
      s.dualCoef = s.dualCoef.map((c) => c * 5);
    }],
    ["reordered.json", (m) => {
      const scaled = m.pipeline.steps.find((s) => s.kind === "standard")!;
      scaled.columns.reverse();
    }],
    ["threshold5.json", (m) => void (m.threshold = 5)],
  ];
  for (const [name, edit] of cases) {
    const path = await tampered(name, edit);
    assert.equal(await readError(path), modified(path), name);
  }
});

Deno.test("model file: every field is covered, including ones added later", async () => {
  assert.ok(artifact.cleaning.revenueRules.length > 0);
  const withExtra = { ...artifact, extra: { note: "a field this reader does not know", median: 5000.5 } };
  const path = join(dir, "extra.json");
  await Deno.writeTextFile(path, modelText(withExtra));
  assert.deepEqual((await readModel(path) as unknown as typeof withExtra).extra, withExtra.extra);
  const edited = (await Deno.readTextFile(path)).replace('"median": 5000.5', '"median": 5000.6');
  await Deno.writeTextFile(path, edited);
  assert.equal(await readError(path), modified(path));
  const rule = await tampered("cleaning.json", (m) => void (m.cleaning.revenueRules[0]!.bounds[1] *= 2));
  assert.equal(await readError(rule), modified(rule));
});

Deno.test("model file: the score command exits 1 with the message for a tampered model", async () => {
  const path = await tampered("cli.json", (m) => void (m.threshold = 5));
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "src/cli/score.ts"), "--model", path, "--data", data, "--out", join(dir, "s.csv")],
  }).output();
  assert.equal(r.code, 1);
  assert.equal(new TextDecoder().decode(r.stderr).trim(), modified(path));
});

Deno.test("model file: not JSON, another format, a missing or mistyped field — one message naming file and field", async () => {
  const text = join(dir, "text.json");
  await Deno.writeTextFile(text, '{\n  "schemaVersion": 3,\n  oops\n}\n');
  assert.match(await readError(text), new RegExp(`^Data problem:\\n  ${text}:3: expected JSON written by`));

  const v1 = await tampered("v1.json", (m) => void ((m as { schemaVersion: number }).schemaVersion = 2));
  assert.equal(
    await readError(v1),
    `Data problem:\n  ${v1}: found "2", expected field "schemaVersion" to be ${MODEL_SCHEMA_VERSION} ` +
      `(a model.json from another version: run "deno task model" again)`,
  );

  const noRanges = await tampered("no_ranges.json", (m) => delete (m.features as Partial<typeof m.features>).ranges);
  assert.equal(
    await readError(noRanges),
    `Data problem:\n  ${noRanges}: expected a field "features.ranges" (an object of { "min", "max" } numbers)`,
  );

  const noDigest = await tampered("no_digest.json", (m) => delete (m as Partial<ModelArtifact>).digest);
  assert.match(await readError(noDigest), /expected a field "digest" \("sha256:" and 64 hex digits\)$/);

  const textThreshold = await tampered(
    "threshold_text.json",
    (m) => void ((m as { threshold: unknown }).threshold = "0.5"),
  );
  assert.equal(
    await readError(textThreshold),
    `Data problem:\n  ${textThreshold}: found "0.5", expected field "threshold" to be a number`,
  );

  const scaledAt = artifact.pipeline.steps.findIndex((s) => s.kind === "standard");
  const badStep = await tampered("bad_step.json", (m) => {
    const scaled = m.pipeline.steps[scaledAt] as { scale: number[] | null };
    scaled.scale = null;
  });
  assert.equal(
    await readError(badStep),
    `Data problem:\n  ${badStep}: found "an object", expected field "pipeline.steps[${scaledAt}]" to be a fitted step ` +
      "(onehot, ordinal, standard, minmax or passthrough, with its state)",
  );

  // A missing parent is one problem, not one per child.
  const noFeatures = await tampered("no_features.json", (m) => delete (m as Partial<ModelArtifact>).features);
  assert.equal(await readError(noFeatures), `Data problem:\n  ${noFeatures}: expected a field "features" (an object)`);
  const noCleaning = await tampered("no_cleaning.json", (m) => delete (m as Partial<ModelArtifact>).cleaning);
  assert.equal(await readError(noCleaning), `Data problem:\n  ${noCleaning}: expected a field "cleaning" (an object)`);

  const huge = join(dir, "huge.json");
  await Deno.writeTextFile(
    huge,
    (await Deno.readTextFile(original)).replace(/"threshold": (?!\{)[^,]+,/, '"threshold": 1e999,'),
  );
  assert.equal(
    await readError(huge),
    `Data problem:\n  ${huge}: found "Infinity", expected field "threshold" to be a finite number`,
  );

  assert.match(
    await readError(join(dir, "absent.json")),
    /absent\.json: expected a model file .*\(it does not exist\)$/,
  );
  assert.throws(() => parseModel("[1]", "m.json"), /m\.json: found "a list of 1", expected a JSON object/);
});

Deno.test("model file: the writer refuses NaN and ±Infinity anywhere, naming the field", () => {
  const content = structuredClone(artifact) as ModelContent;
  const scaled = content.pipeline.steps.findIndex((s) => s.kind === "standard");
  (content.pipeline.steps[scaled] as { scale: number[] }).scale[0] = Infinity;
  assert.throws(
    () => modelText(content),
    (e: unknown) =>
      !(e instanceof DataError) && e instanceof Error &&
      e.message === `model.json not written: field pipeline.steps[${scaled}].scale[0] is Infinity; ` +
          "a model file holds finite numbers and plain data only",
  );
  assert.throws(() => modelText({ ...artifact, threshold: NaN }), /field threshold is NaN/);
  const ranges = { ...artifact.features.ranges, marketing_6m: { min: -Infinity, max: 1 } };
  assert.throws(
    () => modelText({ ...artifact, features: { ...artifact.features, ranges } }),
    /field features\.ranges\.marketing_6m\.min is -Infinity/,
  );
  assert.throws(
    () => modelText({ ...artifact, params: { gamma: Float64Array.of(1) } }),
    /field params\.gamma is a Float64Array \(not plain data\)/,
  );
});
