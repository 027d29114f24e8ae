import assert from "node:assert/strict";
import { uniformBackground } from "../../src/explain/background.ts";
import { pipelinePlayers } from "../../src/explain/players.ts";
import { treeShap } from "../../src/explain/tree_shap.ts";
import { matrix, takeRows } from "../../src/models/estimator.ts";
import { fitPipeline } from "../../src/models/pipeline.ts";
import { DecisionTree, FittedDecisionTree } from "../../src/models/tree.ts";
import { additivityError, bruteForceShapley, SMALL_STEPS, smallTable } from "./fixtures.ts";

const { table, y } = smallTable(300, 11);
const pipeline = fitPipeline(SMALL_STEPS, new DecisionTree({ maxDepth: 6, minSamplesLeaf: 3 }), table, y);
const players = pipelinePlayers(pipeline.preprocess);
const X = pipeline.preprocess.transform(table);
const tree = pipeline.model as FittedDecisionTree;

Deno.test("tree SHAP: the fixture's tree splits on the one-hot columns and the numbers", () => {
  const used = new Set(
    tree.nodes.filter((n) => n.feature >= 0).map((n) => players.features[players.playerOf[n.feature]!]),
  );
  assert.deepEqual([...used].sort(), ["a", "b", "c", "cat"]);
});

Deno.test("tree SHAP is additive: base + Σφ = leaf probability (1e-12), base = mean background prediction", () => {
  const bg = uniformBackground(X);
  const e = treeShap(tree, X, bg, players);
  assert.equal(e.output, "probability");
  assert.ok(additivityError(e) < 1e-12);
  const mean = tree.predictProba(X).reduce((a, b) => a + b) / X.rows;
  assert.ok(Math.abs(e.base - mean) < 1e-12);
});

Deno.test("tree SHAP equals brute-force Shapley over all 2^4 coalitions (one-hot group as one player)", () => {
  const bg = uniformBackground(takeRows(X, Array.from({ length: 40 }, (_, i) => i * 7)));
  const rows = Array.from({ length: 25 }, (_, i) => i * 11 + 3);
  const e = treeShap(tree, takeRows(X, rows), bg, players);
  rows.forEach((r, i) => {
    const exact = bruteForceShapley(
      (M) => tree.predictProba(M),
      X.data.subarray(r * X.cols, (r + 1) * X.cols),
      bg,
      players,
    );
    assert.ok(Math.abs(exact.base - e.base) < 1e-12);
    exact.phi.forEach((v, j) =>
      assert.ok(Math.abs(v - e.phi[i * 4 + j]!) < 1e-12, `row ${r}, ${players.features[j]}: ${v}`)
    );
  });
});

Deno.test("tree SHAP on a hand-made tree: the split feature takes the whole difference", () => {
  // x0 <= 0.5 ? 0.2 : 0.9; players: column 0 alone, column 1 unused.
  const t = new FittedDecisionTree({ maxDepth: 1, minSamplesLeaf: 1, criterion: "gini", minSamplesSplit: 2 }, [
    { feature: 0, threshold: 0.5, left: 1, right: 2, samples: 20, positives: 11 },
    { feature: -1, threshold: 0, left: -1, right: -1, samples: 10, positives: 2 },
    { feature: -1, threshold: 0, left: -1, right: -1, samples: 10, positives: 9 },
  ], 2);
  const pl = { features: ["u", "v"], columns: [Int32Array.of(0), Int32Array.of(1)], playerOf: Int32Array.of(0, 1) };
  const bg = uniformBackground(matrix([[0, 0], [0, 5], [1, 0], [0, 1]])); // 3 of 4 go left: base 0.375
  const e = treeShap(t, matrix([[1, 3]]), bg, pl);
  assert.ok(Math.abs(e.base - (3 * 0.2 + 0.9) / 4) < 1e-15);
  assert.ok(Math.abs(e.phi[0]! - (0.9 - e.base)) < 1e-15);
  assert.equal(e.phi[1], 0);
});

Deno.test("tree SHAP: a player split twice on one path (two one-hot columns) matches brute force", () => {
  const leaf = (samples: number, positives: number) => ({
    feature: -1,
    threshold: 0,
    left: -1,
    right: -1,
    samples,
    positives,
  });
  // col0 <= 0.5 ? (col1 <= 0.5 ? (col2 <= 0 ? .1 : .5) : .7) : (col2 <= 0 ? .3 : .95); cols 0 and 1 are one player.
  const t = new FittedDecisionTree({ maxDepth: 3, minSamplesLeaf: 1, criterion: "gini", minSamplesSplit: 2 }, [
    { feature: 0, threshold: 0.5, left: 1, right: 6, samples: 100, positives: 50 },
    { feature: 1, threshold: 0.5, left: 2, right: 5, samples: 60, positives: 20 },
    { feature: 2, threshold: 0, left: 3, right: 4, samples: 40, positives: 10 },
    leaf(20, 2),
    leaf(20, 10),
    leaf(20, 14),
    { feature: 2, threshold: 0, left: 7, right: 8, samples: 40, positives: 25 },
    leaf(20, 6),
    leaf(20, 19),
  ], 3);
  const pl = {
    features: ["g", "h"],
    columns: [Int32Array.of(0, 1), Int32Array.of(2)],
    playerOf: Int32Array.of(0, 0, 1),
  };
  const bg = uniformBackground(matrix([[0, 0, -1], [0, 1, 1], [1, 0, -1], [0, 0, 2], [0, 1, -3]]));
  const rows = matrix([[0, 0, 1], [0, 1, -1], [1, 0, 1], [0, 0, -1]]);
  const e = treeShap(t, rows, bg, pl);
  for (let i = 0; i < rows.rows; i++) {
    const exact = bruteForceShapley((M) => t.predictProba(M), rows.data.subarray(i * 3, i * 3 + 3), bg, pl);
    exact.phi.forEach((v, j) => assert.ok(Math.abs(v - e.phi[i * 2 + j]!) < 1e-15, `row ${i}, player ${j}`));
  }
});
