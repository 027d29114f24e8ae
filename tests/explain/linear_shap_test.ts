import assert from "node:assert/strict";
import fc from "fast-check";
import { uniformBackground } from "../../src/explain/background.ts";
import { linearShap } from "../../src/explain/linear_shap.ts";
import { pipelinePlayers, type Players } from "../../src/explain/players.ts";
import { matrix } from "../../src/models/estimator.ts";
import { LogisticModel, LogisticRegression } from "../../src/models/logistic.ts";
import { fitPipeline } from "../../src/models/pipeline.ts";
import { additivityError, bruteForceShapley, SMALL_STEPS, smallTable } from "./fixtures.ts";

const model = (coef: number[], intercept: number) =>
  new LogisticModel({ penalty: "l2", C: 1 }, Float64Array.from(coef), intercept, true, 0);

// Columns 0 and 1 are one feature's one-hot pair, column 2 another feature.
const players: Players = {
  features: ["cat", "num"],
  columns: [Int32Array.of(0, 1), Int32Array.of(2)],
  playerOf: Int32Array.of(0, 0, 1),
};

Deno.test("linear SHAP: φ_j = Σ w_c (x_c − mean_c) over the feature's columns, base = w·mean + b", () => {
  const bg = matrix([[1, 0, 2], [0, 1, 4], [0, 0, 6], [1, 0, 0]]); // means 0.5, 0.25, 3
  const e = linearShap(model([2, -4, 0.5], 0.25), matrix([[0, 1, 5]]), bg, players);
  assert.equal(e.output, "log-odds");
  assert.deepEqual(e.features, ["cat", "num"]);
  assert.equal(e.base, 0.25 + 2 * 0.5 - 4 * 0.25 + 0.5 * 3);
  assert.deepEqual(Array.from(e.phi), [2 * (0 - 0.5) - 4 * (1 - 0.25), 0.5 * (5 - 3)]);
  assert.deepEqual(Array.from(e.value), [0.25 - 4 + 2.5]);
});

Deno.test("linear SHAP is additive to 1e-9 for any weights and rows", () => {
  const num = fc.double({ min: -100, max: 100, noNaN: true });
  fc.assert(
    fc.property(
      fc.array(num, { minLength: 3, maxLength: 3 }),
      num,
      fc.array(num, { minLength: 9, maxLength: 30 }),
      (w, b, xs) => {
        const rows = Math.floor(xs.length / 3);
        const X = { rows, cols: 3, data: Float64Array.from(xs.slice(0, rows * 3)) };
        assert.ok(additivityError(linearShap(model(w, b), X, X, players)) <= 1e-9);
      },
    ),
  );
});

Deno.test("linear SHAP equals brute-force Shapley of the log-odds, one-hot columns as one player", () => {
  const { table, y } = smallTable(120, 3);
  const p = fitPipeline(SMALL_STEPS, new LogisticRegression({ penalty: "l2", C: 1 }), table, y);
  const pl = pipelinePlayers(p.preprocess);
  const X = p.preprocess.transform(table);
  const e = linearShap(p.model as LogisticModel, X, X, pl);
  const m = pl.features.length;
  for (const i of [0, 7, 42]) {
    const exact = bruteForceShapley(
      (M) => p.model.decisionFunction(M),
      X.data.subarray(i * 6, i * 6 + 6),
      uniformBackground(X),
      pl,
    );
    assert.ok(Math.abs(exact.base - e.base) < 1e-9);
    exact.phi.forEach((v, j) => assert.ok(Math.abs(v - e.phi[i * m + j]!) < 1e-9, `row ${i} feature ${j}`));
  }
});
