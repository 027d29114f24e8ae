/**
 * Recommendations as rules over a segment's measured differences. A rule
 * fires only on a notable difference (BH-corrected p < alpha and an effect at
 * least the stated minimum, see `profile.ts`), and its text quotes the numbers
 * it fired on and the segment's profit at risk, so every sentence changes
 * when the data does.
 *
 * @module
 */
import { ruInt, ruNumber, ruP, ruPercent } from "../text/ru_format.ts";
import { type LeverId, LEVERS } from "./levers.ts";
import type { CategoricalDifference, NumericDifference } from "./profile.ts";
import type { Segment } from "./segment.ts";

/** A recommendation rule: when it applies to a segment, which lever it proposes and what it says. */
export interface RecommendationRule {
  /** What the rule finds in a segment, e.g. "abandoned_cart". */
  id: string;
  /** The lever it proposes; its wording comes from the catalogue. */
  lever: LeverId;
  when(s: Segment): boolean;
  text(s: Segment): string;
}

/** A fired rule. */
export interface Recommendation {
  segment: string;
  rule: string;
  text: string;
}

/** Notable numeric differences among `features`, in the given direction (+1: higher in the segment). */
export function shifted(s: Segment, features: readonly string[], sign: 1 | -1): NumericDifference[] {
  return s.profile.filter((d): d is NumericDifference =>
    d.type === "number" && d.notable && features.includes(d.feature) && Math.sign(d.effect!) === sign
  );
}

function notableCategory(s: Segment, feature: string): CategoricalDifference | undefined {
  return s.profile.find((d): d is CategoricalDifference => d.type === "category" && d.notable && d.feature === feature);
}

/** "Ошибки сервиса: 5,10 против 4,02 у остальных (δ = 0,31; p = 0,002)": a difference with its evidence. */
function cite(d: NumericDifference): string {
  return `${d.label.toLowerCase()} — в среднем ${ruNumber(d.meanIn, 2)} против ${ruNumber(d.meanOut, 2)} у остальных ` +
    `(δ Клиффа ${ruNumber(d.effect!, 2)}; p с поправкой ${ruP(d.pAdjusted!)})`;
}

function atRisk(s: Segment): string {
  return `Прибыль под риском за ${s.horizonMonths} мес.: ${ruNumber(s.profitAtRisk, 1)} ` +
    `(${ruPercent(s.profitAtRiskShare)} всей прибыли под риском).`;
}

/** The catalogue's advice for `lever`, with `detail` in brackets before the period. */
function advice(lever: LeverId, detail?: string): string {
  const text = LEVERS[lever].segment?.advice;
  if (text === undefined) throw new Error(`The lever "${lever}" has no segment advice in the catalogue`);
  return detail === undefined ? `${text}.` : `${text} (${detail}).`;
}

/** A rule that fires when any of `features` is notably shifted in `sign`'s direction. */
function onShift(id: string, features: readonly string[], sign: 1 | -1, what: string, lever: LeverId) {
  return {
    id,
    lever,
    when: (s: Segment) => shifted(s, features, sign).length > 0,
    text: (s: Segment) =>
      `«${s.name}»: ${what}: ${shifted(s, features, sign).map(cite).join("; ")}. ${advice(lever)} ${atRisk(s)}`,
  } satisfies RecommendationRule;
}

const SITE = ["pages_per_visit", "minutes_prev", "minutes_current"];
const MARKETING = ["marketing_6m", "marketing_current"];
const REVENUE = ["revenue_prev_prev", "revenue_prev", "revenue_current"];

/** Share of the segment that allows messages, from its profile. */
function consentShare(s: Segment): number {
  const d = s.profile.find((d): d is CategoricalDifference => d.type === "category" && d.feature === "allow_messages");
  return d?.levels.find((l) => l.value === "да")?.shareIn ?? 0;
}

/**
 * The rules, one per lever the store has.
 *
 * @example
 * ```ts
 * RECOMMENDATION_RULES.find((r) => r.id === "abandoned_cart")?.lever; // "cart_reminder"
 * ```
 */
export const RECOMMENDATION_RULES: readonly RecommendationRule[] = [
  onShift("abandoned_cart", ["unpaid_items_quarter"], 1, "больше неоплаченных товаров в корзине", "cart_reminder"),
  onShift("service_errors", ["service_errors"], 1, "чаще сталкиваются с ошибками сервиса", "service_apology"),
  onShift("promo_calendar", ["promo_share"], 1, "выше доля покупок по акциям", "promo_calendar"),
  onShift("site_engagement", SITE, -1, "меньше вовлечены на сайте", "personal_content"),
  onShift("cross_sell", ["categories_per_visit"], -1, "смотрят меньше категорий", "cross_sell"),
  {
    id: "more_contact",
    lever: "more_contact",
    when: (s) => shifted(s, MARKETING, -1).length > 0 && consentShare(s) > 0,
    text: (s) =>
      `«${s.name}»: реже получают маркетинговые коммуникации: ${shifted(s, MARKETING, -1).map(cite).join("; ")}. ` +
      `${
        advice("more_contact", `${ruPercent(consentShare(s))} сегмента, около ${ruInt(consentShare(s) * s.size)} чел.`)
      } ${atRisk(s)}`,
  },
  onShift("onboarding", ["duration_days"], -1, "зарегистрированы недавно", "onboarding"),
  onShift("reactivation", REVENUE, -1, "приносят меньше выручки", "reactivation"),
  {
    id: "category_focus",
    lever: "category_offer",
    when: (s) => notableCategory(s, "popular_category") !== undefined,
    text: (s) => {
      const d = notableCategory(s, "popular_category")!;
      const top = [...d.levels].sort((a, b) => b.shareIn - b.shareOut - (a.shareIn - a.shareOut))[0]!;
      return `«${s.name}»: чаще выбирают категорию «${top.value}» — ${ruPercent(top.shareIn)} против ` +
        `${ruPercent(top.shareOut)} у остальных (V Крамера ${ruNumber(d.effect!, 2)}; p с поправкой ` +
        `${ruP(d.pAdjusted!)}). ${advice("category_offer")} ${atRisk(s)}`;
    },
  },
];

/**
 * The short headline of a rule's lever for the report's action list; an
 * unknown rule reads as its id.
 *
 * @example
 * ```ts
 * import { recommendationHeadline } from "./recommend.ts";
 * recommendationHeadline("abandoned_cart"); // "Напоминать о брошенной корзине и давать промокод на её товары"
 * ```
 */
export function recommendationHeadline(rule: string): string {
  const lever = RECOMMENDATION_RULES.find((r) => r.id === rule)?.lever;
  return (lever && LEVERS[lever].segment?.headline) ?? rule;
}

/**
 * Every rule that fires, segment by segment in the given order.
 *
 * @example
 * ```ts
 * recommend([]); // []: no segments, nothing to recommend
 * ```
 */
export function recommend(
  segments: readonly Segment[],
  rules: readonly RecommendationRule[] = RECOMMENDATION_RULES,
): Recommendation[] {
  return segments.flatMap((s) =>
    rules.filter((r) => r.when(s)).map((r) => ({ segment: s.id, rule: r.id, text: r.text(s) }))
  );
}
