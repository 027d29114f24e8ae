/**
 * `deno task model [--data DIR] [--out DIR] [--config FILE] [--seed S]
 * [--workers N]`: the data stage, then model selection as notebook 03 runs
 * it (on a stratified sample of `training.sampleSize` customers when the
 * export has more); writes metrics.json, search.json, model.json and
 * predictions.json (every customer) next to quality.json.
 *
 * @module
 */
import { join } from "node:path";
import { runDataStage } from "../stages/mod.ts";
import { runSampledModelStage } from "../stages/model_stage.ts";
import { saveData, saveModel } from "../stages/save.ts";
import { configOf, dataDateOf, runOptionsOf, sourceOf, STAGE_OPTIONS, STAGE_USAGE } from "./options.ts";
import { dataSummary, modelSummary } from "./print.ts";
import { parseOptions, runCommand } from "./run.ts";

if (import.meta.main) {
  await runCommand(`deno task model ${STAGE_USAGE}`, async () => {
    const { values } = parseOptions(Deno.args, STAGE_OPTIONS);
    const config = await configOf(values), run = runOptionsOf(values);
    const data = await runDataStage(await sourceOf(values.data), config, dataDateOf(values));
    await saveData(values.out, data, config);
    console.log(dataSummary(data, join(values.out, "quality.json")));
    const { stage, sample } = await runSampledModelStage(data, config, run);
    await saveModel(values.out, data, stage, config, undefined, sample);
    console.log(modelSummary(stage, config, values.out, data.frame.height));
  });
}
