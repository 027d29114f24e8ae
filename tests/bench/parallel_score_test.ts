import assert from "node:assert/strict";
import { predictProbaParallel } from "../../bench/parallel_score.ts";
import { DecisionTree } from "../../src/models/tree.ts";
import { LogisticRegression } from "../../src/models/logistic.ts";
import type { Matrix } from "../../src/models/estimator.ts";
import { Rng, seedKey } from "../../src/util/random.ts";

function data(rows: number, cols: number, seed: number): { X: Matrix; y: Uint8Array } {
  const rng = new Rng().reset(seedKey(seed));
  const X = { rows, cols, data: Float64Array.from({ length: rows * cols }, () => rng.normal()) };
  const y = Uint8Array.from({ length: rows }, (_, i) => (X.data[i * cols]! + 0.5 * rng.normal() > 0 ? 1 : 0));
  return { X, y };
}

Deno.test("parallel scoring equals one thread's, bit for bit, and keeps the row order", async () => {
  const train = data(400, 5, 1), big = data(50_000, 5, 2);
  for (
    const model of [
      new LogisticRegression({ penalty: "l2", C: 1 }).fit(train.X, train.y),
      new DecisionTree({ maxDepth: 4, minSamplesLeaf: 5 }).fit(train.X, train.y),
    ]
  ) {
    const one = model.predictProba(big.X);
    assert.deepEqual(await predictProbaParallel(model, big.X, 2), one, model.family);
    assert.deepEqual(await predictProbaParallel(model, big.X, 1), one);
  }
});
