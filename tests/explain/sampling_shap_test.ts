import assert from "node:assert/strict";
import { kmeansBackground } from "../../src/explain/background.ts";
import { pipelinePlayers } from "../../src/explain/players.ts";
import { samplingShapParallel } from "../../src/explain/sampling_pool.ts";
import { samplingShap } from "../../src/explain/sampling_shap.ts";
import { type Matrix, takeRows } from "../../src/models/estimator.ts";
import { KNeighbors } from "../../src/models/knn.ts";
import { fitPipeline } from "../../src/models/pipeline.ts";
import { additivityError, bruteForceShapley, SMALL_STEPS, smallTable } from "./fixtures.ts";

// KNN on 4 features (3 numbers and a 3-valued category as one player of 3 one-hot columns).
const { table, y } = smallTable(300, 5);
const pipeline = fitPipeline(SMALL_STEPS, new KNeighbors({ k: 7, weights: "distance" }), table, y);
const players = pipelinePlayers(pipeline.preprocess);
const X = pipeline.preprocess.transform(table);
const predict = (M: Matrix) => pipeline.model.predictProba(M);
const bg = kmeansBackground(X, players, 8, 1);
const rows = Array.from({ length: 60 }, (_, i) => i * 5);
const Xs = takeRows(X, rows);

Deno.test("k-means background: weights are cluster shares, every player snapped to a real customer's value", () => {
  assert.equal(bg.X.rows, 8);
  assert.ok(Math.abs(bg.weights.reduce((a, b) => a + b) - 1) < 1e-12);
  for (let k = 0; k < bg.X.rows; k++) {
    const row = bg.X.data.subarray(k * 6, k * 6 + 6);
    assert.equal(row[0]! + row[1]! + row[2]!, 1, "one category of the one-hot group");
    for (const c of [3, 4, 5]) assert.ok(X.data.some((v, at) => at % 6 === c && v === row[c]), `column ${c}`);
  }
  assert.deepEqual(kmeansBackground(X, players, 8, 1), bg, "same seed, same background");
});

Deno.test("sampling SHAP is additive per customer: base + Σφ = f(x) within 1e-9, base = Σ w_k f(b_k)", () => {
  const e = samplingShap(predict, X, bg, players, { samples: 16, seed: 3 });
  assert.ok(additivityError(e) <= 1e-9);
  assert.deepEqual(e.value, predict(X));
  const fb = predict(bg.X);
  assert.ok(Math.abs(e.base - bg.weights.reduce((s, w, k) => s + w * fb[k]!, 0)) < 1e-15);
});

Deno.test("sampling SHAP is deterministic for a seed and changes with it", () => {
  const a = samplingShap(predict, Xs, bg, players, { samples: 32, seed: 9 });
  assert.deepEqual(samplingShap(predict, Xs, bg, players, { samples: 32, seed: 9 }), a);
  assert.notDeepEqual(samplingShap(predict, Xs, bg, players, { samples: 32, seed: 10 }).phi, a.phi);
  // A row's permutations follow (seed, row index) only, so explaining rows in chunks changes nothing.
  const head = samplingShap(predict, takeRows(Xs, [0, 1, 2, 3, 4]), bg, players, { samples: 32, seed: 9 });
  assert.deepEqual(head.phi, a.phi.subarray(0, 5 * 4));
});

Deno.test("sampling SHAP estimates the exact (brute-force) Shapley values: RMSE ≤ 0.025 at 64 permutations, ≤ 0.007 at 1024", () => {
  // Mean |φ| here is 0.155; measured RMSE 0.017 (64) and 0.0045 (1024), falling as 1/√samples.
  const exact = rows.map((_, i) => bruteForceShapley(predict, Xs.data.subarray(i * 6, i * 6 + 6), bg, players));
  for (const [samples, rmseTol, maxTol] of [[64, 0.025, 0.08], [1024, 0.007, 0.025]] as const) {
    const e = samplingShap(predict, Xs, bg, players, { samples, seed: 1 });
    let se = 0, max = 0;
    exact.forEach((x, i) => {
      assert.ok(Math.abs(x.base - e.base) < 1e-12, "the base is exact");
      x.phi.forEach((v, j) => {
        const d = Math.abs(v - e.phi[i * 4 + j]!);
        se += d * d, max = Math.max(max, d);
      });
    });
    const rmse = Math.sqrt(se / (rows.length * 4));
    assert.ok(rmse <= rmseTol && max <= maxTol, `${samples} permutations: RMSE ${rmse}, max ${max}`);
  }
});

Deno.test("sampling SHAP on workers equals one thread exactly", async () => {
  const inline = samplingShap(predict, X, bg, players, { samples: 16, seed: 4 });
  const parallel = await samplingShapParallel(pipeline, X, bg, players, { samples: 16, seed: 4 }, 2);
  assert.deepEqual(parallel, inline);
});

Deno.test("sampling SHAP rejects odd or too few permutations", () => {
  assert.throws(() => samplingShap(predict, Xs, bg, players, { samples: 33 }), /even integer/);
  assert.throws(() => samplingShap(predict, Xs, bg, players, { samples: 14 }), /at least 2 per background row \(16\)/);
});
