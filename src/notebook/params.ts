/**
 * What the notebooks share: their parameters, the data source they announce,
 * and where their results go.
 *
 * Parameters work the papermill way. Each notebook has one code cell tagged
 * `parameters` holding the defaults for a person working in Jupyter:
 *
 * ```ts
 * const params = notebookParams({ data: undefined, dataDate: undefined, out: "out/dev", config: {}, workers: undefined });
 * ```
 *
 * A person edits the values there and re-runs. The report build inserts a
 * cell tagged `injected-parameters` right after it with the same call and the
 * run's values (scripts/run_notebooks.py), so an executed notebook shows what
 * it ran with.
 *
 * | parameter | meaning | default |
 * | --- | --- | --- |
 * | data | folder of the four raw tables | `$ONECLICK_DATA`, `data/raw/`, else the demo data |
 * | dataDate | the export's date, YYYY-MM-DD (`report --data-date`) | the newest date of the files |
 * | out | where artifacts and charts are written | `out/dev/` — a scratch folder, never the report's `out/artifacts/` |
 * | config | the run configuration: any subset of its keys | the defaults |
 * | workers | worker threads | the machine's cores |
 *
 * Relative paths are taken from the project's root, whatever folder Jupyter
 * started in.
 *
 * @module
 */
import { isAbsolute, join, relative, resolve } from "node:path";
import { type ConfigProblem, parseRunConfig, type RunConfig } from "../config/run_config.ts";
import { EXPORT_DATE_EXPECTED, parseExportDate } from "../data/identity.ts";
import { type DataSource, DEMO_NOTE, PROJECT_ROOT, resolveSource } from "../data/source.ts";
import { writeFileAtomic } from "../artifacts/artifact_file.ts";

/** The scratch output folder of interactive runs, relative to the project's root. */
export const DEV_OUT = "out/dev";

/** What a `parameters` (or `injected-parameters`) cell gives; `undefined` means the default. */
export interface NotebookParamsInput {
  /** Folder of the four raw tables; undefined: `$ONECLICK_DATA`, `data/raw/`, else demo data. */
  data?: string | undefined;
  /** The export's date as stated (YYYY-MM-DD); undefined: the files' own date. */
  dataDate?: string | undefined;
  /** Artifact folder; default {@linkcode DEV_OUT}. */
  out?: string | undefined;
  /** Any subset of the run configuration's keys (`{}`: the defaults). */
  config?: unknown;
  /** Worker threads; undefined: the machine's cores. */
  workers?: number | undefined;
}

/** The notebooks' parameters, checked: paths absolute, the configuration complete. */
export interface NotebookParams {
  /** Explicit data directory, or undefined for `$ONECLICK_DATA`, data/raw/ or demo data. */
  data: string | undefined;
  /** The export's date as stated (YYYY-MM-DD), or undefined for the files' own date. */
  dataDate?: string;
  out: string;
  config: RunConfig;
  workers?: number;
}

/** A bad parameter: one message naming the parameter, what it holds and what was expected. */
export class ParamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ParamError";
  }
}

/** A path of a parameter cell: relative ones are under the project's root. */
function projectPath(path: string): string {
  return isAbsolute(path) ? path : resolve(PROJECT_ROOT, path);
}

/**
 * Checks a parameters cell's values and fills in the defaults.
 *
 * @throws ParamError naming the first bad parameter (for the config: every bad key)
 * @example
 * ```ts
 * const params = notebookParams({ out: "out/dev", config: { cv: { folds: 3 } } });
 * params.config.cv.folds; // 3
 * params.out; // <project>/out/dev
 * ```
 */
export function notebookParams(input: NotebookParamsInput = {}): NotebookParams {
  const text = (name: string, v: unknown): string | undefined => {
    if (v === undefined) return undefined;
    if (typeof v !== "string" || v.trim() === "") {
      throw new ParamError(`parameter ${name} must be a non-empty path or undefined, got ${JSON.stringify(v)}`);
    }
    return v;
  };
  const data = text("data", input.data);
  const out = text("out", input.out) ?? DEV_OUT;
  let dataDate: string | undefined;
  if (input.dataDate !== undefined) {
    dataDate = typeof input.dataDate === "string" ? parseExportDate(input.dataDate) : undefined;
    if (dataDate === undefined) {
      throw new ParamError(`parameter dataDate must be ${EXPORT_DATE_EXPECTED}, got ${JSON.stringify(input.dataDate)}`);
    }
  }
  const workers = input.workers;
  if (workers !== undefined && !(Number.isSafeInteger(workers) && workers >= 1)) {
    throw new ParamError(`parameter workers must be a whole number ≥ 1 or undefined, got ${JSON.stringify(workers)}`);
  }
  const parsed = parseRunConfig(input.config ?? {});
  if (!parsed.ok) throw new ParamError(configMessage(parsed.problems));
  return {
    data: data === undefined ? undefined : projectPath(data),
    ...(dataDate === undefined ? {} : { dataDate }),
    out: projectPath(out),
    config: parsed.config,
    ...(workers === undefined ? {} : { workers }),
  };
}

function configMessage(problems: readonly ConfigProblem[]): string {
  return [
    `parameter config: ${problems.length === 1 ? "1 problem" : `${problems.length} problems`}`,
    ...problems.map((p) =>
      `  key «${p.key}»: ${
        p.unknown ? "unknown key; expected" : p.found === undefined ? "expected" : `found ${p.found}, expected`
      } ${p.expected}`
    ),
  ].join("\n");
}

/**
 * A path as an `injected-parameters` cell shows it: relative to the project's
 * root (`out/.build-1/artifacts`, `../shared/data/one-click`), so no absolute
 * path of one machine lands in what people read. {@linkcode notebookParams}
 * resolves it back from the root.
 *
 * @example
 * ```ts
 * import { shownPath } from "./params.ts";
 * import { PROJECT_ROOT } from "../data/source.ts";
 * shownPath(`${PROJECT_ROOT}/out/.build-1/artifacts`); // "out/.build-1/artifacts"
 * ```
 */
export function shownPath(path: string): string {
  return relative(PROJECT_ROOT, resolve(path)) || ".";
}

/** The Markdown block a notebook shows first when it runs on the demo data. */
export function demoBlock(): string {
  return `> **⚠ ${DEMO_NOTE}.**\n>\n> Все числа ниже посчитаны на синтетических данных, а не на данных магазина; ` +
    "в блокноте папку с данными задаёт параметр `data`.";
}

/**
 * Resolves the data folder of the parameters (`data`, else `$ONECLICK_DATA`,
 * `data/raw/`, the demo data) and, on demo data, shows {@linkcode demoBlock}
 * as a visible block — call it in the first cell with output.
 *
 * @example
 * ```ts
 * import { notebookParams, openSource } from "./params.ts";
 * const params = notebookParams({});
 * const source = await openSource(params); // { dir, kind: "demo", origin: "demo" } and a warning block
 * ```
 */
export async function openSource(
  params: Pick<NotebookParams, "data">,
  env: { get(name: string): string | undefined } = Deno.env,
): Promise<DataSource> {
  const source = await resolveSource(params.data, { env: env.get("ONECLICK_DATA") });
  if (source.kind === "demo" && inKernel()) {
    const md = demoBlock();
    const html =
      `<div style="border:2px solid #c0392b;background:#fdecea;padding:.6em 1em;font-weight:600">⚠ ${
        DEMO_NOTE.replace(/&/g, "&amp;").replace(/</g, "&lt;")
      }.<br>Все числа ниже посчитаны на синтетических данных, а не на данных магазина; ` +
      "в блокноте папку с данными задаёт параметр <code>data</code>.</div>";
    await Deno.jupyter.display({ "text/markdown": md, "text/html": html }, { raw: true });
  }
  return source;
}

/** True inside `deno jupyter` (elsewhere reading `Deno.jupyter` throws). */
function inKernel(): boolean {
  try {
    return typeof Deno.jupyter.display === "function";
  } catch {
    return false;
  }
}

/** Writes a chart as `charts/<name>.svg` under the artifact directory and returns it for display. */
export async function saveChart(out: string, name: string, svg: string): Promise<string> {
  await writeFileAtomic(join(out, "charts"), `${name}.svg`, svg + "\n");
  return svg;
}
