/**
 * The catalogue of actions the store can take for one customer, and the rule
 * that picks one from the customer's reasons and segment: the strongest reason
 * that raises the risk and has a lever decides; without one, the matrix cell
 * does. Customers below the threshold get a light touch, not a retention
 * offer, since spending on them would mostly pay people who stay anyway.
 *
 * @module
 */
import type { Reason } from "../explain/explanation.ts";

/** Identifiers of the catalogue's actions. */
export type ActionId =
  | "cart_reminder"
  | "service_apology"
  | "promo_calendar"
  | "personal_content"
  | "cross_sell"
  | "more_contact"
  | "category_offer"
  | "personal_discount"
  | "reactivation"
  | "loyalty"
  | "newsletter";

/** One action: what the store does. */
export interface Action {
  id: ActionId;
  /** Russian name. */
  name: string;
  /** Russian description for the marketing team. */
  description: string;
}

const action = (id: ActionId, name: string, description: string): [ActionId, Action] => [
  id,
  { id, name, description },
];

/**
 * The catalogue.
 *
 * @example
 * ```ts
 * ACTIONS.cart_reminder.name; // "Напоминание о корзине"
 * ```
 */
export const ACTIONS: Readonly<Record<ActionId, Action>> = Object.fromEntries([
  action("cart_reminder", "Напоминание о корзине", "Письмо или push о неоплаченных товарах с промокодом на них."),
  action("service_apology", "Извинение за сбой", "Извинение и бонус на следующий заказ; ошибки передаются на разбор."),
  action(
    "promo_calendar",
    "Календарь акций",
    "Уведомления о распродажах в любимых категориях вместо постоянной скидки.",
  ),
  action("personal_content", "Персональная подборка", "Подборка товаров на главной странице и push-уведомление с ней."),
  action("cross_sell", "Смежные категории", "Рекомендации товаров из категорий, которые покупатель ещё не смотрел."),
  action("more_contact", "Больше коммуникаций", "Чаще присылать рассылки: покупатель разрешил сообщения."),
  action("category_offer", "Акция в любимой категории", "Скидка или подборка в популярной категории покупателя."),
  action(
    "personal_discount",
    "Персональная скидка",
    "Скидка на следующий заказ для прибыльного покупателя под риском.",
  ),
  action("reactivation", "Письмо о возвращении", "Письмо с новинками и бонусными баллами на ближайший заказ."),
  action("loyalty", "Программа лояльности", "Благодарность и баллы за покупки: лёгкое касание без скидок."),
  action("newsletter", "Обычная рассылка", "Без отдельных затрат: общие рассылки магазина."),
]) as Record<ActionId, Action>;

/** Which lever answers a reason that raises the risk. */
const LEVERS: Readonly<Record<string, ActionId>> = {
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
export function chooseAction(c: ActionContext): ActionId {
  if (!c.highRisk) return c.highProfit ? "loyalty" : "newsletter";
  for (const r of c.reasons) {
    const lever = r.direction === "up" ? LEVERS[r.feature] : undefined;
    if (lever && (lever !== "more_contact" || c.consent)) return lever;
  }
  return c.highProfit ? "personal_discount" : "reactivation";
}
