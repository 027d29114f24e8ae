/**
 * `deno task report [--data DIR]`: the main job. The notebook and report
 * stages come later; until then it runs the data stage and prints the
 * data-quality summary, so the README's first command already does real work.
 *
 * @module
 */
import { dataStage } from "./data.ts";
import { runCommand } from "./run.ts";

const USAGE = "deno task report [--data DIR] [--out DIR]";

if (import.meta.main) {
  await runCommand(USAGE, async () => {
    const t0 = performance.now();
    await dataStage(Deno.args);
    console.log(
      `Data stage done in ${((performance.now() - t0) / 1000).toFixed(2)} s ` +
        "(the notebook and report stages are not built yet).",
    );
  });
}
