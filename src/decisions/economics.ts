/**
 * Campaign economics, with money defined once (all in the money.csv unit):
 *
 * - profit at risk = probability × monthly profit × horizon (one customer; a
 *   group's is the sum);
 * - expected saved profit = assumedEffect × profit at risk of the customers
 *   who get an offer (the control group gets nothing, and «Поддерживать» no
 *   separate offer, so neither saves anything);
 * - cost = Σ cost per contact of the offer group's actions;
 * - net value = expected saved − cost; ROI = net / cost (null when the cost
 *   is 0); break-even effect = cost / profit at risk reached (that of the
 *   customers who get an offer), the smallest
 *   relative reduction of drops at which the offer pays for itself.
 *
 * A customer counts as a contact when their action costs something or sends
 * a message. The totals are sums over the per-customer rows, so the plan and
 * offers.csv cannot disagree.
 *
 * @module
 */
import type { ActionSegmentId } from "./action_segments.ts";
import type { Group } from "./control_groups.ts";

/** Effects of the sensitivity table: 5, 10 and 20 % fewer drops. */
export const SENSITIVITY_EFFECTS: readonly number[] = [0.05, 0.1, 0.2];

/** What the economics read of one customer. */
export interface EconomicsRow {
  segment: ActionSegmentId;
  group: Group;
  /** probability × monthly profit × horizon. */
  profitAtRisk: number;
  /** Cost of one contact through the action's channel. */
  actionCost: number;
  /** The action sends a message. */
  message: boolean;
  /** The action is an offer (false: no separate offer, nothing saved). */
  isOffer: boolean;
}

/** Net value at one assumed effect. */
export interface SensitivityPoint {
  effect: number;
  expectedSaved: number;
  net: number;
}

/** The economics of a group of customers (a segment, or all of them). */
export interface Economics {
  /** Customers in the group. */
  customers: number;
  /** Of them, in the offer group. */
  offer: number;
  /** Of them, held out as control. */
  control: number;
  /** Offer-group customers whose action costs something or sends a message. */
  contacts: number;
  /** Σ cost per contact over the offer group. */
  cost: number;
  /** Σ profit at risk over every customer of the group. */
  profitAtRisk: number;
  /** Σ profit at risk over the offer group's customers who get an offer: what offers can save from. */
  profitAtRiskReached: number;
  /** assumedEffect × profitAtRiskReached. */
  expectedSaved: number;
  /** expectedSaved − cost. */
  net: number;
  /** net / cost; null when nothing is spent. */
  roi: number | null;
  /** cost / profitAtRiskReached; null when nothing is at risk in the offer group. */
  breakEvenEffect: number | null;
  sensitivity: SensitivityPoint[];
}

/**
 * The economics of `rows` at the assumed effect.
 *
 * @example
 * ```ts
 * const rows = [
 *   { segment: "prevent" as const, group: "offer" as const, profitAtRisk: 10, actionCost: 0.5, message: true, isOffer: true },
 *   { segment: "prevent" as const, group: "control" as const, profitAtRisk: 8, actionCost: 0.5, message: true, isOffer: true },
 * ];
 * economicsOf(rows, 0.1).net; // 0.5 (0.1 × 10 − 0.5)
 * ```
 */
export function economicsOf(rows: readonly EconomicsRow[], assumedEffect: number): Economics {
  let offer = 0, contacts = 0, cost = 0, profitAtRisk = 0, reached = 0;
  for (const r of rows) {
    profitAtRisk += r.profitAtRisk;
    if (r.group !== "offer") continue;
    offer++, cost += r.actionCost;
    if (r.isOffer) reached += r.profitAtRisk;
    if (r.actionCost > 0 || r.message) contacts++;
  }
  const at = (effect: number): SensitivityPoint => ({
    effect,
    expectedSaved: effect * reached,
    net: effect * reached - cost,
  });
  const main = at(assumedEffect);
  return {
    customers: rows.length,
    offer,
    control: rows.length - offer,
    contacts,
    cost,
    profitAtRisk,
    profitAtRiskReached: reached,
    expectedSaved: main.expectedSaved,
    net: main.net,
    roi: cost > 0 ? main.net / cost : null,
    breakEvenEffect: reached > 0 ? cost / reached : null,
    sensitivity: SENSITIVITY_EFFECTS.map(at),
  };
}

/** One point of the expected-net-value curve. */
export interface ThresholdPoint {
  threshold: number;
  /** Customers still at the previous level with probability ≥ threshold. */
  customers: number;
  cost: number;
  expectedSaved: number;
  net: number;
}

/** A customer still at the previous level, as the threshold curve sees them. */
export interface PreventionCandidate {
  probability: number;
  profitAtRisk: number;
  /** Cost of the action they would get if prevention reached them. */
  actionCost: number;
}

/** Thresholds of the curve: 0.05, 0.06, …, 0.95. */
export const CURVE_THRESHOLDS: readonly number[] = Array.from({ length: 91 }, (_, k) => (5 + k) / 100);

/**
 * The expected net value of acting on every customer still at the previous
 * level whose probability is at least t, for each threshold t (everyone
 * reached, no control group: this is the choice of the rule, not the
 * experiment).
 *
 * @example
 * ```ts
 * const c = [{ probability: 0.9, profitAtRisk: 10, actionCost: 0.05 }, { probability: 0.1, profitAtRisk: 1, actionCost: 0.5 }];
 * thresholdCurve(c, 0.1, [0.05, 0.5]).map((p) => p.net); // [0.55, 0.95]
 * ```
 */
export function thresholdCurve(
  candidates: readonly PreventionCandidate[],
  assumedEffect: number,
  thresholds: readonly number[] = CURVE_THRESHOLDS,
): ThresholdPoint[] {
  // Typed columns: one pass per threshold over a million candidates reads no object (sums in candidate order).
  const probability = Float64Array.from(candidates, (c) => c.probability);
  const actionCost = Float64Array.from(candidates, (c) => c.actionCost);
  const profitAtRisk = Float64Array.from(candidates, (c) => c.profitAtRisk);
  return thresholds.map((threshold) => {
    let customers = 0, cost = 0, atRisk = 0;
    for (let k = 0; k < probability.length; k++) {
      if (probability[k]! < threshold) continue;
      customers++, cost += actionCost[k]!, atRisk += profitAtRisk[k]!;
    }
    const expectedSaved = assumedEffect * atRisk;
    return { threshold, customers, cost, expectedSaved, net: expectedSaved - cost };
  });
}

/**
 * The threshold with the largest expected net value; of equal values (within
 * 10⁻⁹) the highest threshold, which reaches fewer customers for the same money.
 *
 * @example
 * ```ts
 * bestThreshold([{ threshold: 0.1, customers: 2, cost: 1, expectedSaved: 2, net: 1 },
 *   { threshold: 0.2, customers: 1, cost: 0, expectedSaved: 1, net: 1 }]).threshold; // 0.2
 * ```
 */
export function bestThreshold(curve: readonly ThresholdPoint[]): ThresholdPoint {
  if (curve.length === 0) throw new Error("An empty threshold curve has no best point");
  const max = Math.max(...curve.map((p) => p.net));
  return curve.findLast((p) => p.net >= max - 1e-9)!;
}
