/**
 * `deno task model [--data DIR] [--out DIR] [--config FILE] [--seed S]
 * [--workers N]`: the data stage, then model selection; writes metrics.json,
 * search.json, model.json and predictions.json next to quality.json.
 *
 * @module
 */
import { join } from "node:path";
import { runDataStage, runModelStage } from "../stages/mod.ts";
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
    const model = await runModelStage(data, config, run);
    await saveModel(values.out, data, model, config);
    console.log(modelSummary(model, config, values.out));
  });
}
