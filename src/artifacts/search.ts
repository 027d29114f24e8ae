/**
 * search.json: the model search's results table, one row per candidate
 * (family, parameters, scaler, the AUC of each CV fold, their mean and
 * standard deviation, and the fit time).
 *
 * @module
 */
import * as z from "zod";
import type { RunConfig } from "../config/run_config.ts";
import type { ModelStage } from "../selection/select_model.ts";
import { type ArtifactSpec, CONFIG_FIELD, r6, readArtifact, writeArtifact } from "./artifact_file.ts";
import { FAMILY, SCALER } from "./metrics.ts";

/** The version of search.json this code writes and reads. */
export const SEARCH_SCHEMA_VERSION = 1;

/** The schema of search.json. */
export const SEARCH_SCHEMA = z.object({
  schemaVersion: z.literal(SEARCH_SCHEMA_VERSION),
  config: CONFIG_FIELD,
  candidates: z.array(z.object({
    family: FAMILY,
    params: z.record(z.string(), z.unknown()),
    scaler: SCALER,
    meanAuc: z.number(),
    /** Population standard deviation over the folds (as scikit-learn reports). */
    stdAuc: z.number(),
    foldAuc: z.array(z.number()),
    fitSeconds: z.number(),
  })),
});

/** search.json. */
export type SearchArtifact = z.infer<typeof SEARCH_SCHEMA>;
/** One candidate of search.json. */
export type SearchRow = SearchArtifact["candidates"][number];

/** How search.json is stored. */
export const SEARCH_FILE: ArtifactSpec<typeof SEARCH_SCHEMA> = {
  file: "search.json",
  schemaVersion: SEARCH_SCHEMA_VERSION,
  schema: SEARCH_SCHEMA,
  writtenBy: "the model stage",
  pretty: true,
};

/**
 * search.json from a finished model stage: every candidate in search order.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import type { ModelStage } from "../selection/select_model.ts";
 * declare const stage: ModelStage;
 * buildSearchArtifact(stage, DEFAULT_CONFIG).candidates.length; // the grid's size
 * ```
 */
export function buildSearchArtifact(stage: ModelStage, config: RunConfig): SearchArtifact {
  return {
    schemaVersion: SEARCH_SCHEMA_VERSION,
    config,
    candidates: stage.results.map((r) => ({
      family: r.candidate.family,
      params: r.candidate.params,
      scaler: r.candidate.scaler,
      meanAuc: r6(r.meanAuc),
      stdAuc: r6(r.stdAuc),
      foldAuc: r.foldAuc.map(r6),
      fitSeconds: r6(r.fitSeconds),
    })),
  };
}

/**
 * Writes `dir/search.json` (atomic).
 *
 * @example
 * ```ts
 * declare const artifact: SearchArtifact;
 * await writeSearch("out/artifacts", artifact);
 * ```
 */
export function writeSearch(dir: string, artifact: SearchArtifact): Promise<void> {
  return writeArtifact(SEARCH_FILE, dir, artifact);
}

/**
 * Reads and validates `dir/search.json`; with `"optional"` a missing file is `undefined`.
 *
 * @example
 * ```ts
 * (await readSearch("out/artifacts")).candidates.length;
 * ```
 */
export function readSearch(dir: string): Promise<SearchArtifact>;
export function readSearch(dir: string, optional: "optional"): Promise<SearchArtifact | undefined>;
export function readSearch(dir: string, optional?: "optional"): Promise<SearchArtifact | undefined> {
  return optional ? readArtifact(SEARCH_FILE, dir, optional) : readArtifact(SEARCH_FILE, dir);
}
