/**
 * `deno task segments [--data DIR] [--out DIR] [--config FILE] [--seed S]
 * [--workers N]`: what notebooks 03 and 04 do, without notebooks — the data
 * and model stages (on a stratified sample of `training.sampleSize`
 * customers when the export has more), then, from the saved model,
 * explanations for every customer and the segments, recommendations and
 * personalised offers; writes every artifact (explanations.json,
 * segments.json, offers.json, offers.csv next to the model's).
 *
 * @module
 */
import { join } from "node:path";
import { runDataStage, runExplainStage, runSegmentsStage } from "../stages/mod.ts";
import { runSampledModelStage } from "../stages/model_stage.ts";
import { loadModel, saveData, saveExplain, saveModel, saveSegments } from "../stages/save.ts";
import { configOf, dataDateOf, runOptionsOf, sourceOf, STAGE_OPTIONS, STAGE_USAGE } from "./options.ts";
import { dataSummary, explainSummary, modelSummary, segmentsSummary } from "./print.ts";
import { parseOptions, runCommand } from "./run.ts";

if (import.meta.main) {
  await runCommand(`deno task segments ${STAGE_USAGE}`, async () => {
    const { values } = parseOptions(Deno.args, STAGE_OPTIONS);
    const out = values.out, config = await configOf(values), run = runOptionsOf(values);
    const data = await runDataStage(await sourceOf(values.data), config, dataDateOf(values));
    await saveData(out, data, config);
    console.log(dataSummary(data, join(out, "quality.json")));
    const { stage, sample } = await runSampledModelStage(data, config, run);
    await saveModel(out, data, stage, config, undefined, sample);
    console.log(modelSummary(stage, config, out, data.frame.height));
    // As notebook 04: the model as saved, every customer of the export with the probability predictions.json gives.
    const { table, pipeline, background, predictions } = await loadModel(data.frame, out);
    const explain = await runExplainStage(pipeline, table.features, background, config, run);
    await saveExplain(out, explain, config);
    console.log(explainSummary(explain));
    const segments = runSegmentsStage(data.frame, predictions, explain.explanation, config);
    await saveSegments(out, segments, config);
    console.log(segmentsSummary(segments));
  });
}
