import assert from "node:assert/strict";
import { explainPipeline } from "../../src/explain/explain.ts";
import { explainAtScale, riskStrata } from "../../src/explain/explain_at_scale.ts";
import { takeTable } from "../../src/features/feature_table.ts";
import { KNeighbors } from "../../src/models/knn.ts";
import { DecisionTree, type FittedDecisionTree } from "../../src/models/tree.ts";
import { kmeansBackground } from "../../src/explain/background.ts";
import { pipelinePlayers } from "../../src/explain/players.ts";
import { treeShap } from "../../src/explain/tree_shap.ts";
import { LogisticRegression } from "../../src/models/logistic.ts";
import { fitPipeline } from "../../src/models/pipeline.ts";
import { SMALL_STEPS, smallTable } from "./fixtures.ts";

const { table, y } = smallTable(240, 5);
const train = takeTable(table, Int32Array.from({ length: 120 }, (_, i) => i));
const yTrain = y.subarray(0, 120);

Deno.test("at scale, a family with an exact method explains everyone exactly", async () => {
  const p = fitPipeline(SMALL_STEPS, new LogisticRegression({ penalty: "l2", C: 1 }), train, yTrain);
  const r = await explainAtScale(p, table, train, p.predictProba(table), { explained: 10 });
  assert.deepEqual([r.rule, r.explained, r.agreement], ["exact", 240, null]);
  assert.deepEqual(r.explanation, await explainPipeline(p, table, train));
});

Deno.test("at scale, a tree: exact TreeSHAP against the k-means background, once per route, as row by row", async () => {
  const p = fitPipeline(SMALL_STEPS, new DecisionTree({ maxDepth: 3, minSamplesLeaf: 5 }), train, yTrain, {
    probability: true,
  });
  const r = await explainAtScale(p, table, train, p.predictProba(table), { backgroundSize: 6, seed: 2 });
  assert.deepEqual([r.rule, r.explained, r.agreement], ["exact", 240, null]);
  const pre = p.preprocess, players = pipelinePlayers(pre);
  const bg = kmeansBackground(pre.transform(train), players, 6, 2);
  const { method, ...rowByRow } = treeShap(p.model as FittedDecisionTree, pre.transform(table), bg, players);
  const { method: perRoute, ...e } = r.explanation;
  assert.deepEqual(e, rowByRow);
  assert.ok(perRoute.startsWith(method));
  assert.match(perRoute, /k-means centroids of 120 training rows\); computed once for each of the \d+ distinct routes/);
});

Deno.test("at scale, KNN: a risk-spread sample exactly, everyone else by the rule that agreed better", async () => {
  const p = fitPipeline(SMALL_STEPS, new KNeighbors({ k: 5 }), train, yTrain, { probability: true });
  const probability = p.predictProba(table);
  const options = { explained: 30, samples: 8, backgroundSize: 4, seed: 3, workers: 1 };
  const r = await explainAtScale(p, table, train, probability, options);
  assert.ok(r.rule === "dependence" || r.rule === "neighbour", r.rule);
  assert.equal(r.explained, 30);
  const chosen = riskStrata(probability, 30, 3);
  const exact = await explainPipeline(p, takeTable(table, chosen), train, options);
  const m = exact.features.length, e = r.explanation;
  assert.equal(e.rows, 240);
  const rowOf = (phi: Float64Array, i: number) => Array.from(phi.subarray(i * m, (i + 1) * m));
  chosen.forEach((row, k) => assert.deepEqual(rowOf(e.phi, row), rowOf(exact.phi, k), `explained row ${row}`));
  assert.ok(r.agreements);
  assert.deepEqual(r.agreement, r.agreements[r.rule as "dependence" | "neighbour"]);
  for (const a of [r.agreements.dependence, r.agreements.neighbour]) {
    assert.equal(a.customers, 30);
    assert.ok(a.topReason >= 0 && a.topReason <= 1);
    assert.ok(a.top3Overlap >= a.topReason / 3 && a.top3Overlap <= 1);
  }
  const chosenRule = r.agreements.neighbour.topReason > r.agreements.dependence.topReason ? "neighbour" : "dependence";
  assert.equal(r.rule, chosenRule);
  assert.deepEqual(
    Array.from(e.value.subarray(0, 3)),
    Array.from(probability.subarray(0, 3)).map((v, i) => chosen.includes(i) ? exact.value[chosen.indexOf(i)]! : v),
  );
  assert.match(e.method, /spread over the range of risk/);
});

Deno.test("risk strata: one draw from each equal stratum of the sorted scores, seeded", () => {
  const score = Float64Array.from({ length: 100 }, (_, i) => ((i * 37) % 100) / 100);
  const s = riskStrata(score, 10, 1);
  assert.equal(s.length, 10);
  const deciles = Array.from(s, (i) => Math.floor(score[i]! * 10)).sort((a, b) => a - b);
  assert.deepEqual(deciles, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(riskStrata(score, 10, 1), s);
  assert.deepEqual(riskStrata(score, 500, 1).length, 100);
  assert.throws(() => riskStrata(score, 0, 1), /whole number ≥ 1/);
});
