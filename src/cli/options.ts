/**
 * The options every stage command shares — `--data`, `--data-date`,
 * `--out`, `--config`, `--seed`, `--workers` — and the one whole-number
 * parser of the CLI.
 *
 * @module
 */
import { join } from "node:path";
import { ConfigError, loadRunConfig } from "../config/load_config.ts";
import type { RunConfig } from "../config/run_config.ts";
import { EXPORT_DATE_EXPECTED, parseExportDate } from "../data/identity.ts";
import { type DataSource, EmptyDataSettingError, resolveSource } from "../data/source.ts";
import { parseWhole } from "../util/whole_number.ts";
import { UsageError } from "./run.ts";

/** Options of the commands that run stages (parseArgs form). */
export const STAGE_OPTIONS = {
  data: { type: "string" },
  /** The export's date, YYYY-MM-DD, when the files' own dates are not it (copied, unpacked). */
  "data-date": { type: "string" },
  out: { type: "string", default: join("out", "artifacts") },
  config: { type: "string" },
  seed: { type: "string" },
  workers: { type: "string" },
} as const;

/** Usage text of {@linkcode STAGE_OPTIONS}. */
export const STAGE_USAGE = "[--data DIR] [--data-date YYYY-MM-DD] [--out DIR] [--config FILE] [--seed S] [--workers N]";

/**
 * Reads a whole-number option (undefined when absent).
 *
 * @example
 * ```ts
 * wholeOption("workers", "2", 1); // 2
 * ```
 */
export function wholeOption(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = parseWhole(raw, min);
  if (n === undefined) {
    throw new UsageError(`--${name} must be ${min < 0 ? "an integer" : "a whole number"} ≥ ${min}, got "${raw}"`);
  }
  return n;
}

/**
 * The run configuration of a command: `--config FILE`, then the flags that
 * override it (`--seed`).
 *
 * @example
 * ```ts
 * const config = await configOf({ seed: "7" });
 * config.seed; // 7
 * ```
 */
export async function configOf(values: { config?: string | undefined; seed?: string | undefined }): Promise<RunConfig> {
  const seed = wholeOption("seed", values.seed, 0);
  try {
    return await loadRunConfig(values.config, seed === undefined ? {} : { seed });
  } catch (e) {
    throw e instanceof ConfigError ? new UsageError(e.message) : e;
  }
}

/**
 * The data source of `--data` (else $ONECLICK_DATA, data/raw/, demo data);
 * an empty setting is a usage error.
 */
export async function sourceOf(data: string | undefined): Promise<DataSource> {
  try {
    return await resolveSource(data, { env: Deno.env.get("ONECLICK_DATA") });
  } catch (e) {
    throw e instanceof EmptyDataSettingError ? new UsageError(e.message) : e;
  }
}

/**
 * `--data-date` checked: the data stage's options (empty when absent).
 *
 * @example
 * ```ts
 * dataDateOf({ "data-date": "2026-11-30" }); // { dataDate: "2026-11-30" }
 * ```
 */
export function dataDateOf(values: { "data-date"?: string | undefined }): { dataDate?: string } {
  const raw = values["data-date"];
  if (raw === undefined) return {};
  const dataDate = parseExportDate(raw);
  if (dataDate === undefined) throw new UsageError(`--data-date must be ${EXPORT_DATE_EXPECTED}, got "${raw}"`);
  return { dataDate };
}

/** `--workers` as run options. */
export function runOptionsOf(values: { workers?: string | undefined }): { workers?: number } {
  const workers = wholeOption("workers", values.workers, 1);
  return workers === undefined ? {} : { workers };
}
