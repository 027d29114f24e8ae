/**
 * `deno task report [--data DIR] [--out DIR] [--seed S] [--workers N]`: the
 * main job. The notebooks and the HTML/PDF report come later; until then it
 * runs every stage — data, model, explanations, segments — and writes their
 * artifacts, printing the time of each stage.
 *
 * @module
 */
import { DATA_OPTIONS, dataStage } from "./data.ts";
import { intOption, MODEL_OPTIONS, modelStage } from "./model.ts";
import { parseOptions, runCommand } from "./run.ts";
import { explainStage, segmentStage } from "./segments.ts";

const USAGE = "deno task report [--data DIR] [--out DIR] [--seed S] [--workers N]";

if (import.meta.main) {
  await runCommand(USAGE, async () => {
    const { values } = parseOptions(Deno.args, { ...DATA_OPTIONS, ...MODEL_OPTIONS });
    const out = values.out!;
    const workers = intOption("workers", values.workers, 1);
    const options = { seed: intOption("seed", values.seed, 0)!, ...(workers === undefined ? {} : { workers }) };
    const times: string[] = [];
    let t = performance.now();
    const lap = (name: string) => {
      const now = performance.now();
      times.push(`${name} ${((now - t) / 1000).toFixed(2)} s`);
      t = now;
    };
    const { frame } = await dataStage(values.data, out);
    lap("data");
    const stage = await modelStage(frame, out, options);
    lap("model");
    const expl = await explainStage(stage, out, options);
    lap("explain");
    await segmentStage(frame, stage, expl, out);
    lap("segments");
    console.log(`Stages: ${times.join(", ")} (the notebook and report stages are not built yet).`);
  });
}
