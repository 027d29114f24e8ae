/**
 * What the notebooks share: their parameters and where their results go.
 * Parameters come from environment variables — the one mechanism both a
 * person (defaults, or `export ONECLICK_DATA=…` before starting Jupyter) and
 * the report build (which sets them for each run) can use; papermill cannot
 * inject TypeScript.
 *
 * | variable | meaning | default |
 * | --- | --- | --- |
 * | ONECLICK_DATA | the four raw tables | `data/raw/`, else demo data |
 * | ONECLICK_OUT | where artifacts and charts are written | `out/artifacts/` |
 * | ONECLICK_SEED | every random choice | 42 |
 * | ONECLICK_WORKERS | worker threads | the machine's cores |
 *
 * @module
 */
import { join, resolve } from "node:path";
import { PROJECT_ROOT } from "../data/source.ts";
import { jsonText, UsageError, writeFileAtomic } from "./run.ts";

/** The notebooks' parameters. */
export interface NotebookParams {
  /** Explicit data directory, or undefined for data/raw/ or demo data. */
  data: string | undefined;
  out: string;
  seed: number;
  workers?: number;
}

/**
 * Reads the parameters from the environment.
 *
 * @example
 * ```ts
 * const params = notebookParams();
 * const { frame } = await dataStage(params.data, params.out);
 * ```
 */
export function notebookParams(env: { get(name: string): string | undefined } = Deno.env): NotebookParams {
  const int = (name: string, fallback?: number) => {
    const raw = env.get(name);
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} must be a whole number, got "${raw}"`);
    return n;
  };
  const data = env.get("ONECLICK_DATA");
  const workers = int("ONECLICK_WORKERS");
  return {
    data: data ? resolve(data) : undefined,
    out: resolve(env.get("ONECLICK_OUT") || join(PROJECT_ROOT, "out", "artifacts")),
    seed: int("ONECLICK_SEED", 42)!,
    ...(workers === undefined ? {} : { workers }),
  };
}

/** Writes a chart as `charts/<name>.svg` under the artifact directory and returns it for display. */
export async function saveChart(out: string, name: string, svg: string): Promise<string> {
  await Deno.mkdir(join(out, "charts"), { recursive: true });
  await writeFileAtomic(join(out, "charts", `${name}.svg`), svg + "\n");
  return svg;
}

/** Writes a JSON artifact. */
export async function saveJson(out: string, name: string, value: unknown): Promise<void> {
  await Deno.mkdir(out, { recursive: true });
  await writeFileAtomic(join(out, name), jsonText(value));
}
