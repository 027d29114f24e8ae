/**
 * `deno task report [--data DIR] [--out DIR]`: the main job. The notebooks
 * and the HTML/PDF report come later; until then it runs the data and model
 * stages and writes their artifacts.
 *
 * @module
 */
import { DATA_OPTIONS, dataStage } from "./data.ts";
import { intOption, MODEL_OPTIONS, modelStage } from "./model.ts";
import { parseOptions, runCommand } from "./run.ts";

const USAGE = "deno task report [--data DIR] [--out DIR] [--seed S] [--workers N]";

if (import.meta.main) {
  await runCommand(USAGE, async () => {
    const { values } = parseOptions(Deno.args, { ...DATA_OPTIONS, ...MODEL_OPTIONS });
    const time = () => performance.now() / 1000;
    const t0 = time();
    const { frame } = await dataStage(values.data, values.out!);
    const t1 = time();
    const workers = intOption("workers", values.workers, 1);
    await modelStage(frame, values.out!, {
      seed: intOption("seed", values.seed, 0)!,
      ...(workers === undefined ? {} : { workers }),
    });
    console.log(
      `Stages: data ${(t1 - t0).toFixed(2)} s, model ${(time() - t1).toFixed(2)} s ` +
        "(the notebook and report stages are not built yet).",
    );
  });
}
