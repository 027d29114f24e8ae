/**
 * The data the interactive report embeds: the customers of the table (every
 * customer of offers.json, or its first rows when there are very many: see
 * src/report/offers_digest.ts), column by column with repeated texts as
 * indexes into dictionaries (a 100 000 customer report stays a few
 * megabytes), plus the run's values the explorer starts from. Each customer still at the previous level also carries the
 * channel of the prevention action they would get if the threshold reached
 * them — the same assignment (`assignAction`) the campaign plan's threshold
 * curve uses, so the browser recomputes that curve from this data alone.
 *
 * @module
 */
import type { CampaignPlanArtifact } from "../../artifacts/campaign_plan.ts";
import type { OfferRow } from "../../artifacts/offers.ts";
import { LABEL_DROPPED } from "../../data/schema.ts";
import { assignAction } from "../../decisions/assignment.ts";
import { type ChannelId, CHANNELS } from "../../decisions/channels.ts";
import { LEVERS } from "../../segments/levers.ts";
import { OFFERS_CSV_GROUPS, offersCsvHeader } from "../../segments/offers_csv.ts";

/** The channels in a fixed order: the index a customer's channel columns hold. */
export const CHANNEL_ORDER: readonly ChannelId[] = ["email", "push", "sms", "call", "site"];

/** An id with its display name. */
export interface Named {
  id: string;
  name: string;
}

/**
 * The explorer's rows when the table does not hold every customer: one per
 * probability step and prevention channel, `probability` the step, `weight`
 * the customers in it, `profitAtRisk` their sum.
 */
export interface ExplorerBins {
  probability: number[];
  profitAtRisk: number[];
  /** Channel index of the prevention action; −1 for customers whose activity already dropped. */
  prevention: number[];
  weight: number[];
}

/** What the page embeds (JSON), one array per column, one entry per table row in offers.json's order. */
export interface InteractiveData {
  run: {
    /** The model's threshold (flagged: probability ≥ threshold). */
    threshold: number;
    assumedEffect: number;
    /** Cost of one contact per channel, in {@linkcode CHANNEL_ORDER}. */
    costPerContact: number[];
    horizonMonths: number;
    unit: string;
    /** offers.csv's header for this horizon. */
    csvHeader: string[];
    /** Every customer of offers.json (the table may hold the first of them only). */
    customers: number;
  };
  dict: {
    actionSegment: Named[];
    action: Named[];
    channel: Named[];
    group: Named[];
    cell: string[];
    storeSegment: string[];
    category: string[];
    activity: string[];
    reason: string[];
  };
  id: string[];
  probability: number[];
  profit: number[];
  profitAtRisk: number[];
  actionSegment: number[];
  action: number[];
  channel: number[];
  group: number[];
  cell: number[];
  storeSegments: number[][];
  category: number[];
  activity: number[];
  reasons: number[][];
  /** Channel index of the prevention action; −1 for customers whose activity already dropped. */
  prevention: number[];
  /** Present when the table holds only the first rows: the explorer then reads these instead of the table's. */
  explorer?: ExplorerBins;
}

/** Interns strings: the index of each distinct value, first seen first. */
function dictionary(): { of: (s: string) => number; values: string[] } {
  const index = new Map<string, number>();
  const values: string[] = [];
  return {
    values,
    of(s) {
      let k = index.get(s);
      if (k === undefined) index.set(s, k = values.length), values.push(s);
      return k;
    },
  };
}

/** Interns id/name pairs by id. */
function namedDictionary(): { of: (id: string, name: string) => number; values: Named[] } {
  const d = dictionary();
  const values: Named[] = [];
  return {
    values,
    of(id, name) {
      const k = d.of(id);
      if (k === values.length) values.push({ id, name });
      return k;
    },
  };
}

/**
 * The channel of the action a customer still at the previous level would get
 * from prevention, decided exactly as `buildDecisions` decides the threshold
 * curve's candidates: the action segment by the profit cut, then
 * `assignAction` over the customer's top reasons, own values and consent. A
 * reason lever only checks the value of its own feature (unpaid items for a
 * cart reminder, service errors for an apology), which offers.json carries
 * among the reasons.
 *
 * @example
 * ```ts
 * import type { OfferRow } from "../../artifacts/offers.ts";
 * declare const offer: OfferRow;
 * preventionChannel(offer, 4.1, 0.1, 0.5); // "email"
 * ```
 */
export function preventionChannel(
  o: OfferRow,
  profitCut: number,
  assumedEffect: number,
  callCost: number,
): ChannelId {
  const own = (feature: string) => {
    const v = o.reasonDetails.find((r) => r.feature === feature)?.value;
    return typeof v === "number" ? v : 0;
  };
  const a = assignAction({
    segment: o.profit >= profitCut ? "prevent_valuable" : "prevent",
    // The assignment reads the order and direction of the reasons, never their size.
    reasons: o.reasonDetails.map((r) => ({ feature: r.feature, label: r.label, direction: r.direction, phi: 0 })),
    consent: o.consent,
    unpaidItems: own("unpaid_items_quarter"),
    serviceErrors: own("service_errors"),
    expectedSaved: assumedEffect * o.profitAtRisk,
    callCost,
  });
  return LEVERS[a.lever].channel;
}

/**
 * The embedded data of the interactive report.
 *
 * @example
 * ```ts
 * import { readCampaignPlan } from "../../artifacts/campaign_plan.ts";
 * import { readOffersDigest } from "../offers_digest.ts";
 * const plan = await readCampaignPlan("out/artifacts");
 * const data = interactiveData(await readOffersDigest("out/artifacts", plan), plan);
 * data.id.length; // 1297
 * ```
 */
export function interactiveData(
  offers: {
    horizonMonths: number;
    moneyUnit: string;
    customers: number;
    top: readonly OfferRow[];
    explorer?: ExplorerBins | null;
  },
  plan: CampaignPlanArtifact,
): InteractiveData {
  const costs = plan.assumptions.costPerContact;
  const cost = (c: ChannelId) => costs[c] ?? 0;
  const channelIndex = new Map(CHANNEL_ORDER.map((c, i) => [c, i]));
  const segments = namedDictionary(), actions = namedDictionary(), groups = namedDictionary();
  const cells = dictionary(), stores = dictionary(), categories = dictionary(), activities = dictionary();
  const reasons = dictionary();
  // Action segments in the plan's order, so that the filter lists them as the report does.
  for (const s of plan.segments) segments.of(s.id, s.name);
  groups.of("offer", OFFERS_CSV_GROUPS.offer), groups.of("control", OFFERS_CSV_GROUPS.control);
  const rows = offers.top;
  return {
    run: {
      threshold: plan.threshold,
      assumedEffect: plan.assumptions.assumedEffect,
      costPerContact: CHANNEL_ORDER.map(cost),
      horizonMonths: offers.horizonMonths,
      unit: offers.moneyUnit,
      csvHeader: offersCsvHeader(offers.horizonMonths),
      customers: offers.customers,
    },
    dict: {
      actionSegment: segments.values,
      action: actions.values,
      channel: CHANNEL_ORDER.map((c) => ({ id: c, name: CHANNELS[c].name })),
      group: groups.values,
      cell: cells.values,
      storeSegment: stores.values,
      category: categories.values,
      activity: activities.values,
      reason: reasons.values,
    },
    id: rows.map((o) => o.id),
    probability: rows.map((o) => o.probability),
    profit: rows.map((o) => o.profit),
    profitAtRisk: rows.map((o) => o.profitAtRisk),
    actionSegment: rows.map((o) => segments.of(o.actionSegment, o.actionSegmentName)),
    action: rows.map((o) => actions.of(o.action, o.actionName)),
    channel: rows.map((o) => channelIndex.get(o.channel)!),
    group: rows.map((o) => groups.of(o.group, o.groupName)),
    cell: rows.map((o) => cells.of(o.cell)),
    storeSegments: rows.map((o) => o.segments.map(stores.of)),
    category: rows.map((o) => categories.of(o.category)),
    activity: rows.map((o) => activities.of(o.activity)),
    reasons: rows.map((o) => o.reasons.map(reasons.of)),
    prevention: rows.map((o) =>
      o.activity === LABEL_DROPPED
        ? -1
        : channelIndex.get(preventionChannel(o, plan.profitCut, plan.assumptions.assumedEffect, cost("call")))!
    ),
    ...(offers.explorer ? { explorer: offers.explorer } : {}),
  };
}
