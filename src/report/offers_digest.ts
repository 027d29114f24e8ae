/**
 * What the report takes from offers.json, gathered in one pass over the
 * file so that the report's size and memory do not grow with the customers:
 * the first {@linkcode TABLE_CUSTOMERS} offers (most profit at risk first —
 * the customer table and the contact list), the flagged customers' count and
 * profit, the highest probability and how many share it, every k-th offer
 * for the risk × profit chart, and — when the table cannot hold everyone —
 * the threshold explorer's sums per probability step instead of one row per
 * customer. With at most {@linkcode TABLE_CUSTOMERS} customers the report is
 * exactly what it was with every offer in memory.
 *
 * @module
 */
import type { CampaignPlanArtifact } from "../artifacts/campaign_plan.ts";
import { type OfferRow, type OffersArtifact, type OffersHeader, scanOffers } from "../artifacts/offers.ts";
import { LABEL_DROPPED } from "../data/schema.ts";
import { CHANNEL_ORDER, type ExplorerBins, preventionChannel } from "./interactive/data.ts";
import { RISK_PROFIT_DEFAULTS } from "./charts/risk_profit.ts";

/**
 * Most customers the report's page embeds, one row each (≈ 10 MB of data:
 * the interactive table stayed usable within a second at this size in Chromium).
 */
export const TABLE_CUSTOMERS = 100_000;

/** The contact list's rows (sections/contacts.ts): the digest keeps at least these whatever the table's limit. */
export const CONTACT_ROWS = 20;

/** The threshold explorer's slider steps: 0.01, 0.02, …, 0.99 (templates/explorer.hbs, explorer.js). */
export const EXPLORER_STEPS = 100;

/** A dot of the risk × profit chart. */
export interface ScatterOffer {
  id: string;
  probability: number;
  profit: number;
  actionSegmentName: string;
}

/** offers.json as the report reads it. */
export interface OffersDigest extends OffersHeader {
  /** Every customer of the file. */
  customers: number;
  /** The first offers (most profit at risk first), at most {@linkcode TABLE_CUSTOMERS}. */
  top: OfferRow[];
  /** Customers the model flags, and the sum of their monthly profit. */
  flagged: { customers: number; profit: number };
  /** The highest probability and how many customers have it; undefined without customers. */
  topProbability: { probability: number; customers: number } | undefined;
  /** The chart's dots: every offer, or every k-th in the file's order when there are more than it draws. */
  scatter: ScatterOffer[];
  /** The explorer's sums per probability step and channel when `top` is not everyone; else null. */
  explorer: ExplorerBins | null;
}

/** Limits of a digest (the defaults in normal use; tests make them small). */
export interface DigestLimits {
  /** Rows kept in `top` (at least {@linkcode CONTACT_ROWS}). */
  table?: number;
  /** Dots kept for the chart. */
  points?: number;
}

/**
 * Gathers the digest one offer at a time, in the file's order.
 *
 * @example
 * ```ts
 * import type { CampaignPlanArtifact } from "../artifacts/campaign_plan.ts";
 * import type { OfferRow, OffersHeader } from "../artifacts/offers.ts";
 * declare const plan: CampaignPlanArtifact, header: OffersHeader, offers: OfferRow[];
 * const d = new OffersDigester(header, offers.length, plan);
 * offers.forEach((o) => d.add(o));
 * d.digest().flagged.customers;
 * ```
 */
export class OffersDigester {
  readonly #header: OffersHeader;
  readonly #customers: number;
  readonly #plan: CampaignPlanArtifact;
  readonly #table: number;
  readonly #stride: number;
  readonly #top: OfferRow[] = [];
  readonly #scatter: ScatterOffer[] = [];
  #seen = 0;
  #flagged = 0;
  #flaggedProfit = 0;
  #best = -Infinity;
  #atBest = 0;
  readonly #bins: ExplorerBinner | null;

  constructor(header: OffersHeader, customers: number, plan: CampaignPlanArtifact, limits: DigestLimits = {}) {
    this.#header = header;
    this.#customers = customers;
    this.#plan = plan;
    this.#table = Math.max(limits.table ?? TABLE_CUSTOMERS, CONTACT_ROWS);
    this.#stride = Math.max(1, Math.ceil(customers / (limits.points ?? RISK_PROFIT_DEFAULTS.maxPoints)));
    this.#bins = customers > this.#table ? new ExplorerBinner(plan) : null;
  }

  /** Takes the next offer of the file. */
  add(o: OfferRow): void {
    const i = this.#seen++;
    if (i < this.#table) this.#top.push(o);
    if (i % this.#stride === 0) {
      this.#scatter.push({
        id: o.id,
        probability: o.probability,
        profit: o.profit,
        actionSegmentName: o.actionSegmentName,
      });
    }
    if (o.flagged) this.#flagged++, this.#flaggedProfit += o.profit;
    if (o.probability > this.#best) this.#best = o.probability, this.#atBest = 1;
    else if (o.probability === this.#best) this.#atBest++;
    this.#bins?.add(o);
  }

  /** The digest of the offers taken. */
  digest(): OffersDigest {
    if (this.#seen !== this.#customers) throw new Error(`${this.#seen} offers taken, ${this.#customers} announced`);
    return {
      ...this.#header,
      customers: this.#customers,
      top: this.#top,
      flagged: { customers: this.#flagged, profit: this.#flaggedProfit },
      topProbability: this.#seen === 0 ? undefined : { probability: this.#best, customers: this.#atBest },
      scatter: this.#scatter,
      explorer: this.#bins?.bins() ?? null,
    };
  }
}

/**
 * The explorer's data for many customers: each customer in the bin of the
 * highest slider step (or the run's threshold) its probability reaches, and
 * its prevention channel; a bin holds the count and the profit at risk.
 * At every step and at the run's threshold the explorer's figures are the
 * per-customer ones (sums in another order: equal but for the last bits).
 */
class ExplorerBinner {
  readonly #steps: number[];
  readonly #plan: CampaignPlanArtifact;
  readonly #callCost: number;
  readonly #count = new Map<number, number>();
  readonly #atRisk = new Map<number, number>();

  constructor(plan: CampaignPlanArtifact) {
    this.#plan = plan;
    this.#callCost = plan.assumptions.costPerContact.call ?? 0;
    const steps = Array.from({ length: EXPLORER_STEPS - 1 }, (_, k) => (k + 1) / EXPLORER_STEPS);
    this.#steps = [...new Set([...steps, plan.threshold])].sort((a, b) => a - b);
  }

  add(o: OfferRow): void {
    // The highest step ≤ p: below the lowest, no threshold of the explorer reaches the customer.
    let lo = 0, hi = this.#steps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#steps[mid]! <= o.probability) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return;
    const channel = o.activity === LABEL_DROPPED ? -1 : CHANNEL_ORDER.indexOf(
      preventionChannel(o, this.#plan.profitCut, this.#plan.assumptions.assumedEffect, this.#callCost),
    );
    const key = (lo - 1) * (CHANNEL_ORDER.length + 1) + channel + 1;
    this.#count.set(key, (this.#count.get(key) ?? 0) + 1);
    this.#atRisk.set(key, (this.#atRisk.get(key) ?? 0) + o.profitAtRisk);
  }

  bins(): ExplorerBins {
    const keys = [...this.#count.keys()].sort((a, b) => a - b);
    const width = CHANNEL_ORDER.length + 1;
    return {
      probability: keys.map((k) => this.#steps[Math.floor(k / width)]!),
      profitAtRisk: keys.map((k) => this.#atRisk.get(k)!),
      prevention: keys.map((k) => (k % width) - 1),
      weight: keys.map((k) => this.#count.get(k)!),
    };
  }
}

/**
 * Reads offers.json of `dir` into the report's digest, one offer at a time.
 *
 * @example
 * ```ts
 * import { readCampaignPlan } from "../artifacts/campaign_plan.ts";
 * const digest = await readOffersDigest("out/artifacts", await readCampaignPlan("out/artifacts"));
 * digest.top.length; // min(customers, TABLE_CUSTOMERS)
 * ```
 */
export async function readOffersDigest(
  dir: string,
  plan: CampaignPlanArtifact,
  limits: DigestLimits = {},
): Promise<OffersDigest> {
  let digester: OffersDigester | undefined;
  await scanOffers(dir, (o) => digester!.add(o), ({ customers, ...header }) => {
    digester = new OffersDigester(header, customers, plan, limits);
  });
  return digester!.digest();
}

/**
 * The digest of offers already in memory (tests, the notebooks).
 *
 * @example
 * ```ts
 * import type { CampaignPlanArtifact } from "../artifacts/campaign_plan.ts";
 * import type { OffersArtifact } from "../artifacts/offers.ts";
 * declare const offers: OffersArtifact, plan: CampaignPlanArtifact;
 * offersDigest(offers, plan).customers === offers.offers.length; // true
 * ```
 */
export function offersDigest(
  artifact: OffersArtifact,
  plan: CampaignPlanArtifact,
  limits: DigestLimits = {},
): OffersDigest {
  const { offers, ...header } = artifact;
  const d = new OffersDigester(header, offers.length, plan, limits);
  for (const o of offers) d.add(o);
  return d.digest();
}
