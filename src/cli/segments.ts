/**
 * `deno task segments [--data DIR] [--out DIR] [--config FILE] [--seed S]
 * [--workers N]`: the data and model stages, then explanations for every
 * customer and the segments, recommendations and personalised offers; writes
 * every artifact (explanations.json, segments.json, offers.json, offers.csv
 * next to the model's).
 *
 * @module
 */
import { join } from "node:path";
import { predictionsOf } from "../artifacts/predictions.ts";
import { takeTable } from "../features/feature_table.ts";
import { runDataStage, runExplainStage, runModelStage, runSegmentsStage } from "../stages/mod.ts";
import { saveData, saveExplain, saveModel, saveSegments } from "../stages/save.ts";
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
    const model = await runModelStage(data, config, run);
    await saveModel(out, data, model, config);
    console.log(modelSummary(model, config, out));
    const background = takeTable(model.table.features, model.split.train);
    const explain = await runExplainStage(model.pipeline, model.table.features, background, config, run);
    await saveExplain(out, explain, config);
    console.log(explainSummary(explain));
    const segments = runSegmentsStage(data.frame, predictionsOf(model), explain.explanation, config);
    await saveSegments(out, segments, config);
    console.log(segmentsSummary(segments));
  });
}
