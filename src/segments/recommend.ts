/**
 * Recommendations as rules over a segment's measured differences. A rule
 * fires only on a notable difference (BH-corrected p < alpha and an effect at
 * least the stated minimum, see `profile.ts`). Its text is the difference it
 * rests on, with its numbers in a compact form (mean in the segment against
 * the rest, the effect size, the corrected p-value), and the lever — never
 * the segment's name or its money, which the report states once per segment,
 * so no phrase repeats from bullet to bullet.
 *
 * @module
 */
import { ruAuto, ruInt, ruNumber, ruP, ruPercent } from "../text/ru_format.ts";
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
  /** The features whose differences it rests on (when it fires). */
  features(s: Segment): string[];
  text(s: Segment): string;
}

/** A fired rule. */
export interface Recommendation {
  segment: string;
  rule: string;
  lever: LeverId;
  /** The features whose notable differences it rests on. */
  features: string[];
  text: string;
}

/** Below this a corrected p-value reads «p < 0,001»: smaller ones say nothing more to a reader. */
const P_FLOOR = 0.001;

/**
 * A corrected p-value, compact: «p < 0,001» or «p = 0,012».
 *
 * @example
 * ```ts
 * compactP(7.4e-15); // "p < 0,001"
 * compactP(0.0213); // "p = 0,021"
 * ```
 */
export function compactP(p: number): string {
  return p < P_FLOOR ? `p < ${ruNumber(P_FLOOR, 3)}` : `p = ${ruP(p)}`;
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

/** «страниц за визит — 4,62 против 8,93 (δ −0,65; p < 0,001)»: a difference with its evidence. */
function cite(d: NumericDifference): string {
  return `${d.label.toLowerCase()} — ${ruAuto(d.meanIn, 2)} против ${ruAuto(d.meanOut, 2)} ` +
    `(δ ${ruNumber(d.effect!, 2)}; ${compactP(d.pAdjusted!)})`;
}

/** «Больше неоплаченных товаров»: a clause that opens a sentence. */
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

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
    features: (s: Segment) => shifted(s, features, sign).map((d) => d.feature),
    text: (s: Segment) => `${capitalised(what)}: ${shifted(s, features, sign).map(cite).join("; ")}. ${advice(lever)}`,
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
    features: (s) => shifted(s, MARKETING, -1).map((d) => d.feature),
    text: (s) =>
      `Реже получают маркетинговые коммуникации: ${shifted(s, MARKETING, -1).map(cite).join("; ")}. ` +
      advice("more_contact", `${ruPercent(consentShare(s))} сегмента, около ${ruInt(consentShare(s) * s.size)} чел.`),
  },
  onShift("onboarding", ["duration_days"], -1, "зарегистрированы недавно", "onboarding"),
  onShift("reactivation", REVENUE, -1, "приносят меньше выручки", "reactivation"),
  {
    id: "category_focus",
    lever: "category_offer",
    when: (s) => notableCategory(s, "popular_category") !== undefined,
    features: () => ["popular_category"],
    text: (s) => {
      const d = notableCategory(s, "popular_category")!;
      const top = [...d.levels].sort((a, b) => b.shareIn - b.shareOut - (a.shareIn - a.shareOut))[0]!;
      return `Чаще выбирают категорию «${top.value}»: ${ruPercent(top.shareIn)} против ${ruPercent(top.shareOut)} ` +
        `(V ${ruNumber(d.effect!, 2)}; ${compactP(d.pAdjusted!)}). ${advice("category_offer")}`;
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
    rules.filter((r) => r.when(s)).map((r) => ({
      segment: s.id,
      rule: r.id,
      lever: r.lever,
      features: r.features(s),
      text: r.text(s),
    }))
  );
}
