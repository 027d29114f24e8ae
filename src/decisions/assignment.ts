/**
 * One action per customer, from their action segment, their own top reasons
 * and feature values, and their consent:
 *
 * 1. «Поддерживать» (below the model's threshold, still buying as before): no
 *    separate offer (`none`: no message, no cost, no effect assumed, no
 *    control group). Spending on them would mostly pay people who stay anyway.
 * 2. Prevention («Удержать …»): the strongest reason that raises the
 *    customer's risk and has a lever decides, if the customer's own values
 *    support it (a cart reminder needs unpaid items in the cart; an apology
 *    needs service errors). Without one, valuable customers get a personal
 *    discount, the rest an offer in their favourite category.
 * 3. Win-back («Вернуть …»): the activity has already dropped, so a site tweak
 *    is too weak; only concrete evidence — unpaid items in the cart, service
 *    errors — picks a reason's lever. Otherwise valuable customers get a
 *    manager's call when the expected saved profit pays for it (else a
 *    personal discount), the rest a come-back bonus by e-mail.
 * 4. A message lever for a customer without consent is replaced by its on-site
 *    alternative: no message ever reaches a customer who has not allowed one.
 *
 * @module
 */
import type { Reason } from "../explain/explanation.ts";
import { type LeverId, LEVERS } from "../segments/levers.ts";
import type { ActionSegmentId } from "./action_segments.ts";

/** Which lever answers a reason that raises the risk. */
export const LEVER_OF_FEATURE: Readonly<Record<string, LeverId>> = {
  unpaid_items_quarter: "cart_reminder",
  service_errors: "service_apology",
  promo_share: "promo_calendar",
  pages_per_visit: "personal_content",
  minutes_prev: "personal_content",
  minutes_current: "personal_content",
  categories_per_visit: "cross_sell",
  marketing_6m: "more_contact",
  marketing_current: "more_contact",
  popular_category: "category_offer",
};

/** What the choice looks at for one customer. */
export interface AssignmentContext {
  segment: ActionSegmentId;
  /** Top reasons, strongest first. */
  reasons: readonly Reason[];
  /** Allows messages («Разрешить сообщать» = «да»). */
  consent: boolean;
  /** Unpaid items in the cart over the quarter. */
  unpaidItems: number;
  /** Service errors the customer met. */
  serviceErrors: number;
  /** assumedEffect × profit at risk: what an offer is expected to save (money.csv unit). */
  expectedSaved: number;
  /** Cost of one call (money.csv unit). */
  callCost: number;
}

/** The chosen lever and why. */
export interface Assignment {
  lever: LeverId;
  /** The reason feature that chose it, or null when the segment's default did. */
  reasonFeature: string | null;
  /** A message lever was replaced by its on-site alternative (no consent). */
  consentFallback: boolean;
}

/** Reason levers a win-back may take: concrete problems the customer met, not browsing habits. */
const WIN_BACK_LEVERS: ReadonlySet<LeverId> = new Set(["cart_reminder", "service_apology"]);

/** The customer's own values support the lever (a reminder needs a cart). */
function supported(lever: LeverId, c: AssignmentContext): boolean {
  if (lever === "cart_reminder") return c.unpaidItems > 0;
  if (lever === "service_apology") return c.serviceErrors > 0;
  return true;
}

function segmentDefault(c: AssignmentContext): LeverId {
  switch (c.segment) {
    case "win_back_valuable":
      return c.expectedSaved >= c.callCost ? "manager_call" : "personal_discount";
    case "win_back":
      return "reactivation";
    case "prevent_valuable":
      return "personal_discount";
    case "prevent":
      return "category_offer";
    case "maintain":
      return "none";
  }
}

/**
 * The action for one customer.
 *
 * @example
 * ```ts
 * const reasons = [{ feature: "unpaid_items_quarter", label: "Неоплаченные товары", phi: 0.2, direction: "up" as const }];
 * const c = { segment: "prevent" as const, reasons, consent: true, unpaidItems: 3, serviceErrors: 4, expectedSaved: 1, callCost: 0.5 };
 * assignAction(c).lever; // "cart_reminder"
 * assignAction({ ...c, consent: false }).lever; // "site_cart"
 * ```
 */
export function assignAction(c: AssignmentContext): Assignment {
  let lever: LeverId = "none", reasonFeature: string | null = null;
  if (c.segment !== "maintain") {
    const winBack = c.segment === "win_back" || c.segment === "win_back_valuable";
    const reason = c.reasons.find((r) => {
      const l = r.direction === "up" ? LEVER_OF_FEATURE[r.feature] : undefined;
      return l !== undefined && supported(l, c) && (!winBack || WIN_BACK_LEVERS.has(l));
    });
    reasonFeature = reason?.feature ?? null;
    lever = reason ? LEVER_OF_FEATURE[reason.feature]! : segmentDefault(c);
  }
  const { needsConsent, siteAlternative } = LEVERS[lever];
  if (needsConsent && !c.consent) {
    if (siteAlternative === undefined) throw new Error(`The message lever "${lever}" has no on-site alternative`);
    return { lever: siteAlternative, reasonFeature, consentFallback: true };
  }
  return { lever, reasonFeature, consentFallback: false };
}
