/**
 * Personal offers: one row per customer with the risk, the money at stake,
 * the segments and the reasons in words, most money at stake first. The
 * decision for each customer (action segment, action, channel, group) is
 * added by `src/decisions/`; {@linkcode Offer} is the full row offers.csv and
 * offers.json are written from.
 *
 * @module
 */
import { compareIds, type CustomerId } from "../data/customer_id.ts";
import { orderBy } from "../stats/order.ts";
import type { Reason } from "../explain/explanation.ts";
import type { Customers } from "./customers.ts";
import type { ChannelId, LeverId } from "./levers.ts";
import { expectedLoss } from "./segment.ts";
import type { SegmentRule } from "./segment_rule.ts";

/** One customer scored: risk, money at stake, segments and reasons. */
export interface ScoredCustomer {
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
}

/** A top reason with the customer's own value of its feature. */
export interface ReasonDetail {
  feature: string;
  label: string;
  /** up: raises the risk of a drop; down: lowers it. */
  direction: "up" | "down";
  /** The customer's value (a number, or a category's text). */
  value: number | string;
}

/** One customer's offer: the scored customer and the decision (see `src/decisions/`). */
export interface Offer extends ScoredCustomer {
  /** Action segment id (`src/decisions/action_segments.ts`). */
  actionSegment: string;
  actionSegmentName: string;
  /** The chosen lever. */
  action: LeverId;
  /** Its Russian name. */
  actionName: string;
  channel: ChannelId;
  channelName: string;
  /** `offer`: gets the action; `control`: held out (keeps the action it would have got, is not contacted). */
  group: "offer" | "control";
  /** «предложение» or «контроль». */
  groupName: string;
  /** Favourite (popular) category. */
  category: string;
  /** The observed label's text («Снизилась», «Прежний уровень»). */
  activity: string;
  /** Allows messages. */
  consent: boolean;
  /** Cost of one contact through the channel (money.csv unit), whatever the group. */
  actionCost: number;
  /** assumedEffect × profit at risk: what the action is expected to save if the customer gets it. */
  expectedSaved: number;
  /** The reason feature that chose the action; null when the action segment's default did. */
  reasonFeature: string | null;
  /** A message action was replaced by its on-site alternative: no consent. */
  consentFallback: boolean;
  reasonDetails: ReasonDetail[];
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
 * The rows of `c` most profit at risk first, ties by id: the order of
 * {@linkcode buildOffers}.
 *
 * @example
 * ```ts
 * import type { Customers } from "./customers.ts";
 * import { offerOrder } from "./offers.ts";
 * declare const customers: Customers;
 * offerOrder(customers, 3)[0]; // the row of the customer with the most profit at risk
 * ```
 */
export function offerOrder(c: Pick<Customers, "id" | "probability" | "profit">, horizonMonths: number): Int32Array {
  return orderBy(profitsAtRisk(c, horizonMonths), "descending", (a, b) => compareIds(c.id[a]!, c.id[b]!));
}

function profitsAtRisk(c: Pick<Customers, "id" | "probability" | "profit">, horizonMonths: number): Float64Array {
  return Float64Array.from(
    { length: c.id.length },
    (_, i) => expectedLoss(c.probability[i]!, c.profit[i]!, horizonMonths),
  );
}

/**
 * Every customer scored, sorted by profit at risk (descending), ties by id.
 *
 * @param order the rows in that order, when already known ({@linkcode offerOrder})
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
 * const offers = buildOffers(customers, input.reasons, rules, masks, 3);
 * offers[0]!.profitAtRisk;
 * ```
 */
export function buildOffers(
  c: Customers,
  reasons: readonly (readonly Reason[])[],
  rules: readonly SegmentRule[],
  masks: readonly Uint8Array[],
  horizonMonths: number,
  order: Int32Array = offerOrder(c, horizonMonths),
): ScoredCustomer[] {
  const profitAtRisk = profitsAtRisk(c, horizonMonths);
  // Customers in the same segments share their cell's text and segment names (a few combinations, not n strings).
  const byMembership = new Map<number, { cell: string; segments: string[] }>();
  const membershipOf = (i: number) => {
    let key = 0;
    for (let k = 0; k < masks.length; k++) key = key * 2 + (masks[k]![i] ? 1 : 0);
    let named = byMembership.get(key);
    if (named === undefined) {
      const names = (kind: SegmentRule["kind"]) =>
        rules.flatMap((r, k) => r.kind === kind && masks[k]![i] ? [r.name] : []);
      byMembership.set(key, named = { cell: names("matrix").join(", "), segments: names("store") });
    }
    return named;
  };
  // Each label's two texts, looked up by the label string itself (no key string built per reason).
  const texts = new Map<string, { up?: string; down?: string }>();
  const text = (r: Reason) => {
    let byDirection = texts.get(r.label);
    if (byDirection === undefined) texts.set(r.label, byDirection = {});
    return byDirection[r.direction] ??= reasonText(r);
  };
  const offers = new Array<ScoredCustomer>(order.length);
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!, { cell, segments } = membershipOf(i);
    offers[k] = {
      id: c.id[i]!,
      probability: c.probability[i]!,
      profit: c.profit[i]!,
      profitAtRisk: profitAtRisk[i]!,
      cell,
      segments: segments.slice(), // each customer's own list: a reader may change it
      reasons: reasons[i]!.map(text),
    };
  }
  return offers;
}
