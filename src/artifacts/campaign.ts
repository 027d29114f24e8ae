/**
 * campaign.json: what `./oneclick campaign` measured after a campaign — per
 * action segment and overall, each group's size, drop rate and mean monthly
 * profit, and the effects with their 95 % intervals:
 *
 * - `effect`, `low`, `high`: drop rate in control − drop rate in treatment
 *   (positive: fewer drops with the offer), Newcombe's hybrid score interval;
 *   `distinguishable` when the interval excludes 0;
 * - `profit`: mean monthly profit in treatment − in control, Welch's interval.
 *
 * `overall` pools the customers of the segments that have both groups. A
 * statistic that cannot be estimated (a segment without a control group) is
 * `null`.
 *
 * Unlike the run's artifacts it records no run configuration: the campaign
 * command reads none. What it computed with is `method`, what it read is
 * `inputs` (file and folder names, never absolute paths).
 *
 * @module
 */
import * as z from "zod";
import type { Comparison, Effect, GroupFigures } from "../followup/compare_groups.ts";
import { CONFIDENCE } from "../followup/compare_groups.ts";
import type { CampaignResult } from "../followup/measure_campaign.ts";
import { type ArtifactSpec, finiteOrNull, maybeNumber, r6, readArtifact, writeArtifact } from "./artifact_file.ts";

/** The version of campaign.json this code writes and reads. */
export const CAMPAIGN_SCHEMA_VERSION = 1;

const count = z.number().int().min(0);

const group = z.object({
  customers: count,
  /** Customers whose activity is «Снизилась» in the next export. */
  dropped: count,
  dropRate: maybeNumber,
  meanProfit: maybeNumber,
  /** Mean drop probability offers.csv predicted: about equal in both groups when they are comparable. */
  meanProbability: maybeNumber,
});

const effect = z.object({
  effect: maybeNumber,
  low: maybeNumber,
  high: maybeNumber,
  /** The interval excludes 0. */
  distinguishable: z.boolean(),
});

/** One comparison: a segment's, or the overall one. */
const entry = z.object({
  /** Action segment code, or `overall`. */
  segment: z.string(),
  name: z.string(),
  treatment: group,
  control: group,
  ...effect.shape,
  profit: effect,
});

/** The schema of campaign.json. */
export const CAMPAIGN_SCHEMA = z.object({
  schemaVersion: z.literal(CAMPAIGN_SCHEMA_VERSION),
  method: z.object({
    confidence: z.number(),
    dropInterval: z.literal("newcombe_hybrid_score"),
    profitInterval: z.literal("welch"),
    overall: z.literal("pooled_segments_with_both_groups"),
  }),
  inputs: z.object({ offers: z.string(), data: z.string() }),
  customers: z.object({
    offers: count,
    compared: count,
    inactive: z.object({ treatment: count, control: count }),
    notOffered: count,
  }),
  overall: entry,
  segments: z.array(entry),
});

/** campaign.json. */
export type CampaignArtifact = z.infer<typeof CAMPAIGN_SCHEMA>;
/** One entry of campaign.json (`overall` or a segment). */
export type CampaignEntry = CampaignArtifact["overall"];

/** How campaign.json is stored. */
export const CAMPAIGN_FILE: ArtifactSpec<typeof CAMPAIGN_SCHEMA> = {
  file: "campaign.json",
  schemaVersion: CAMPAIGN_SCHEMA_VERSION,
  schema: CAMPAIGN_SCHEMA,
  writtenBy: "the campaign command",
  pretty: true,
};

const num = (x: number) => finiteOrNull(r6(x));

/**
 * campaign.json from a measured campaign.
 *
 * @example
 * ```ts
 * import { measureCampaign } from "../followup/measure_campaign.ts";
 * const artifact = buildCampaignArtifact(await measureCampaign("offers.csv", "data/next"));
 * artifact.overall.effect;
 * ```
 */
export function buildCampaignArtifact(result: CampaignResult): CampaignArtifact {
  return {
    schemaVersion: CAMPAIGN_SCHEMA_VERSION,
    method: {
      confidence: CONFIDENCE,
      dropInterval: "newcombe_hybrid_score",
      profitInterval: "welch",
      overall: "pooled_segments_with_both_groups",
    },
    inputs: { offers: result.offers, data: result.data },
    customers: result.customers,
    overall: entryOf(result.overall),
    segments: result.segments.map(entryOf),
  };
}

function entryOf(c: Comparison): CampaignEntry {
  return {
    segment: c.segment,
    name: c.segmentName,
    treatment: groupOf(c.treatment),
    control: groupOf(c.control),
    ...effectOf(c.drop),
    profit: effectOf(c.profit),
  };
}

const groupOf = (g: GroupFigures) => ({
  ...g,
  dropRate: num(g.dropRate),
  meanProfit: num(g.meanProfit),
  meanProbability: num(g.meanProbability),
});
const effectOf = (e: Effect) => ({
  effect: num(e.effect),
  low: num(e.low),
  high: num(e.high),
  distinguishable: e.distinguishable,
});

/**
 * Writes `dir/campaign.json` (atomic).
 *
 * @example
 * ```ts
 * declare const campaign: CampaignArtifact;
 * await writeCampaign("out/campaign", campaign);
 * ```
 */
export function writeCampaign(dir: string, artifact: CampaignArtifact): Promise<void> {
  return writeArtifact(CAMPAIGN_FILE, dir, artifact);
}

/**
 * Reads and validates `dir/campaign.json`; any problem is one DataError naming the file and field.
 *
 * @example
 * ```ts
 * (await readCampaign("out/campaign")).overall.low;
 * ```
 */
export function readCampaign(dir: string): Promise<CampaignArtifact> {
  return readArtifact(CAMPAIGN_FILE, dir);
}
