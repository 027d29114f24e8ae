/**
 * The catalogue of the store's levers: everything the store can do for a
 * customer or a segment, each with its id, the channel it reaches the
 * customer through and every Russian text that names or describes it, in one
 * place. The per-customer choice (`src/decisions/assignment.ts`), the segment
 * recommendations (`recommend.ts`), offers.csv and the report all read their
 * wording from here.
 *
 * A lever sent as a message (e-mail, push, SMS, a call) needs the customer's
 * consent («Разрешить сообщать» = «да»); each such lever names the on-site
 * lever that replaces it for customers without consent.
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
  | "manager_call"
  | "onboarding"
  | "site_cart"
  | "site_bonus"
  | "site_category"
  | "none";

/**
 * How a lever reaches the customer (the «Код канала» column of offers.csv).
 * `site`: on-site personalisation or an offer shown at the next visit — no
 * message is sent; every other channel is a message (a call is one too).
 */
export type ChannelId = "email" | "push" | "sms" | "call" | "site";

/** Every channel, cheapest-to-reach first. */
export const CHANNEL_IDS: readonly ChannelId[] = ["site", "push", "email", "sms", "call"];

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
  /** What the customer receives, one sentence for the marketing team. */
  receives: string;
  channel: ChannelId;
  /** Sent as a message, so only to customers who allow messages (every channel but `site`). */
  needsConsent: boolean;
  /** The on-site lever that replaces a message lever for a customer without consent. */
  siteAlternative?: LeverId;
  /** Its wording in segment recommendations; absent for levers only chosen per customer. */
  segment?: SegmentAdvice;
  /** An offer the store makes; false only for `none` (no separate offer, so no effect is assumed). */
  isOffer: boolean;
}

interface LeverSpec {
  name: string;
  receives: string;
  channel: ChannelId;
  siteAlternative?: LeverId;
  segment?: SegmentAdvice;
}

const lever = (id: LeverId, s: LeverSpec): [LeverId, Lever] => [
  id,
  { id, ...s, needsConsent: s.channel !== "site", isOffer: id !== "none" },
];

/**
 * The catalogue.
 *
 * @example
 * ```ts
 * import { LEVERS } from "./levers.ts";
 * LEVERS.cart_reminder.name; // "Напоминание о корзине"
 * LEVERS.cart_reminder.channel; // "push"
 * LEVERS.cart_reminder.siteAlternative; // "site_cart"
 * ```
 */
export const LEVERS: Readonly<Record<LeverId, Lever>> = Object.fromEntries([
  lever("cart_reminder", {
    name: "Напоминание о корзине",
    receives: "Уведомление (push) о неоплаченных товарах в корзине с промокодом на них.",
    channel: "push",
    siteAlternative: "site_cart",
    segment: {
      headline: "Напоминать о брошенной корзине и давать промокод на её товары",
      advice: "Напоминать о брошенной корзине и давать промокод на её товары",
    },
  }),
  lever("service_apology", {
    name: "Извинение за сбой",
    receives: "Письмо с извинением за ошибки сервиса и бонусом на следующий заказ; ошибки передаются на разбор.",
    channel: "email",
    siteAlternative: "site_bonus",
    segment: {
      headline: "Исправить ошибки сервиса на их сценариях и извиниться бонусом",
      advice: "Разобрать и исправить ошибки на их сценариях, отправить извинение с бонусом на следующий заказ",
    },
  }),
  lever("promo_calendar", {
    name: "Календарь акций",
    receives: "Письмо с календарём распродаж в любимых категориях вместо постоянной скидки.",
    channel: "email",
    siteAlternative: "site_category",
    segment: {
      headline: "Персональный календарь акций вместо постоянных скидок",
      advice: "Составить для них персональный календарь акций по любимым категориям вместо постоянных скидок",
    },
  }),
  lever("personal_content", {
    name: "Персональная подборка",
    receives: "Подборка товаров по интересам на главной странице сайта.",
    channel: "site",
    segment: {
      headline: "Персональные подборки на главной странице",
      advice: "Показывать им персональные подборки на главной странице сайта",
    },
  }),
  lever("cross_sell", {
    name: "Смежные категории",
    receives: "Рекомендации товаров из категорий, которые покупатель ещё не смотрел, в карточке товара на сайте.",
    channel: "site",
    segment: {
      headline: "Рекомендовать товары смежных категорий",
      advice: "Рекомендовать товары смежных категорий в карточке товара",
    },
  }),
  lever("more_contact", {
    name: "Больше коммуникаций",
    receives: "Рассылки магазина чаще: покупатель разрешил сообщения.",
    channel: "email",
    siteAlternative: "personal_content",
    segment: {
      headline: "Больше коммуникаций для тех, кто согласился на сообщения",
      advice: "Увеличить число коммуникаций для покупателей с согласием на сообщения",
    },
  }),
  lever("category_offer", {
    name: "Акция в любимой категории",
    receives: "Письмо со скидкой на товары популярной категории покупателя.",
    channel: "email",
    siteAlternative: "site_category",
    segment: {
      headline: "Подборки и акции в любимой категории",
      advice: "Делать подборки и акции в этой категории",
    },
  }),
  lever("personal_discount", {
    name: "Персональная скидка",
    receives: "Сообщение (SMS) с персональной скидкой на следующий заказ.",
    channel: "sms",
    siteAlternative: "site_bonus",
  }),
  lever("reactivation", {
    name: "Письмо о возвращении",
    receives: "Письмо с новинками и бонусными баллами на ближайший заказ от суммы чуть выше обычного чека.",
    channel: "email",
    siteAlternative: "site_bonus",
    segment: {
      headline: "Бонус за заказ чуть выше обычного чека",
      advice: "Предложить бонус за следующий заказ от порога чуть выше их обычного чека",
    },
  }),
  lever("manager_call", {
    name: "Звонок менеджера",
    receives: "Звонок менеджера: узнать, что не устроило, и предложить персональную скидку на следующий заказ.",
    channel: "call",
    siteAlternative: "site_bonus",
  }),
  lever("onboarding", {
    name: "Приветственная серия",
    receives: "Письма о возможностях магазина и бонус на вторую покупку для недавно зарегистрированных.",
    channel: "email",
    siteAlternative: "personal_content",
    segment: {
      headline: "Приветственная серия писем и бонус на вторую покупку",
      advice: "Запустить приветственную серию писем о возможностях магазина и бонус на вторую покупку",
    },
  }),
  lever("site_cart", {
    name: "Корзина при следующем визите",
    receives: "При следующем входе на сайт — товары из корзины с промокодом на них, без сообщений.",
    channel: "site",
  }),
  lever("site_bonus", {
    name: "Бонус при следующем визите",
    receives: "При следующем входе на сайт — персональный бонус на заказ, без сообщений.",
    channel: "site",
  }),
  lever("site_category", {
    name: "Витрина любимой категории",
    receives: "Акции и подборка популярной категории покупателя на главной странице сайта, без сообщений.",
    channel: "site",
  }),
  lever("none", {
    name: "Без отдельного предложения",
    receives: "Ничего отдельно: обычная работа сайта и магазина, без сообщений и затрат.",
    channel: "site",
  }),
]) as Record<LeverId, Lever>;
