/**
 * What the notebooks share: their parameters and where their results go.
 * Parameters come from environment variables — the one mechanism both a
 * person (defaults, or `export ONECLICK_DATA=…` before starting Jupyter) and
 * the report build (which sets them for each run) can use.
 *
 * | variable | meaning | default |
 * | --- | --- | --- |
 * | ONECLICK_DATA | the four raw tables | `data/raw/`, else demo data |
 * | ONECLICK_DATA_DATE | the export's date, YYYY-MM-DD (`report --data-date`) | the newest date of the files |
 * | ONECLICK_OUT | where artifacts and charts are written | `out/artifacts/` |
 * | ONECLICK_CONFIG | the run configuration (JSON; any subset of the keys) | the defaults |
 * | ONECLICK_SEED | overrides the config's seed | — |
 * | ONECLICK_WORKERS | worker threads | the machine's cores |
 *
 * @module
 */
import { join, resolve } from "node:path";
import { loadRunConfig } from "../config/load_config.ts";
import type { RunConfig } from "../config/run_config.ts";
import { EXPORT_DATE_EXPECTED, parseExportDate } from "../data/identity.ts";
import { PROJECT_ROOT } from "../data/source.ts";
import { parseWhole } from "../util/whole_number.ts";
import { writeFileAtomic } from "../artifacts/artifact_file.ts";

/** The notebooks' parameters. */
export interface NotebookParams {
  /** Explicit data directory, or undefined for data/raw/ or demo data. */
  data: string | undefined;
  /** The export's date as stated (YYYY-MM-DD), or undefined for the files' own date. */
  dataDate?: string;
  out: string;
  config: RunConfig;
  workers?: number;
}

/** A bad ONECLICK_* variable. */
export class ParamError extends Error {}

/**
 * Reads the parameters from the environment.
 *
 * @example
 * ```ts
 * const params = await notebookParams();
 * params.config.cv.folds; // 5 unless ONECLICK_CONFIG says otherwise
 * ```
 */
export async function notebookParams(
  env: { get(name: string): string | undefined } = Deno.env,
): Promise<NotebookParams> {
  const whole = (name: string) => {
    const raw = env.get(name);
    if (raw === undefined || raw === "") return undefined;
    const n = parseWhole(raw);
    if (n === undefined) throw new ParamError(`${name} must be a whole number, got "${raw}"`);
    return n;
  };
  const data = env.get("ONECLICK_DATA");
  const rawDate = env.get("ONECLICK_DATA_DATE");
  const dataDate = rawDate === undefined || rawDate === "" ? undefined : parseExportDate(rawDate);
  if (rawDate && dataDate === undefined) {
    throw new ParamError(`ONECLICK_DATA_DATE must be ${EXPORT_DATE_EXPECTED}, got "${rawDate}"`);
  }
  const workers = whole("ONECLICK_WORKERS");
  const seed = whole("ONECLICK_SEED");
  const configFile = env.get("ONECLICK_CONFIG");
  return {
    data: data ? resolve(data) : undefined,
    ...(dataDate === undefined ? {} : { dataDate }),
    out: resolve(env.get("ONECLICK_OUT") || join(PROJECT_ROOT, "out", "artifacts")),
    config: await loadRunConfig(configFile ? resolve(configFile) : undefined, seed === undefined ? {} : { seed }),
    ...(workers === undefined ? {} : { workers }),
  };
}

/** Writes a chart as `charts/<name>.svg` under the artifact directory and returns it for display. */
export async function saveChart(out: string, name: string, svg: string): Promise<string> {
  await writeFileAtomic(join(out, "charts"), `${name}.svg`, svg + "\n");
  return svg;
}
