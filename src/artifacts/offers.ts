/**
 * offers.json: one personal offer per customer, most profit at risk first —
 * the probability of a drop, monthly profit, profit at risk over the
 * horizon, whether the model flags the customer, the risk × profit cell, the
 * store segments, the top reasons and the chosen action. The report reads
 * this; `offers.csv` (src/segments/offers_csv.ts) is the same list as an
 * export for Russian Excel and is never read back.
 *
 * @module
 */
import * as z from "zod";
import type { RunConfig } from "../config/run_config.ts";
import type { SegmentsResult } from "../segments/build_segments.ts";
import { type ArtifactSpec, CONFIG_FIELD, readArtifact, writeArtifact } from "./artifact_file.ts";

/** The version of offers.json this code writes and reads. */
export const OFFERS_SCHEMA_VERSION = 1;

/** The schema of offers.json. */
export const OFFERS_SCHEMA = z.object({
  schemaVersion: z.literal(OFFERS_SCHEMA_VERSION),
  config: CONFIG_FIELD,
  /** The model's threshold: `flagged` is probability ≥ threshold. */
  threshold: z.number(),
  /** Months of profit in `profitAtRisk`. */
  horizonMonths: z.number().int(),
  offers: z.array(z.object({
    id: z.string(),
    probability: z.number(),
    /** Mean monthly profit. */
    profit: z.number(),
    /** probability × monthly profit × horizon. */
    profitAtRisk: z.number(),
    /** The model flags the customer (probability ≥ threshold). */
    flagged: z.boolean(),
    /** Name of the customer's risk × profit cell. */
    cell: z.string(),
    /** Names of the store segments the customer belongs to. */
    segments: z.array(z.string()),
    /** Top reasons as "Страниц за визит ↑": ↑ raises the risk of a drop, ↓ lowers it. */
    reasons: z.array(z.string()),
    action: z.string(),
    actionName: z.string(),
  })),
});

/** offers.json. */
export type OffersArtifact = z.infer<typeof OFFERS_SCHEMA>;
/** One customer's offer in offers.json. */
export type OfferRow = OffersArtifact["offers"][number];

/** How offers.json is stored (compact: one row per customer). */
export const OFFERS_FILE: ArtifactSpec<typeof OFFERS_SCHEMA> = {
  file: "offers.json",
  schemaVersion: OFFERS_SCHEMA_VERSION,
  schema: OFFERS_SCHEMA,
  writtenBy: "the segment stage",
  pretty: false,
};

/**
 * offers.json from the segment stage's result, in its order (most profit at risk first).
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import type { SegmentsResult } from "../segments/build_segments.ts";
 * declare const result: SegmentsResult;
 * const artifact = buildOffersArtifact(result, DEFAULT_CONFIG);
 * artifact.offers.filter((o) => o.flagged).length;
 * ```
 */
export function buildOffersArtifact(
  result: Pick<SegmentsResult, "cuts" | "offers">,
  config: RunConfig,
): OffersArtifact {
  const { threshold } = result.cuts;
  return {
    schemaVersion: OFFERS_SCHEMA_VERSION,
    config,
    threshold,
    horizonMonths: config.horizonMonths,
    offers: result.offers.map((o) => ({
      id: o.id,
      probability: o.probability,
      profit: o.profit,
      profitAtRisk: o.profitAtRisk,
      flagged: o.probability >= threshold,
      cell: o.cell,
      segments: o.segments,
      reasons: o.reasons,
      action: o.action,
      actionName: o.actionName,
    })),
  };
}

/**
 * Writes `dir/offers.json` (atomic).
 *
 * @example
 * ```ts
 * declare const artifact: OffersArtifact;
 * await writeOffers("out/artifacts", artifact);
 * ```
 */
export function writeOffers(dir: string, artifact: OffersArtifact): Promise<void> {
  return writeArtifact(OFFERS_FILE, dir, artifact);
}

/**
 * Reads and validates `dir/offers.json`; any problem is one DataError naming the file and field.
 *
 * @example
 * ```ts
 * (await readOffers("out/artifacts")).offers.slice(0, 20);
 * ```
 */
export function readOffers(dir: string): Promise<OffersArtifact> {
  return readArtifact(OFFERS_FILE, dir);
}
