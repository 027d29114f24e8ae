/**
 * explanations.json: how each feature moves each customer's risk (SHAP) —
 * the method, what φ is in (probability or log-odds), the base value, the
 * mean |φ| per feature, and one beeswarm point per customer and feature with
 * the feature's value and its rank among customers — for at most
 * {@linkcode BEESWARM_CUSTOMERS} customers: a larger export keeps that many,
 * spread over the range of risk, and says how many in `beeswarmSample`.
 *
 * @module
 */
import * as z from "zod";
import type { RunConfig } from "../config/run_config.ts";
import { beeswarmData } from "../explain/beeswarm.ts";
import { riskStrata } from "../explain/explain_at_scale.ts";
import { type Explanation, globalImportance } from "../explain/explanation.ts";
import { type FeatureTable, takeTable } from "../features/feature_table.ts";
import { type ArtifactSpec, CONFIG_FIELD, r6, readArtifact, writeArtifact } from "./artifact_file.ts";

/**
 * Customers whose beeswarm points explanations.json keeps at most: above it
 * the points would grow with the export (17 M for a million customers) while
 * the chart draws a few hundred per feature.
 */
export const BEESWARM_CUSTOMERS = 2000;

/** The version of explanations.json this code writes and reads. */
export const EXPLANATIONS_SCHEMA_VERSION = 1;

/** The schema of explanations.json. */
export const EXPLANATIONS_SCHEMA = z.object({
  schemaVersion: z.literal(EXPLANATIONS_SCHEMA_VERSION),
  config: CONFIG_FIELD,
  /** How φ was computed, in words, for the methodology appendix. */
  method: z.string(),
  /** What φ is in: the probability of a drop, or its log-odds. */
  output: z.enum(["probability", "log-odds"]),
  /** The output with no feature known (E[f] over the background). */
  base: z.number(),
  customers: z.number().int(),
  /** Mean |φ| per feature, largest first. */
  importance: z.array(z.object({ feature: z.string(), label: z.string(), meanAbs: z.number() })),
  /** When the beeswarm points are of some customers only: how many, of how many (absent: everyone). */
  beeswarmSample: z.object({ customers: z.number().int(), of: z.number().int() }).optional(),
  /** One point per customer and feature. */
  beeswarm: z.array(z.object({
    feature: z.string(),
    label: z.string(),
    phi: z.number(),
    value: z.union([z.number(), z.string()]),
    /** The value's mid-rank among customers, scaled to 0…1. */
    valueRank: z.number(),
  })),
});

/** explanations.json. */
export type ExplanationsArtifact = z.infer<typeof EXPLANATIONS_SCHEMA>;

/** How explanations.json is stored (compact: one beeswarm point per customer and feature). */
export const EXPLANATIONS_FILE: ArtifactSpec<typeof EXPLANATIONS_SCHEMA> = {
  file: "explanations.json",
  schemaVersion: EXPLANATIONS_SCHEMA_VERSION,
  schema: EXPLANATIONS_SCHEMA,
  writtenBy: "the explanation stage",
  pretty: false,
};

/**
 * explanations.json from an explanation of `rows` (the customers explained, in its row order).
 * Importance is over every customer; the beeswarm points are of at most
 * `maxBeeswarmCustomers` (default {@linkcode BEESWARM_CUSTOMERS}) customers,
 * when there are more: one seeded draw from each of that many equal strata
 * of the explained output (the customers sorted by risk), so the points cover
 * low and high risk alike.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import { explainPipeline } from "../explain/explain.ts";
 * import type { FeatureTable } from "../features/feature_table.ts";
 * import type { FittedPipeline } from "../models/pipeline.ts";
 * declare const pipeline: FittedPipeline, rows: FeatureTable, background: FeatureTable;
 * const explanation = await explainPipeline(pipeline, rows, background, { seed: 42 });
 * const artifact = buildExplanationsArtifact({ explanation, rows }, DEFAULT_CONFIG);
 * ```
 */
export function buildExplanationsArtifact(
  result: { explanation: Explanation; rows: FeatureTable },
  config: RunConfig,
  options: { maxBeeswarmCustomers?: number } = {},
): ExplanationsArtifact {
  const e = result.explanation;
  const max = options.maxBeeswarmCustomers ?? BEESWARM_CUSTOMERS;
  const shown = e.rows > max ? thinned(e, result.rows, riskStrata(e.value, max, config.seed)) : result;
  return {
    schemaVersion: EXPLANATIONS_SCHEMA_VERSION,
    config,
    method: e.method,
    output: e.output,
    base: r6(e.base),
    customers: e.rows,
    importance: globalImportance(e).map((g) => ({ ...g, meanAbs: r6(g.meanAbs) })),
    ...(shown === result ? {} : { beeswarmSample: { customers: shown.explanation.rows, of: e.rows } }),
    beeswarm: beeswarmData(shown.explanation, shown.rows).map((p) => ({
      ...p,
      phi: r6(p.phi),
      valueRank: r6(p.valueRank),
    })),
  };
}

/** The explanation and features of the rows `idx` only (value ranks are then among them). */
function thinned(
  e: Explanation,
  rows: FeatureTable,
  idx: Int32Array,
): { explanation: Explanation; rows: FeatureTable } {
  const m = e.features.length;
  const phi = new Float64Array(idx.length * m);
  idx.forEach((r, k) => phi.set(e.phi.subarray(r * m, (r + 1) * m), k * m));
  const value = Float64Array.from(idx, (r) => e.value[r]!);
  return { explanation: { ...e, phi, value, rows: idx.length }, rows: takeTable(rows, idx) };
}

/**
 * Writes `dir/explanations.json` (atomic).
 *
 * @example
 * ```ts
 * declare const artifact: ExplanationsArtifact;
 * await writeExplanations("out/artifacts", artifact);
 * ```
 */
export function writeExplanations(dir: string, artifact: ExplanationsArtifact): Promise<void> {
  return writeArtifact(EXPLANATIONS_FILE, dir, artifact);
}

/**
 * Reads and validates `dir/explanations.json`; with `"optional"` a missing file is `undefined`.
 *
 * @example
 * ```ts
 * (await readExplanations("out/artifacts")).importance[0];
 * ```
 */
export function readExplanations(dir: string): Promise<ExplanationsArtifact>;
export function readExplanations(dir: string, optional: "optional"): Promise<ExplanationsArtifact | undefined>;
export function readExplanations(dir: string, optional?: "optional"): Promise<ExplanationsArtifact | undefined> {
  return optional ? readArtifact(EXPLANATIONS_FILE, dir, optional) : readArtifact(EXPLANATIONS_FILE, dir);
}
