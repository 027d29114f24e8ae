/**
 * Personal offers: one row per customer with the risk, the money at stake,
 * the segments, the reasons in words and the chosen action, most money at
 * stake first.
 *
 * @module
 */
import { compareIds, type CustomerId } from "../data/customer_id.ts";
import type { Reason } from "../explain/explanation.ts";
import { chooseAction } from "./actions.ts";
import type { Customers } from "./customers.ts";
import type { Cuts } from "./cuts.ts";
import { type LeverId, LEVERS } from "./levers.ts";
import { expectedLoss } from "./segment.ts";
import type { SegmentRule } from "./segment_rule.ts";

/** One customer's offer. */
export interface Offer {
  id: CustomerId;
  probability: number;
  /** Mean monthly profit. */
  profit: number;
  /** probability × monthly profit × horizon. */
  profitAtRisk: number;
  /** Name of the customer's risk × profit cell. */
  cell: string;
  /** Names of the store segments the customer belongs to. */
  segments: string[];
  /** Top reasons as "Страниц за визит ↑": ↑ raises the risk of a drop, ↓ lowers it. */
  reasons: string[];
  /** The chosen lever. */
  action: LeverId;
  /** Its Russian name. */
  actionName: string;
}

/**
 * A reason in words: the feature's label and whether it raises (↑) or
 * lowers (↓) the risk.
 *
 * @example
 * ```ts
 * reasonText({ feature: "pages_per_visit", label: "Страниц за визит", phi: 0.12, direction: "up" }); // "Страниц за визит ↑"
 * ```
 */
export function reasonText(r: Reason): string {
  return `${r.label} ${r.direction === "up" ? "↑" : "↓"}`;
}

/**
 * Offers for every customer, sorted by profit at risk (descending), ties by id.
 *
 * @example
 * ```ts
 * import type { Customers } from "./customers.ts";
 * import type { Cuts } from "./cuts.ts";
 * import type { SegmentInput } from "./input.ts";
 * import { MATRIX_RULES } from "./matrix.ts";
 * import { buildOffers } from "./offers.ts";
 * import { membership } from "./segment_rule.ts";
 * declare const customers: Customers, input: SegmentInput, cuts: Cuts;
 * const rules = MATRIX_RULES, masks = rules.map((r) => membership(r, customers, cuts));
 * const offers = buildOffers(customers, input.reasons, rules, masks, cuts, 3);
 * offers[0]!.actionName;
 * ```
 */
export function buildOffers(
  c: Customers,
  reasons: readonly (readonly Reason[])[],
  rules: readonly SegmentRule[],
  masks: readonly Uint8Array[],
  cuts: Cuts,
  horizonMonths: number,
): Offer[] {
  const named = (kind: SegmentRule["kind"], i: number) =>
    rules.flatMap((r, k) => r.kind === kind && masks[k]![i] ? [r.name] : []);
  return c.id.map((id, i): Offer => {
    const probability = c.probability[i]!, profit = c.profit[i]!;
    const action = chooseAction({
      reasons: reasons[i]!,
      highRisk: probability >= cuts.threshold,
      highProfit: profit >= cuts.profitCut,
      consent: c.consent[i]!,
    });
    return {
      id,
      probability,
      profit,
      profitAtRisk: expectedLoss(probability, profit, horizonMonths),
      cell: named("matrix", i).join(", "),
      segments: named("store", i),
      reasons: reasons[i]!.map(reasonText),
      action,
      actionName: LEVERS[action].name,
    };
  }).sort((a, b) => b.profitAtRisk - a.profitAtRisk || compareIds(a.id, b.id));
}
