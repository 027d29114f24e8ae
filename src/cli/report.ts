/**
 * `deno task report [--data DIR] [--data-date YYYY-MM-DD] [--out DIR] [--config FILE] [--seed S] [--workers N]
 * [--notebooks DIR] [--timeout SECONDS] [--wait] [--fresh] [--notebook NAME]…`: the main job. Executes the
 * notebooks (notebooks/01_data … 04_segments, a fresh Jupyter kernel each),
 * renders out/report.html from the artifacts they write, prints
 * out/report.pdf, and keeps the artifacts and the executed notebooks (.ipynb
 * and .html) in out/artifacts/ and out/notebooks/. Everything is built in a
 * temporary folder and moved into place only when every stage succeeded.
 * Ctrl-C, SIGTERM or SIGHUP stop the build and every process it started
 * (exit 130); a second build into the same folder stops (exit 75) or, with
 * --wait, waits for the first. Notebooks whose inputs are unchanged are
 * restored from the cache (`.cache/`); --fresh recomputes everything, and
 * --notebook NAME (repeatable) re-executes the named notebooks.
 *
 * @module
 */
import { basename, join } from "node:path";
import { buildReport, EXIT_INTERRUPTED } from "../report/build.ts";
import { BuildError, listNotebooks, NOTEBOOK_DEFAULTS } from "../report/notebooks.ts";
import { configOf, dataDateOf, sourceOf, wholeOption } from "./options.ts";
import { parseOptions, runCommand, UsageError } from "./run.ts";

const USAGE =
  "deno task report [--data DIR] [--data-date YYYY-MM-DD] [--out DIR] [--config FILE] [--seed S] [--workers N] [--notebooks DIR] " +
  "[--timeout SECONDS] [--wait] [--fresh] [--notebook NAME]…";

/** Options of the report command. */
export const REPORT_OPTIONS = {
  data: { type: "string" },
  "data-date": { type: "string" },
  out: { type: "string", default: "out" },
  config: { type: "string" },
  seed: { type: "string" },
  workers: { type: "string" },
  notebooks: { type: "string" },
  timeout: { type: "string", default: String(NOTEBOOK_DEFAULTS.timeoutSeconds) },
  wait: { type: "boolean", default: false },
  /** Recompute every notebook and stage instead of loading cached results. */
  fresh: { type: "boolean", default: false },
  /** Execute this notebook even when its cached result is valid (repeatable). */
  notebook: { type: "string", multiple: true },
} as const;

/** The `--notebook` values as base names, each one of the folder's notebooks (`04_segments` or `04_segments.ipynb`). */
async function notebookNames(given: readonly string[], dir: string): Promise<string[]> {
  if (given.length === 0) return [];
  const known = (await listNotebooks(dir).catch(() => [])).map((n) => basename(n, ".ipynb"));
  return given.map((raw) => {
    const name = basename(raw.trim(), ".ipynb");
    if (!known.includes(name)) {
      throw new UsageError(`--notebook must name one of the notebooks (${known.join(", ")}), got "${raw}"`);
    }
    return name;
  });
}

/** Signals that interrupt the build. */
const STOP_SIGNALS: Deno.Signal[] = ["SIGINT", "SIGTERM", "SIGHUP"];
/** How long cleaning up after an interrupt may take before the process exits regardless, milliseconds. */
const STOP_DEADLINE_MS = 20_000;

/**
 * Turns the first of {@linkcode STOP_SIGNALS} into an abort whose reason is
 * the signal's name; later ones are absorbed while the build cleans up (a
 * terminal's Ctrl-C reaches both `deno task` and us, and `deno task` passes
 * it on, so one keypress arrives twice).
 */
function abortOnSignals(): AbortController {
  const controller = new AbortController();
  for (const signal of STOP_SIGNALS) {
    Deno.addSignalListener(signal, () => {
      if (controller.signal.aborted) return;
      controller.abort(signal);
      // Should the cleanup hang, still end within a bounded time; the next build removes what is left.
      Deno.unrefTimer(setTimeout(() => Deno.exit(EXIT_INTERRUPTED), STOP_DEADLINE_MS));
    });
  }
  return controller;
}

if (import.meta.main) {
  await runCommand(USAGE, async () => {
    const { values } = parseOptions(Deno.args, REPORT_OPTIONS);
    const config = await configOf(values);
    const { dataDate } = dataDateOf(values);
    // A bad --data (empty, or without the four files) is reported before anything starts.
    if (values.data !== undefined) await sourceOf(values.data);
    const run = await notebookNames(values.notebook ?? [], values.notebooks ?? NOTEBOOK_DEFAULTS.dir);
    const interrupt = abortOnSignals();
    const started = performance.now();
    try {
      const result = await buildReport({
        out: values.out!,
        data: values.data,
        dataDate,
        config,
        workers: wholeOption("workers", values.workers, 1),
        notebooksDir: values.notebooks,
        timeoutSeconds: wholeOption("timeout", values.timeout, 1),
        log: (line) => console.log(line),
        wait: values.wait,
        signal: interrupt.signal,
        cache: { fresh: values.fresh, run },
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
      if (e.exitCode === EXIT_INTERRUPTED) {
        console.error(e.message);
      } else {
        console.error(`Report not built: ${e.message}`);
        console.error(`The previous report and artifacts in ${values.out} are unchanged.`);
      }
      Deno.exit(e.exitCode);
    }
  });
}
