import assert from "node:assert/strict";
import { uniformBackground } from "../../src/explain/background.ts";
import { explainPipeline } from "../../src/explain/explain.ts";
import { takeTable } from "../../src/features/feature_table.ts";
import { pipelinePlayers } from "../../src/explain/players.ts";
import { treeShap } from "../../src/explain/tree_shap.ts";
import type { ColumnStep, ScalerKind } from "../../src/models/column_transformer.ts";
import { type EnsembleModel, type EnsembleParams, fitEnsemblePipeline } from "../../src/models/ensemble.ts";
import { ensureSvcRuntime } from "../../src/models/svc.ts";
import type { FittedDecisionTree } from "../../src/models/tree.ts";
import { additivityError, smallTable } from "./fixtures.ts";

const { table, y } = smallTable(120, 9);
const steps = (scaler: ScalerKind): ColumnStep[] => [
  { transformer: { kind: "onehot", dropFirst: true }, columns: ["cat"] },
  { transformer: { kind: scaler }, columns: ["a", "b", "c"] },
];
const tree = (maxDepth: number) => ({
  family: "tree" as const,
  params: { maxDepth, minSamplesLeaf: 5 },
  scaler: "passthrough" as const,
});

Deno.test("ensemble SHAP of exact members: the weighted mean of their TreeSHAP values", async () => {
  const params: EnsembleParams = { members: [tree(2), tree(4)], weights: [0.25, 0.75] };
  const p = fitEnsemblePipeline(params, steps, table, y);
  const e = await explainPipeline(p, table, table, { workers: 1 });
  const X = p.preprocess.transform(table), players = pipelinePlayers(p.preprocess);
  const parts = (p.model as EnsembleModel).parts;
  const each = parts.map((part) => treeShap(part.model as FittedDecisionTree, X, uniformBackground(X), players));
  e.phi.forEach((v, i) => {
    const want = 0.25 * each[0]!.phi[i]! + 0.75 * each[1]!.phi[i]!;
    assert.ok(Math.abs(v - want) < 1e-12, `φ[${i}] ${v} vs ${want}`);
  });
  assert.equal(e.output, "probability");
  assert.ok(additivityError(e) < 1e-12);
  assert.match(e.method, /weighted mean of the members' SHAP values/);
});

Deno.test("ensemble SHAP with sampled members: additive to the ensemble's probability, same for any workers", async () => {
  await ensureSvcRuntime();
  const params: EnsembleParams = {
    members: [
      { family: "logistic", params: { penalty: "l2", C: 1 }, scaler: "minmax" },
      { family: "svc", params: { kernel: "rbf", C: 1 }, scaler: "standard" },
      tree(3),
    ],
    weights: [0.4, 0.4, 0.2],
  };
  const p = fitEnsemblePipeline(params, steps, table, y, { seed: 3 });
  const rows = takeTable(table, Int32Array.from({ length: 40 }, (_, i) => i));
  const options = { samples: 16, backgroundSize: 8, seed: 4 };
  const one = await explainPipeline(p, rows, table, { ...options, workers: 1 });
  const proba = p.predictProba(rows);
  one.value.forEach((v, i) => assert.ok(Math.abs(v - proba[i]!) < 1e-12, `value ${i}: ${v} vs ${proba[i]}`));
  assert.ok(additivityError(one) < 1e-9, `additivity ${additivityError(one)}`);
  assert.match(one.method, /tree \(weight 0\.2\): exact interventional TreeSHAP/);
  assert.match(one.method, /logistic \+ svc \(weight 0\.8, sampled together/);
  const two = await explainPipeline(p, rows, table, { ...options, workers: 2 });
  assert.deepEqual(two.phi, one.phi);
});
