/**
 * offers.json: one personal offer per customer, most profit at risk first —
 * the probability of a drop, monthly profit, profit at risk over the
 * horizon, whether the model flags the customer, the risk × profit cell, the
 * store segments, the top reasons with the customer's own values, the
 * observed label and favourite category, and the decision: action segment,
 * action, channel, consent, group (offer or control), the action's cost per
 * contact and the profit it is expected to save. The report reads this;
 * `offers.csv` (src/segments/offers_csv.ts) is the same list as an export for
 * Russian Excel and is never read back. The campaign plan's totals are sums
 * over these rows.
 *
 * @module
 */
import * as z from "zod";
import type { RunConfig } from "../config/run_config.ts";
import type { Cuts } from "../segments/cuts.ts";
import type { Offer } from "../segments/offers.ts";
import { type ArtifactSpec, CONFIG_FIELD, readArtifact, writeArtifact } from "./artifact_file.ts";

/** The version of offers.json this code writes and reads. */
export const OFFERS_SCHEMA_VERSION = 2;

/** The schema of offers.json. */
export const OFFERS_SCHEMA = z.object({
  schemaVersion: z.literal(OFFERS_SCHEMA_VERSION),
  config: CONFIG_FIELD,
  /** The model's threshold: `flagged` is probability ≥ threshold. */
  threshold: z.number(),
  /** Months of profit in `profitAtRisk`. */
  horizonMonths: z.number().int(),
  /** Unit of every amount (money.csv's). */
  moneyUnit: z.string(),
  /** The assumed relative reduction of drops behind `expectedSaved`. */
  assumedEffect: z.number(),
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
    /** Top reasons with the customer's own values (a number, or a category's text). */
    reasonDetails: z.array(z.object({
      feature: z.string(),
      label: z.string(),
      direction: z.enum(["up", "down"]),
      value: z.union([z.number(), z.string()]),
    })),
    /** Action segment id and its Russian name. */
    actionSegment: z.enum(["win_back_valuable", "win_back", "prevent_valuable", "prevent", "maintain"]),
    actionSegmentName: z.string(),
    /** The lever (src/segments/levers.ts) and its Russian name. */
    action: z.string(),
    actionName: z.string(),
    channel: z.enum(["email", "push", "sms", "call", "site"]),
    channelName: z.string(),
    /** offer: gets the action; control: held out, not contacted (keeps the action it would have got). */
    group: z.enum(["offer", "control"]),
    /** «предложение» or «контроль», as offers.csv writes it. */
    groupName: z.string(),
    /** Favourite (popular) category. */
    category: z.string(),
    /** Observed label text («Снизилась», «Прежний уровень»). */
    activity: z.string(),
    /** Allows messages. */
    consent: z.boolean(),
    /** Cost of one contact through the channel, whatever the group. */
    actionCost: z.number(),
    /** assumedEffect × profitAtRisk: what the action is expected to save if the customer gets it. */
    expectedSaved: z.number(),
    /** The reason feature that chose the action; null when the action segment's default did. */
    reasonFeature: z.string().nullable(),
    /** A message action was replaced by its on-site alternative (no consent). */
    consentFallback: z.boolean(),
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
 * import type { Cuts } from "../segments/cuts.ts";
 * import type { Offer } from "../segments/offers.ts";
 * declare const result: { cuts: Cuts; offers: Offer[] };
 * const artifact = buildOffersArtifact(result, DEFAULT_CONFIG);
 * artifact.offers.filter((o) => o.flagged).length;
 * ```
 */
export function buildOffersArtifact(
  result: { cuts: Pick<Cuts, "threshold">; offers: readonly Offer[] },
  config: RunConfig,
): OffersArtifact {
  const { threshold } = result.cuts;
  return {
    schemaVersion: OFFERS_SCHEMA_VERSION,
    config,
    threshold,
    horizonMonths: config.horizonMonths,
    moneyUnit: config.moneyUnit,
    assumedEffect: config.campaign.assumedEffect,
    offers: result.offers.map((o) => ({
      id: o.id,
      probability: o.probability,
      profit: o.profit,
      profitAtRisk: o.profitAtRisk,
      flagged: o.probability >= threshold,
      cell: o.cell,
      segments: o.segments,
      reasons: o.reasons,
      reasonDetails: o.reasonDetails.map((r) => ({ ...r })),
      actionSegment: o.actionSegment as OfferRow["actionSegment"],
      actionSegmentName: o.actionSegmentName,
      action: o.action,
      actionName: o.actionName,
      channel: o.channel,
      channelName: o.channelName,
      group: o.group,
      groupName: o.groupName,
      category: o.category,
      activity: o.activity,
      consent: o.consent,
      actionCost: o.actionCost,
      expectedSaved: o.expectedSaved,
      reasonFeature: o.reasonFeature,
      consentFallback: o.consentFallback,
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
