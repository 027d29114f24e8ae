/**
 * `runSampledModelStage`, the model stage as notebook 03 and the `model` and
 * `segments` commands run it: on the stratified sample of an export larger
 * than `training.sampleSize`, on everyone otherwise.
 */
import assert from "node:assert/strict";
import { predictionsOf } from "../../src/artifacts/predictions.ts";
import { runModelStage, runSampledModelStage, trainingData } from "../../src/stages/model_stage.ts";
import { FAST_CONFIG, syntheticData } from "./fixtures.ts";

const { data } = await syntheticData(300, 23);

Deno.test("runSampledModelStage: above the sample size, the model stage of trainingData's sample", async () => {
  const config = { ...FAST_CONFIG, training: { sampleSize: 150 } };
  const { stage, train, sample } = await runSampledModelStage(data, config, { workers: 1 });
  const expected = trainingData(data, config);
  assert.ok(sample !== null && expected.sample !== null);
  assert.deepEqual(sample, expected.sample);
  const ids = data.frame.getColumn("id").toArray().map(String);
  assert.deepEqual(Array.from(stage.table.ids), Array.from(sample, (row) => ids[row]));
  assert.deepEqual(train.frame.getColumn("id").toArray().map(String), Array.from(stage.table.ids));
  // The same selection as the model stage run on that sample directly.
  const direct = await runModelStage(expected.train, config, { workers: 1 });
  assert.deepEqual(predictionsOf(stage), predictionsOf(direct));
  assert.deepEqual(stage.best.params, direct.best.params);
});

Deno.test("runSampledModelStage: within the sample size, everyone and no sample", async () => {
  const { stage, train, sample } = await runSampledModelStage(data, FAST_CONFIG, { workers: 1 });
  assert.equal(sample, null);
  assert.equal(train, data);
  assert.deepEqual(predictionsOf(stage), predictionsOf(await runModelStage(data, FAST_CONFIG, { workers: 1 })));
});
