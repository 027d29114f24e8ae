/**
 * The catalogue of the store's levers: everything the store can do for a
 * customer or a segment, each with its id and every Russian text that names
 * or describes it, in one place. The per-customer choice (`actions.ts`), the
 * segment recommendations (`recommend.ts`), offers.csv and the report all
 * read their wording from here.
 *
 * @module
 */

/** Identifiers of the levers (the «Код действия» column of offers.csv). */
export type LeverId =
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
  | "newsletter"
  | "onboarding";

/** What a lever says when a segment recommendation proposes it. */
export interface SegmentAdvice {
  /** The headline of the executive summary's action list. */
  headline: string;
  /** The sentence that ends a recommendation, without its final period (a rule may add figures before it). */
  advice: string;
}

/** One lever. */
export interface Lever {
  id: LeverId;
  /** Short Russian name: the «Действие» column of offers.csv and the report's contact list. */
  name: string;
  /** What the store does for one customer, for the marketing team. */
  description: string;
  /** Its wording in segment recommendations; absent for levers only chosen per customer. */
  segment?: SegmentAdvice;
}

const lever = (id: LeverId, name: string, description: string, segment?: SegmentAdvice): [LeverId, Lever] => [
  id,
  segment ? { id, name, description, segment } : { id, name, description },
];

/**
 * The catalogue.
 *
 * @example
 * ```ts
 * import { LEVERS } from "./levers.ts";
 * LEVERS.cart_reminder.name; // "Напоминание о корзине"
 * LEVERS.cart_reminder.segment?.headline; // "Напоминать о брошенной корзине и давать промокод на её товары"
 * ```
 */
export const LEVERS: Readonly<Record<LeverId, Lever>> = Object.fromEntries([
  lever("cart_reminder", "Напоминание о корзине", "Письмо или push о неоплаченных товарах с промокодом на них.", {
    headline: "Напоминать о брошенной корзине и давать промокод на её товары",
    advice: "Напоминать о брошенной корзине и давать промокод на её товары",
  }),
  lever("service_apology", "Извинение за сбой", "Извинение и бонус на следующий заказ; ошибки передаются на разбор.", {
    headline: "Исправить ошибки сервиса на их сценариях и извиниться бонусом",
    advice: "Разобрать и исправить ошибки на их сценариях, отправить извинение с бонусом на следующий заказ",
  }),
  lever(
    "promo_calendar",
    "Календарь акций",
    "Уведомления о распродажах в любимых категориях вместо постоянной скидки.",
    {
      headline: "Персональный календарь акций вместо постоянных скидок",
      advice: "Составить для них персональный календарь акций по любимым категориям вместо постоянных скидок",
    },
  ),
  lever(
    "personal_content",
    "Персональная подборка",
    "Подборка товаров на главной странице и push-уведомление с ней.",
    {
      headline: "Персональные подборки на главной и push-уведомления с ними",
      advice: "Показывать персональные подборки на главной и присылать push-уведомления с ними",
    },
  ),
  lever(
    "cross_sell",
    "Смежные категории",
    "Рекомендации товаров из категорий, которые покупатель ещё не смотрел.",
    {
      headline: "Рекомендовать товары смежных категорий",
      advice: "Рекомендовать товары смежных категорий в карточке товара и в письмах",
    },
  ),
  lever("more_contact", "Больше коммуникаций", "Чаще присылать рассылки: покупатель разрешил сообщения.", {
    headline: "Больше коммуникаций для тех, кто согласился на сообщения",
    advice: "Увеличить число коммуникаций для покупателей с согласием на сообщения",
  }),
  lever("category_offer", "Акция в любимой категории", "Скидка или подборка в популярной категории покупателя.", {
    headline: "Подборки и акции в любимой категории",
    advice: "Делать подборки и акции в этой категории",
  }),
  lever(
    "personal_discount",
    "Персональная скидка",
    "Скидка на следующий заказ для прибыльного покупателя под риском.",
  ),
  lever("reactivation", "Письмо о возвращении", "Письмо с новинками и бонусными баллами на ближайший заказ.", {
    headline: "Бонус за заказ чуть выше обычного чека",
    advice: "Предложить бонус за следующий заказ от порога чуть выше их обычного чека",
  }),
  lever("loyalty", "Программа лояльности", "Благодарность и баллы за покупки: лёгкое касание без скидок."),
  lever("newsletter", "Обычная рассылка", "Без отдельных затрат: общие рассылки магазина."),
  lever(
    "onboarding",
    "Приветственная серия",
    "Письма о возможностях магазина и бонус на вторую покупку для недавно зарегистрированных.",
    {
      headline: "Приветственная серия писем и бонус на вторую покупку",
      advice: "Запустить приветственную серию писем о возможностях магазина и бонус на вторую покупку",
    },
  ),
]) as Record<LeverId, Lever>;
