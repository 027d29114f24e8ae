/**
 * `deno task report [--data DIR] [--out DIR] [--seed S] [--workers N]
 * [--notebooks DIR] [--timeout SECONDS]`: the main job. Executes the
 * notebooks (notebooks/01_data … 04_segments, a fresh Jupyter kernel each),
 * renders out/report.html from the artifacts they write, prints
 * out/report.pdf, and keeps the artifacts and the executed notebooks (.ipynb
 * and .html) in out/artifacts/ and out/notebooks/. Everything is built in a
 * temporary folder and moved into place only when every stage succeeded.
 *
 * @module
 */
import { join } from "node:path";
import { buildReport } from "../report/build.ts";
import { BuildError, NOTEBOOK_DEFAULTS } from "../report/notebooks.ts";
import { intOption, MODEL_OPTIONS } from "./model.ts";
import { parseOptions, runCommand } from "./run.ts";

const USAGE = "deno task report [--data DIR] [--out DIR] [--seed S] [--workers N] [--notebooks DIR] " +
  "[--timeout SECONDS]";

/** Options of the report command. */
export const REPORT_OPTIONS = {
  data: { type: "string" },
  out: { type: "string", default: "out" },
  ...MODEL_OPTIONS,
  notebooks: { type: "string" },
  timeout: { type: "string", default: String(NOTEBOOK_DEFAULTS.timeoutSeconds) },
} as const;

if (import.meta.main) {
  await runCommand(USAGE, async () => {
    const { values } = parseOptions(Deno.args, REPORT_OPTIONS);
    const started = performance.now();
    try {
      const result = await buildReport({
        out: values.out!,
        data: values.data,
        seed: intOption("seed", values.seed, 0),
        workers: intOption("workers", values.workers, 1),
        notebooksDir: values.notebooks,
        timeoutSeconds: intOption("timeout", values.timeout, 1),
        log: (line) => console.log(line),
      });
      const total = (performance.now() - started) / 1000;
      console.log(
        `Stages: ${result.stages.map((s) => `${s.stage} ${s.seconds.toFixed(2)} s`).join(", ")}; ` +
          `total ${total.toFixed(2)} s`,
      );
      console.log(
        `Report: ${result.html}${result.pdf ? `, ${result.pdf}` : ""}; artifacts in ${join(values.out!, "artifacts")}`,
      );
    } catch (e) {
      if (!(e instanceof BuildError)) throw e;
      console.error(`Report not built: ${e.message}`);
      console.error(`The previous report and artifacts in ${values.out} are unchanged.`);
      Deno.exit(e.exitCode);
    }
  });
}
