/**
 * «Главное»: the executive summary — how many customers and how many of them
 * buy less, how well the model tells them apart, whom it flags and how much
 * profit is at stake, the strongest drivers and the first three actions.
 *
 * @module
 */
import type { SegmentArtifact } from "../../artifacts/segments.ts";
import { LABEL_DROPPED } from "../../data/schema.ts";
import { recommendationHeadline } from "../../segments/recommend.ts";
import { ruCount, ruInt, ruInterval, ruPercent, ruPlural, ruScore } from "../../text/ru_format.ts";
import { CUSTOMERS, cvScheme, familyName, money, MONTHS, type ReportArtifacts } from "./common.ts";
import { driverDirections } from "./drivers.ts";

/** Actions in the executive summary. */
export const TOP_ACTIONS = 3;

/** One of the first actions. */
export interface SummaryAction {
  n: number;
  title: string;
  segment: string;
  size: string;
  atRisk: string;
  text: string;
}

/** The executive summary. */
export interface SummarySection {
  customers: string;
  dropped: string;
  droppedShare: string;
  model: string;
  repeatedAuc: string;
  repeatedInterval: string;
  /** The repeated-CV scheme, folds × repeats («5×5»). */
  repeatedCv: string;
  holdoutAuc: string;
  flagged: string;
  flaggedShare: string;
  threshold: string;
  /** The flagged customers' profit over the horizon. */
  flaggedProfit: string;
  flaggedLoss: string;
  flaggedLossShare: string;
  /** The horizon with its noun («3 месяца»). */
  horizon: string;
  actions: SummaryAction[];
  /** The strongest drivers in one sentence, or "" without explanations. */
  drivers: string;
}

/**
 * The first actions: each rule once, from the segment with the most profit at
 * risk that it fires for, the largest such profit first (ties keep the order
 * of segments.json).
 *
 * @example
 * ```ts
 * import type { SegmentsArtifact } from "../../artifacts/segments.ts";
 * declare const segments: SegmentsArtifact;
 * topActions(segments.segments).map((a) => a.rule); // ["abandoned_cart", "promo_calendar", "site_engagement"]
 * ```
 */
export function topActions(segments: readonly SegmentArtifact[], n = TOP_ACTIONS) {
  const best = new Map<string, { segment: SegmentArtifact; text: string; order: number }>();
  let order = 0;
  for (const s of segments) {
    for (const r of s.recommendations) {
      const seen = best.get(r.rule);
      if (!seen || s.profitAtRisk > seen.segment.profitAtRisk) best.set(r.rule, { segment: s, text: r.text, order });
      order++;
    }
  }
  return [...best.entries()]
    .sort(([, a], [, b]) => b.segment.profitAtRisk - a.segment.profitAtRisk || a.order - b.order)
    .slice(0, n)
    .map(([rule, r]) => ({ rule, ...r }));
}

/**
 * The executive summary. Whom the model flags and their profit come from
 * offers.json (each offer says whether the model flags the customer).
 *
 * @example
 * ```ts
 * import type { ReportArtifacts } from "./common.ts";
 * declare const artifacts: ReportArtifacts;
 * summarySection(artifacts).repeatedCv; // "5×5"
 * ```
 */
export function summarySection(a: ReportArtifacts): SummarySection {
  const { quality: q, metrics: m, offers } = a;
  const best = m.best;
  const horizon = a.segments.config.horizonMonths;
  const dropped = q.classBalance[LABEL_DROPPED] ?? m.data.positives;
  const flagged = offers.offers.filter((o) => o.flagged);
  const flaggedProfit = flagged.reduce((s, o) => s + o.profit, 0) * offers.horizonMonths;
  const flaggedLoss = flagged.reduce((s, o) => s + o.profitAtRisk, 0);
  const totalLoss = offers.offers.reduce((s, o) => s + o.profitAtRisk, 0);
  const directions = a.explanations ? driverDirections(a.explanations.beeswarm) : new Map<string, string>();
  return {
    customers: ruInt(q.customers),
    dropped: ruInt(dropped),
    droppedShare: ruPercent(dropped / q.customers),
    model: familyName(best.family),
    repeatedAuc: ruScore(best.repeatedCv.mean),
    repeatedInterval: ruInterval(best.cvAucInterval),
    repeatedCv: cvScheme(m.config.cv),
    holdoutAuc: ruScore(best.holdout.auc),
    flagged: ruCount(flagged.length, CUSTOMERS),
    flaggedShare: ruPercent(flagged.length / q.customers),
    threshold: ruScore(best.threshold, 2),
    flaggedProfit: money(flaggedProfit),
    flaggedLoss: money(flaggedLoss),
    flaggedLossShare: ruPercent(totalLoss > 0 ? flaggedLoss / totalLoss : NaN),
    horizon: `${horizon} ${ruPlural(horizon, MONTHS)}`,
    actions: topActions(a.segments.segments).map((r, k) => ({
      n: k + 1,
      title: recommendationHeadline(r.rule),
      segment: r.segment.name,
      size: ruCount(r.segment.size, CUSTOMERS),
      atRisk: money(r.segment.profitAtRisk),
      text: r.text,
    })),
    drivers: (a.explanations?.importance ?? []).slice(0, 3).map((g) => {
      const how = directions.get(g.feature);
      return `${g.label.toLowerCase()}${how ? ` (${how})` : ""}`;
    }).join("; "),
  };
}
