/**
 * A segment measured: who is in it, what share of the store's profit it
 * makes, how much of that is at risk, and how it differs from the rest.
 *
 * @module
 */
import type { FeatureTable } from "../features/feature_table.ts";
import { type Composition, composition } from "./composition.ts";
import type { Customers } from "./customers.ts";
import type { Cuts } from "./cuts.ts";
import { type Difference, profile, type ProfileOptions } from "./profile.ts";
import type { SegmentRule } from "./segment_rule.ts";

/** A segment with its measurements. */
export interface Segment {
  id: string;
  kind: SegmentRule["kind"];
  name: string;
  definition: string;
  size: number;
  /** Share of all customers. */
  customerShare: number;
  /** Share of the store's total monthly profit. */
  profitShare: number;
  /** Mean probability of a drop (NaN for an empty segment). */
  meanProbability: number;
  /** Customers of the segment the model flags (probability ≥ its threshold). */
  flagged: number;
  /** Mean probability of a drop among the other customers (NaN when the segment is everyone). */
  meanProbabilityRest: number;
  /** Σ probability × monthly profit × horizon: the profit expected to be lost without action. */
  profitAtRisk: number;
  /** Share of the whole store's profit at risk. */
  profitAtRiskShare: number;
  /** Months of profit the risk covers. */
  horizonMonths: number;
  profile: Difference[];
  /** The category mix and the revenue and minutes dynamics, in the segment and among the rest. */
  composition: Composition;
}

/**
 * Expected profit lost over the horizon: probability × monthly profit × months.
 *
 * @example
 * ```ts
 * expectedLoss(0.5, 4, 3); // 6
 * ```
 */
export function expectedLoss(probability: number, monthlyProfit: number, months: number): number {
  return probability * monthlyProfit * months;
}

/**
 * Measures the customers of `mask` against the rest.
 *
 * @example
 * ```ts
 * import type { FeatureTable } from "../features/feature_table.ts";
 * import type { Customers } from "./customers.ts";
 * import type { Cuts } from "./cuts.ts";
 * import { measureSegment } from "./segment.ts";
 * import type { SegmentRule } from "./segment_rule.ts";
 * declare const rule: SegmentRule, mask: Uint8Array, customers: Customers, columns: FeatureTable, cuts: Cuts;
 * const profileOptions = { alpha: 0.05, minDelta: 0.147, minCramersV: 0.1 };
 * const s = measureSegment(rule, mask, customers, columns, cuts, { horizonMonths: 3, ...profileOptions });
 * s.profitAtRisk;
 * ```
 */
export function measureSegment(
  rule: SegmentRule,
  mask: Uint8Array,
  c: Customers,
  columns: FeatureTable,
  cuts: Cuts,
  o: Omit<ProfileOptions, "exclude"> & { horizonMonths: number },
): Segment {
  let size = 0, flagged = 0, profit = 0, totalProfit = 0, prob = 0, totalProb = 0, risk = 0, totalRisk = 0;
  for (let i = 0; i < mask.length; i++) {
    const m = mask[i]!, loss = expectedLoss(c.probability[i]!, c.profit[i]!, o.horizonMonths);
    totalProfit += c.profit[i]!, totalProb += c.probability[i]!, totalRisk += loss;
    if (m) size++, profit += c.profit[i]!, prob += c.probability[i]!, risk += loss;
    if (m && c.probability[i]! >= cuts.threshold) flagged++;
  }
  return {
    id: rule.id,
    kind: rule.kind,
    name: rule.name,
    definition: rule.definition(cuts),
    size,
    customerShare: size / mask.length,
    profitShare: profit / totalProfit,
    meanProbability: prob / size,
    flagged,
    meanProbabilityRest: (totalProb - prob) / (mask.length - size),
    profitAtRisk: risk,
    profitAtRiskShare: risk / totalRisk,
    horizonMonths: o.horizonMonths,
    profile: profile(columns, mask, { ...o, exclude: rule.uses }),
    composition: composition(columns, mask),
  };
}
