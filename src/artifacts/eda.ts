/**
 * eda.json: the exploratory analysis of the merged frame (features by class,
 * revenue and minutes by period, the association matrix with the target, the
 * VIFs) and its conclusions in Russian. A statistic that is undefined for
 * the data (a standard deviation of one value, a VIF of a constant column)
 * is `null`.
 *
 * @module
 */
import * as z from "zod";
import type { RunConfig } from "../config/run_config.ts";
import type { EdaSummary } from "../eda/mod.ts";
import { type ArtifactSpec, CONFIG_FIELD, maybeNumber, readArtifact, writeArtifact } from "./artifact_file.ts";

/** The version of eda.json this code writes and reads. */
export const EDA_SCHEMA_VERSION = 1;

const byClass = <T extends z.ZodType>(t: T) => z.object({ dropped: t, same: t });
const group = z.enum(["communication", "product", "purchase", "site"]);
const describe = z.object({
  count: z.number().int(),
  mean: maybeNumber,
  std: maybeNumber,
  min: maybeNumber,
  q1: maybeNumber,
  median: maybeNumber,
  q3: maybeNumber,
  max: maybeNumber,
});

/** The schema of eda.json. */
export const EDA_SCHEMA = z.object({
  schemaVersion: z.literal(EDA_SCHEMA_VERSION),
  config: CONFIG_FIELD,
  rows: z.number().int(),
  classes: byClass(z.object({ label: z.string(), count: z.number().int(), share: maybeNumber })),
  numeric: z.array(z.object({
    feature: z.string(),
    label: z.string(),
    group,
    byClass: byClass(describe),
    standardizedDifference: maybeNumber,
    histogram: z.object({ edges: z.array(z.number()), unit: z.boolean(), counts: byClass(z.array(z.number().int())) }),
  })),
  categorical: z.array(z.object({
    feature: z.string(),
    label: z.string(),
    group,
    levels: z.array(z.object({
      value: z.string(),
      counts: byClass(z.number().int()),
      shares: byClass(maybeNumber),
    })),
  })),
  periods: z.array(z.object({
    measure: z.enum(["revenue", "minutes"]),
    measureLabel: z.string(),
    period: z.string(),
    periodLabel: z.string(),
    column: z.string(),
    byClass: byClass(describe),
  })),
  association: z.object({
    columns: z.array(z.string()),
    labels: z.array(z.string()),
    types: z.array(z.enum(["number", "category"])),
    values: z.array(z.array(maybeNumber)),
  }),
  vif: z.array(z.object({ feature: z.string(), label: z.string(), vif: maybeNumber })),
  /** The findings in Russian, one sentence each (`edaConclusions`). */
  conclusions: z.array(z.string()),
});

/** eda.json. */
export type EdaArtifact = z.infer<typeof EDA_SCHEMA>;

/** How eda.json is stored. */
export const EDA_FILE: ArtifactSpec<typeof EDA_SCHEMA> = {
  file: "eda.json",
  schemaVersion: EDA_SCHEMA_VERSION,
  schema: EDA_SCHEMA,
  writtenBy: "the EDA stage (notebook 02_eda)",
  pretty: true,
};

/** A copy with every NaN and ±Infinity as null: the EDA's statistics are plain numbers in memory. */
function nullForNonFinite(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(nullForNonFinite);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nullForNonFinite(v)]));
  }
  return value;
}

/**
 * eda.json from the EDA summary and its conclusions. Checked against the
 * schema here, so a summary that drifted from it fails where it is built.
 *
 * @example
 * ```ts
 * import type pl from "nodejs-polars";
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import { edaConclusions, edaSummary } from "../eda/mod.ts";
 * declare const frame: pl.DataFrame;
 * const summary = edaSummary(frame);
 * const artifact = buildEdaArtifact({ summary, conclusions: edaConclusions(summary) }, DEFAULT_CONFIG);
 * ```
 */
export function buildEdaArtifact(
  result: { summary: EdaSummary; conclusions: readonly string[] },
  config: RunConfig,
): EdaArtifact {
  return EDA_SCHEMA.parse(nullForNonFinite({
    schemaVersion: EDA_SCHEMA_VERSION,
    config,
    ...result.summary,
    conclusions: result.conclusions,
  }));
}

/**
 * Writes `dir/eda.json` (atomic).
 *
 * @example
 * ```ts
 * declare const artifact: EdaArtifact;
 * await writeEda("out/artifacts", artifact);
 * ```
 */
export function writeEda(dir: string, artifact: EdaArtifact): Promise<void> {
  return writeArtifact(EDA_FILE, dir, artifact);
}

/**
 * Reads and validates `dir/eda.json`; with `"optional"` a missing file is `undefined`.
 *
 * @example
 * ```ts
 * (await readEda("out/artifacts")).conclusions;
 * ```
 */
export function readEda(dir: string): Promise<EdaArtifact>;
export function readEda(dir: string, optional: "optional"): Promise<EdaArtifact | undefined>;
export function readEda(dir: string, optional?: "optional"): Promise<EdaArtifact | undefined> {
  return optional ? readArtifact(EDA_FILE, dir, optional) : readArtifact(EDA_FILE, dir);
}
