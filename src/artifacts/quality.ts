/**
 * quality.json: what the data stage read, fixed and cleaned — the source
 * (its folder for machines, and the export's identity for people: folder
 * name, export date and short hash), per table the rows and the detected export format, the spelling
 * fixes, the cleaning steps with the ids they touched, the revenue outliers
 * and the per-month rules that found them, duplicate groups, the customers
 * and the class balance.
 *
 * @module
 */
import * as z from "zod";
import type { RunConfig } from "../config/run_config.ts";
import { REVENUE_COLUMNS } from "../data/clean.ts";
import type { DataIdentity } from "../data/identity.ts";
import type { QualitySummary } from "../data/load.ts";
import { type DataSource, DEMO_NOTE } from "../data/source.ts";
import { type ArtifactSpec, CONFIG_FIELD, readArtifact, writeArtifact } from "./artifact_file.ts";

/** The version of quality.json this code writes and reads. */
export const QUALITY_SCHEMA_VERSION = 2;

const id = z.string();
const tableSummary = z.object({
  file: z.string(),
  rows: z.number().int(),
  format: z.object({
    separator: z.enum([",", ";", "\t"]),
    decimal: z.enum([".", ","]),
    lineEnding: z.enum(["LF", "CRLF"]),
    bom: z.boolean(),
    encoding: z.enum(["utf-8", "windows-1251", "utf-16le", "utf-16be"]),
  }),
  blankLines: z.number().int(),
});
const tableName = z.enum(["market_file", "market_money", "market_time", "money"]);

/** The schema of quality.json. */
export const QUALITY_SCHEMA = z.object({
  schemaVersion: z.literal(QUALITY_SCHEMA_VERSION),
  config: CONFIG_FIELD,
  source: z.object({
    dir: z.string(),
    kind: z.enum(["user", "demo"]),
    origin: z.enum(["--data", "ONECLICK_DATA", "data/raw", "demo"]),
    /** The plain-words demo warning, on demo data only. */
    note: z.string().optional(),
    /** How the report names the data: never by `dir`, which is a path on one machine. */
    identity: z.object({
      folder: z.string(),
      exportDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD").nullable(),
      exportDateFrom: z.enum(["files", "given"]),
      hash: z.string().regex(/^[0-9a-f]{12}$/, "12 hex digits"),
    }),
  }),
  tables: z.object({
    market_file: tableSummary,
    market_money: tableSummary,
    market_time: tableSummary,
    money: tableSummary.optional(),
  }),
  fixes: z.array(
    z.object({ table: tableName, column: z.string(), from: z.string(), to: z.string(), count: z.number() }),
  ),
  steps: z.array(z.object({ step: z.string(), rule: z.string(), count: z.number().int(), ids: z.array(id) })),
  outliers: z.array(z.object({
    id,
    period: z.string(),
    value: z.number(),
    score: z.number(),
    bounds: z.tuple([z.number(), z.number()]),
    replacedWith: z.number(),
  })),
  revenueRules: z.array(z.object({
    column: z.enum(REVENUE_COLUMNS),
    period: z.string(),
    median: z.number(),
    scale: z.number(),
    bounds: z.tuple([z.number(), z.number()]),
    replacement: z.number(),
  })),
  labelled: z.boolean(),
  duplicates: z.object({
    groups: z.number().int(),
    customers: z.number().int(),
    identicalEverywhere: z.number().int(),
    conflictingTarget: z.number().int(),
    members: z.array(z.array(id)),
  }),
  customers: z.number().int(),
  classBalance: z.record(z.string(), z.number().int()),
});

/** quality.json. */
export type QualityArtifact = z.infer<typeof QUALITY_SCHEMA>;

/** How quality.json is stored. */
export const QUALITY_FILE: ArtifactSpec<typeof QUALITY_SCHEMA> = {
  file: "quality.json",
  schemaVersion: QUALITY_SCHEMA_VERSION,
  schema: QUALITY_SCHEMA,
  writtenBy: "the data stage",
  pretty: true,
};

/**
 * quality.json from the data stage's result: the source it read with the
 * export's identity, and the quality summary of `loadDataset`. Demo data
 * carry the demo note.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import { dataIdentity } from "../data/identity.ts";
 * import { loadDataset } from "../data/load.ts";
 * import { resolveSource } from "../data/source.ts";
 * const source = await resolveSource("../shared/data/one-click");
 * const { quality } = await loadDataset(source.dir);
 * const identity = await dataIdentity(source.dir);
 * const artifact = buildQualityArtifact({ source: { ...source, identity }, quality }, DEFAULT_CONFIG);
 * ```
 */
export function buildQualityArtifact(
  result: { source: DataSource & { identity: DataIdentity }; quality: QualitySummary },
  config: RunConfig,
): QualityArtifact {
  const { source, quality: q } = result;
  return {
    schemaVersion: QUALITY_SCHEMA_VERSION,
    config,
    source: {
      dir: source.dir,
      kind: source.kind,
      origin: source.origin,
      ...(source.kind === "demo" ? { note: DEMO_NOTE } : {}),
      identity: source.identity,
    },
    tables: q.tables,
    fixes: q.fixes,
    steps: q.steps,
    outliers: q.outliers,
    revenueRules: q.revenueRules,
    labelled: q.labelled,
    duplicates: q.duplicates,
    customers: q.customers,
    classBalance: q.classBalance,
  };
}

/**
 * Writes `dir/quality.json` (atomic).
 *
 * @example
 * ```ts
 * declare const artifact: QualityArtifact;
 * await writeQuality("out/artifacts", artifact);
 * ```
 */
export function writeQuality(dir: string, artifact: QualityArtifact): Promise<void> {
  return writeArtifact(QUALITY_FILE, dir, artifact);
}

/**
 * Reads and validates `dir/quality.json`; any problem is one DataError naming the file and field.
 *
 * @example
 * ```ts
 * (await readQuality("out/artifacts")).customers; // 1297
 * ```
 */
export function readQuality(dir: string): Promise<QualityArtifact> {
  return readArtifact(QUALITY_FILE, dir);
}
