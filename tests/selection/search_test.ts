import assert from "node:assert/strict";
import { loadDataset } from "../../src/data/load.ts";
import { writeSynthetic } from "../../src/data/synth.ts";
import { labelledTable, takeTable } from "../../src/features/feature_table.ts";
import { takeLabels } from "../../src/models/estimator.ts";
import { rocAuc } from "../../src/selection/roc_auc.ts";
import { runSearch } from "../../src/selection/search.ts";
import { TaskRunner } from "../../src/selection/search_tasks.ts";
import { type FamilySpace, gridCandidates } from "../../src/selection/space.ts";
import { fitCandidate } from "../../src/selection/select_model.ts";
import { stratifiedKFold } from "../../src/selection/split.ts";

const dir = await Deno.makeTempDir();
await writeSynthetic(dir, { customers: 400, seed: 5 });
const table = labelledTable((await loadDataset(dir)).frame);
const folds = stratifiedKFold(table.y, table.groups, { k: 4, seed: 1 });
const ctx = { table: table.features, y: table.y, folds };

const SMALL: FamilySpace[] = [
  {
    family: "knn",
    params: { k: [3, 15], weights: ["uniform", "distance"], metric: ["euclidean", "manhattan"] },
    scalers: ["standard", "minmax"],
  },
  { family: "tree", params: { maxDepth: [2, 5], minSamplesLeaf: [1, 10] }, scalers: ["passthrough"] },
  { family: "logistic", params: { penalty: ["l1", "l2"], C: [0.1, 3, 0.01] }, scalers: ["standard", "passthrough"] },
  { family: "svc", params: { kernel: ["rbf", "linear"], C: [1, 0.1] }, scalers: ["standard"] },
];
const candidates = gridCandidates(SMALL);

Deno.test("the grid has every combination, in a fixed order", () => {
  assert.equal(candidates.length, 16 + 4 + 12 + 4);
  assert.deepEqual(candidates[0], {
    index: 0,
    family: "knn",
    params: { k: 3, weights: "uniform", metric: "euclidean" },
    scaler: "standard",
  });
  assert.deepEqual(candidates.map((c) => c.index), candidates.map((_, i) => i));
});

Deno.test("search results equal fitting each candidate's pipeline on each fold directly", async () => {
  const results = await runSearch(ctx, candidates, { workers: 1 });
  for (const r of results) {
    folds.forEach((f, k) => {
      const tr = takeTable(table.features, f.train), te = takeTable(table.features, f.test);
      const p = fitCandidate(r.candidate, tr, takeLabels(table.y, f.train), false);
      const direct = rocAuc(takeLabels(table.y, f.test), p.decisionFunction(te));
      assert.ok(
        Math.abs(direct - r.foldAuc[k]!) < 1e-6,
        `${JSON.stringify(r.candidate)} fold ${k}: ${direct} vs ${r.foldAuc[k]}`,
      );
    });
  }
});

Deno.test("two workers give exactly the results of one", async () => {
  const one = await runSearch(ctx, candidates, { workers: 1 });
  const two = await runSearch(ctx, candidates, { workers: 2 });
  assert.deepEqual(two.map((r) => r.foldAuc), one.map((r) => r.foldAuc));
  assert.ok(Math.max(...one.map((r) => r.meanAuc)) > 0.75, "the synthetic link is learnable");
});

Deno.test("no leakage: preprocessing is fitted on the fold's training rows only", () => {
  const runner = new TaskRunner(ctx);
  const { Xtr, Xte } = runner.matrices(0, "standard");
  const col = Xtr.cols - 1; // a standardised numeric column
  const mean = (X: typeof Xtr) =>
    Array.from({ length: X.rows }, (_, r) => X.data[r * X.cols + col]!).reduce((a, b) => a + b) / X.rows;
  assert.ok(Math.abs(mean(Xtr)) < 1e-12);
  assert.ok(Math.abs(mean(Xte)) > 1e-6);
});

Deno.test("no leakage: with shuffled labels no candidate beats chance by much", async () => {
  const y = table.y.slice();
  for (let i = y.length - 1; i > 0; i--) {
    const j = (i * 7919 + 13) % (i + 1);
    [y[i], y[j]] = [y[j]!, y[i]!];
  }
  const results = await runSearch({ ...ctx, y }, candidates, { workers: 1 });
  const mean = results.reduce((s, r) => s + r.meanAuc, 0) / results.length;
  assert.ok(Math.abs(mean - 0.5) < 0.05, `mean AUC ${mean}`);
});

Deno.test("random search draws from lists and distributions, reproducibly for a seed", async () => {
  const { randomCandidates } = await import("../../src/selection/space.ts");
  const space: FamilySpace[] = [
    {
      family: "logistic",
      params: { penalty: ["l1", "l2"], C: { logUniform: [0.01, 10] } },
      scalers: ["standard", "minmax"],
    },
    {
      family: "knn",
      params: { k: { intRange: [2, 30] }, weights: ["distance"], metric: ["euclidean"] },
      scalers: ["standard"],
    },
  ];
  const a = randomCandidates(space, 40, 3);
  assert.deepEqual(randomCandidates(space, 40, 3), a);
  assert.notDeepEqual(randomCandidates(space, 40, 4), a);
  for (const c of a) {
    if (c.family === "logistic") {
      assert.ok(Number(c.params.C) >= 0.01 && Number(c.params.C) <= 10);
      assert.ok(["l1", "l2"].includes(String(c.params.penalty)));
    } else {
      assert.ok(Number.isInteger(c.params.k) && Number(c.params.k) >= 2 && Number(c.params.k) <= 30);
    }
  }
  assert.ok(new Set(a.map((c) => c.family)).size === 2);
  const results = await runSearch(ctx, a.slice(0, 6), { workers: 1 });
  assert.equal(results.length, 6);
});
