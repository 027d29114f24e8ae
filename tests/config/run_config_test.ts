import assert from "node:assert/strict";
import { join } from "node:path";
import { DEFAULT_CONFIG, mergeInputs, parseRunConfig } from "../../src/config/run_config.ts";
import { ConfigError, loadRunConfig } from "../../src/config/load_config.ts";

Deno.test("defaults: every key present with its documented value", () => {
  assert.deepEqual(DEFAULT_CONFIG, {
    seed: 42,
    holdoutShare: 0.25,
    cv: { folds: 5, repeats: 5 },
    nestedCv: { folds: 5, repeats: 1 },
    calibration: { method: "auto" },
    threshold: { rule: "min_recall", minRecall: 0.8 },
    training: { sampleSize: 4000 },
    horizonMonths: 3,
    significance: { alpha: 0.05, minCliffsDelta: 0.147, minCramersV: 0.1 },
    segments: { profitQuantile: 0.5, topProfitQuantile: 0.75, promoCut: null },
    explain: { samples: 64, backgroundSize: 16 },
    stability: { seeds: [1, 2, 3, 4] },
    campaign: {
      costPerContact: { email: 0.01, push: 0.005, sms: 0.05, call: 0.5, site: 0 },
      assumedEffect: 0.1,
      alpha: 0.05,
      power: 0.8,
      controlShare: 0.5,
    },
    moneyUnit: "усл. ед.",
  });
});

Deno.test("any subset of the keys: the rest keep their defaults", () => {
  const r = parseRunConfig({ seed: 1, cv: { folds: 3 }, horizonMonths: 2 });
  assert.ok(r.ok);
  assert.deepEqual(r.config, { ...DEFAULT_CONFIG, seed: 1, cv: { folds: 3, repeats: 5 }, horizonMonths: 2 });
});

Deno.test("unknown keys and wrong types are named with what was expected", () => {
  const r = parseRunConfig({ cv: { folds: "3", fold: 2 }, horizon: 3, seed: -1, explain: { samples: 63 } });
  assert.ok(!r.ok);
  const byKey = Object.fromEntries(r.problems.map((p) => [p.key, p]));
  assert.deepEqual(byKey["cv.folds"], { key: "cv.folds", expected: "a number", found: '"3"' });
  assert.match(byKey["cv.fold"]!.expected, /«cv\.folds», «cv\.repeats»/);
  assert.equal(byKey["cv.fold"]!.unknown, true);
  assert.equal(byKey["cv.fold"]!.found, undefined);
  assert.match(byKey["horizon"]!.expected, /«horizonMonths»/);
  assert.deepEqual(byKey["seed"], { key: "seed", expected: "a whole number ≥ 0", found: "-1" });
  assert.deepEqual(byKey["explain.samples"], { key: "explain.samples", expected: "an even whole number", found: "63" });
});

Deno.test("flags override the file; merging is deep", () => {
  assert.deepEqual(mergeInputs({ cv: { folds: 3, repeats: 2 }, seed: 5 }, { seed: 7 }, { cv: { repeats: 4 } }), {
    cv: { folds: 3, repeats: 4 },
    seed: 7,
  });
});

Deno.test("config files: read, validated, and every problem is a ConfigError", async () => {
  const dir = await Deno.makeTempDir();
  const file = join(dir, "run.json");
  await Deno.writeTextFile(file, JSON.stringify({ cv: { folds: 3, repeats: 2 }, seed: 1 }));
  const config = await loadRunConfig(file, { seed: 9 });
  assert.deepEqual([config.cv, config.seed], [{ folds: 3, repeats: 2 }, 9]);

  await Deno.writeTextFile(file, '{"cv": {"folds": 3,}}');
  await assert.rejects(() => loadRunConfig(file), (e: Error) => {
    assert.ok(e instanceof ConfigError);
    assert.match(e.message, /run\.json.*\n {2}key «\(the whole file\)»: expected valid JSON/);
    return true;
  });
  await Deno.writeTextFile(file, "[1]");
  await assert.rejects(() => loadRunConfig(file), /expected a JSON object of keys/);
  await assert.rejects(() => loadRunConfig(join(dir, "missing.json")), /expected the file to exist/);
  await Deno.writeTextFile(file, JSON.stringify({ cv: { folds: 1 } }));
  await assert.rejects(() => loadRunConfig(file), /key «cv\.folds»: found 1, expected a whole number ≥ 2/);
  await Deno.remove(dir, { recursive: true });
});
