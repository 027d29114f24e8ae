/**
 * `deno task data [--data DIR] [--data-date YYYY-MM-DD] [--out DIR] [--config FILE]`: runs the data
 * stage alone and writes the data-quality summary as `quality.json`.
 *
 * @module
 */
import { join } from "node:path";
import { runDataStage } from "../stages/mod.ts";
import { saveData } from "../stages/save.ts";
import { configOf, dataDateOf, sourceOf, STAGE_OPTIONS } from "./options.ts";
import { dataSummary } from "./print.ts";
import { parseOptions, runCommand } from "./run.ts";

const USAGE = "deno task data [--data DIR] [--data-date YYYY-MM-DD] [--out DIR] [--config FILE]";

if (import.meta.main) {
  await runCommand(USAGE, async () => {
    const { values } = parseOptions(Deno.args, STAGE_OPTIONS);
    const config = await configOf(values);
    const data = await runDataStage(await sourceOf(values.data), config, dataDateOf(values));
    await saveData(values.out, data, config);
    console.log(dataSummary(data, join(values.out, "quality.json")));
  });
}
