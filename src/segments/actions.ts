/**
 * The rule that picks one lever (see `levers.ts`) for one customer from the
 * customer's reasons and segment: the strongest reason that raises the risk
 * and has a lever decides; without one, the matrix cell does. Customers below
 * the threshold get a light touch, not a retention offer, since spending on
 * them would mostly pay people who stay anyway.
 *
 * @module
 */
import type { Reason } from "../explain/explanation.ts";
import type { LeverId } from "./levers.ts";

/** Which lever answers a reason that raises the risk. */
const LEVER_OF_FEATURE: Readonly<Record<string, LeverId>> = {
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
export interface ActionContext {
  reasons: readonly Reason[];
  highRisk: boolean;
  highProfit: boolean;
  /** Allows messages: without consent, more messages are not an option. */
  consent: boolean;
}

/**
 * The action for one customer.
 *
 * @example
 * ```ts
 * chooseAction({ reasons: [{ feature: "service_errors", label: "Ошибки сервиса", phi: 0.1, direction: "up" }],
 *   highRisk: true, highProfit: false, consent: true }); // "service_apology"
 * ```
 */
export function chooseAction(c: ActionContext): LeverId {
  if (!c.highRisk) return c.highProfit ? "loyalty" : "newsletter";
  for (const r of c.reasons) {
    const lever = r.direction === "up" ? LEVER_OF_FEATURE[r.feature] : undefined;
    if (lever && (lever !== "more_contact" || c.consent)) return lever;
  }
  return c.highProfit ? "personal_discount" : "reactivation";
}
