import assert from "node:assert/strict";
import { loadDataset } from "../../src/data/load.ts";
import { writeSynthetic } from "../../src/data/synth.ts";
import { takeTable } from "../../src/features/feature_table.ts";
import { takeLabels } from "../../src/models/estimator.ts";
import type { FittedPipeline } from "../../src/models/pipeline.ts";
import type { FittedSVC } from "../../src/models/svc.ts";
import { fitCandidate, selectModel } from "../../src/selection/select_model.ts";
import type { FamilySpace } from "../../src/selection/space.ts";

const dir = await Deno.makeTempDir();
await writeSynthetic(dir, { customers: 240, seed: 11 });
const { frame } = await loadDataset(dir);
await Deno.remove(dir, { recursive: true });
const SPACE: FamilySpace[] = [{ family: "svc", params: { kernel: ["rbf"], C: [1] }, scalers: ["standard"] }];
const stage = (seed: number) => selectModel(frame, { seed, space: SPACE, folds: 3, repeats: 1, workers: 1 });
/** A pipeline's Platt parameters (its model is an SVC). */
const platt = (p: FittedPipeline) => {
  const { probA, probB } = (p.model as FittedSVC).state;
  return [probA, probB];
};

Deno.test("the model stage's seed reaches the SVC's Platt shuffle", async () => {
  const a = await stage(3), again = await stage(3), b = await stage(4);
  assert.deepEqual(platt(again.pipeline), platt(a.pipeline));
  assert.notDeepEqual(platt(b.pipeline), platt(a.pipeline));
  // Not only through the split: on the same training rows, the stage's Platt parameters are those of
  // a fit shuffled by its seed, and another seed gives others.
  const train = takeTable(a.table.features, a.split.train), y = takeLabels(a.table.y, a.split.train);
  const winner = { index: 0, family: "svc" as const, params: a.best.params, scaler: a.best.scaler };
  const refit = (seed: number) => platt(fitCandidate(winner, train, y, true, seed));
  assert.deepEqual(refit(3), platt(a.pipeline));
  assert.notDeepEqual(refit(4), platt(a.pipeline));
});
