import assert from "node:assert/strict";
import { smallTable } from "../explain/fixtures.ts";
import type { ColumnStep, ScalerKind } from "../../src/models/column_transformer.ts";
import { ensembleFromJSON, type EnsembleParams, fitEnsemblePipeline } from "../../src/models/ensemble.ts";
import { fitPipeline, pipelineFromJSON } from "../../src/models/pipeline.ts";
import { makeClassifier } from "../../src/models/registry.ts";
import { ensureSvcRuntime } from "../../src/models/svc.ts";

const { table, y } = smallTable(160, 3);
const steps = (scaler: ScalerKind): ColumnStep[] => [
  { transformer: { kind: "onehot", dropFirst: true }, columns: ["cat"] },
  { transformer: { kind: scaler }, columns: ["a", "b", "c"] },
];
const PARAMS: EnsembleParams = {
  members: [
    { family: "logistic", params: { penalty: "l2", C: 1 }, scaler: "minmax" },
    { family: "knn", params: { k: 9, weights: "distance", metric: "euclidean" }, scaler: "standard" },
    { family: "svc", params: { kernel: "rbf", C: 1 }, scaler: "standard" },
    { family: "tree", params: { maxDepth: 3, minSamplesLeaf: 5 }, scaler: "passthrough" },
  ],
  weights: [0.4, 0.3, 0.2, 0.1],
};

Deno.test("ensemble: the weighted mean of each member's own pipeline, and the same after JSON", async () => {
  await ensureSvcRuntime();
  const ens = fitEnsemblePipeline(PARAMS, steps, table, y, { seed: 5 });
  const expected = new Float64Array(table.rows);
  PARAMS.members.forEach((m, j) => {
    const own = fitPipeline(steps(m.scaler), makeClassifier(m.family, m.params), table, y, {
      probability: true,
      seed: 5,
    });
    own.predictProba(table).forEach((p, i) => expected[i]! += PARAMS.weights[j]! * p);
  });
  const got = ens.predictProba(table);
  got.forEach((p, i) => assert.ok(Math.abs(p - expected[i]!) < 1e-12, `row ${i}: ${p} vs ${expected[i]}`));
  assert.deepEqual(ens.decisionFunction(table), got);
  const copy = pipelineFromJSON(JSON.parse(JSON.stringify(ens.toJSON())));
  assert.deepEqual(copy.predictProba(table), got);
  assert.equal(copy.model.family, "ensemble");
});

Deno.test("ensemble: bad weights and malformed JSON are refused with what was expected", async () => {
  await ensureSvcRuntime();
  const two = { members: PARAMS.members.slice(0, 2), weights: [0.7, 0.7] };
  assert.throws(() => fitEnsemblePipeline(two, steps, table, y), /weights must be ≥ 0 and sum to 1/);
  const json = fitEnsemblePipeline({ ...two, weights: [0.5, 0.5] }, steps, table, y).toJSON().model;
  const state = json.state as { parts: { scale: number[] }[] };
  assert.throws(() => ensembleFromJSON({ ...json, state: {} }), /expected params.members, params.weights/);
  const zero = structuredClone(state);
  zero.parts[0]!.scale[0] = 0;
  assert.throws(() => ensembleFromJSON({ ...json, state: zero }), /part 0: a scale of 0/);
  assert.throws(() => ensembleFromJSON({ ...json, family: "knn" }), /Expected an "ensemble" model/);
});
