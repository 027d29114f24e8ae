/**
 * The cached model and explanation stages: a second run loads what the first
 * computed (the same artifacts, in a fraction of the time), settings only
 * later stages read keep the entry, a setting the stage reads, a changed
 * input or `fresh` recompute, and a corrupt entry is one warning and a
 * recomputation.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { readModel } from "../../src/artifacts/model.ts";
import { CacheStore } from "../../src/cache/store.ts";
import { cachedExplainStage, cachedModelStage, type StageCache } from "../../src/stages/cached.ts";
import { loadModel } from "../../src/stages/save.ts";
import pl from "nodejs-polars";
import { FAST_CONFIG, syntheticData } from "./fixtures.ts";

const { data } = await syntheticData(240, 11);
// Fewer fits: the point is the cache, not the model.
const CONFIG = FAST_CONFIG;

function cache(root: string, fresh = false): StageCache & { lines: string[] } {
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  return { store: new CacheStore({ dir: root, warn: log }), fresh, log, lines };
}

const files = ["metrics.json", "search.json", "model.json", "predictions.json"];
const read = (out: string) => Promise.all(files.map((f) => Deno.readTextFile(join(out, f))));

Deno.test("cached model stage: the second run loads the same artifacts; later-stage settings keep the entry", async () => {
  const root = await Deno.makeTempDir(), a = await Deno.makeTempDir(), b = await Deno.makeTempDir();
  const first = cache(root);
  const t0 = performance.now();
  await cachedModelStage(a, data, CONFIG, { workers: 1 }, first);
  const cold = performance.now() - t0;
  assert.match(first.lines.join("\n"), /Model stage: computed in .* and cached/);

  const second = cache(root);
  const t1 = performance.now();
  const loaded = await cachedModelStage(b, data, CONFIG, { workers: 1 }, second);
  const warm = performance.now() - t1;
  assert.match(second.lines.join("\n"), /Model stage: loaded from the cache/);
  assert.deepEqual(await read(b), await read(a));
  assert.ok(warm < cold, `warm ${warm.toFixed(0)} ms < cold ${cold.toFixed(0)} ms`);
  assert.equal(loaded.metrics.best.family, JSON.parse(await Deno.readTextFile(join(a, "metrics.json"))).best.family);

  // A horizon change reaches only the segments: the entry holds, and the artifacts record the new config.
  const c = await Deno.makeTempDir(), third = cache(root);
  await cachedModelStage(c, data, { ...CONFIG, horizonMonths: 6 }, { workers: 1 }, third);
  assert.match(third.lines.join("\n"), /loaded from the cache/);
  const model = await readModel(join(c, "model.json")); // the digest was resealed
  assert.equal(model.config.horizonMonths, 6);
  assert.equal(JSON.parse(await Deno.readTextFile(join(c, "metrics.json"))).config.horizonMonths, 6);

  // With the seed stability the stage makes decisions, which read the horizon: then it counts.
  const stable = { ...CONFIG, stability: { seeds: [1] } };
  const withStability = cache(root);
  await cachedModelStage(c, data, stable, { workers: 1 }, withStability);
  assert.match(withStability.lines.join("\n"), /computed in/);
  assert.equal(JSON.parse(await Deno.readTextFile(join(c, "metrics.json"))).stability.seeds.join(), "42,1");
  const horizon = cache(root);
  await cachedModelStage(c, data, { ...stable, horizonMonths: 6 }, { workers: 1 }, horizon);
  assert.match(horizon.lines.join("\n"), /computed in/);
  const unit = cache(root);
  await cachedModelStage(c, data, { ...stable, moneyUnit: "руб." }, { workers: 1 }, unit);
  assert.match(unit.lines.join("\n"), /loaded from the cache/);
});

Deno.test("cached model stage: a seed, a changed customer or fresh recompute", async () => {
  const root = await Deno.makeTempDir(), out = await Deno.makeTempDir();
  await cachedModelStage(out, data, CONFIG, { workers: 1 }, cache(root));

  const seed = cache(root);
  await cachedModelStage(out, data, { ...CONFIG, seed: 7 }, { workers: 1 }, seed);
  assert.match(seed.lines.join("\n"), /computed in/);

  const changed = { ...data, frame: data.frame.withColumn(pl.col("revenue_current").mul(1.01)) };
  const edited = cache(root);
  await cachedModelStage(out, changed, CONFIG, { workers: 1 }, edited);
  assert.match(edited.lines.join("\n"), /computed in/);

  const fresh = cache(root, true);
  await cachedModelStage(out, data, CONFIG, { workers: 1 }, fresh);
  assert.match(fresh.lines.join("\n"), /computed in/);
});

Deno.test("cached stages: a corrupt entry is one warning and a recomputation, never a crash", async () => {
  const root = await Deno.makeTempDir(), a = await Deno.makeTempDir(), b = await Deno.makeTempDir();
  await cachedModelStage(a, data, CONFIG, { workers: 1 }, cache(root));
  // Damage one cached file (a disk error, a hand edit).
  const [entry] = [...Deno.readDirSync(join(root, "model"))].filter((e) => !e.name.startsWith("."));
  const metrics = join(root, "model", entry!.name, "files", "metrics.json");
  await Deno.writeTextFile(metrics, (await Deno.readTextFile(metrics)).replace(/"family"/, '"famly"'));

  const again = cache(root);
  await cachedModelStage(b, data, CONFIG, { workers: 1 }, again);
  const warnings = again.lines.filter((l) => l.startsWith("Warning"));
  assert.equal(warnings.length, 1, again.lines.join("\n"));
  assert.match(
    warnings[0]!,
    /cache entry model\/[0-9a-f]{12} is corrupt \(metrics\.json does not match\); recomputing/,
  );
  assert.match(again.lines.join("\n"), /computed in/);
  assert.deepEqual(
    (await read(b)).map((t) => JSON.parse(t).schemaVersion),
    (await read(a)).map((t) => JSON.parse(t).schemaVersion),
  );
  // …and the recomputed entry is whole again.
  const third = cache(root);
  await cachedModelStage(b, data, CONFIG, { workers: 1 }, third);
  assert.match(third.lines.join("\n"), /loaded from the cache/);
});

Deno.test("cached explanation stage: loads bit-identical SHAP values; another seed recomputes", async () => {
  const root = await Deno.makeTempDir(), out = await Deno.makeTempDir();
  await cachedModelStage(out, data, CONFIG, { workers: 1 }, cache(root));
  const saved = await loadModel(data.frame, out);
  const first = cache(root);
  const a = await cachedExplainStage(saved.pipeline, saved.table.features, saved.background, CONFIG, {}, first);
  assert.match(first.lines.join("\n"), /Explanations: computed in/);
  const second = cache(root);
  const b = await cachedExplainStage(saved.pipeline, saved.table.features, saved.background, CONFIG, {}, second);
  assert.match(second.lines.join("\n"), /Explanations: loaded from the cache/);
  assert.deepEqual(b.explanation, a.explanation);

  const other = cache(root);
  await cachedExplainStage(saved.pipeline, saved.table.features, saved.background, { ...CONFIG, seed: 9 }, {}, other);
  assert.match(other.lines.join("\n"), /computed in/);
});
