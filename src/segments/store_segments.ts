/**
 * The segments the store proposed, as rules. They may overlap each other and
 * the matrix cells; each is compared with all customers outside it.
 *
 * @module
 */
import { FEATURES } from "../data/labels.ts";
import type { CATEGORIES } from "../data/schema.ts";
import type { Cuts } from "./cuts.ts";
import { ruNumber } from "../text/ru_format.ts";
import { quantileName, riskClause, type SegmentRule } from "./segment_rule.ts";

type Category = typeof CATEGORIES[number];

/** Long-life goods: appliances and electronics are bought once in years, not monthly. */
export const TECHNICS: readonly Category[] = [
  "Мелкая бытовая техника и электроника",
  "Техника для красоты и здоровья",
];

/**
 * «Товары для себя»: what a customer buys for their own body and looks
 * (cosmetics, beauty and health devices), as opposed to goods for the home
 * (textile, kitchenware, appliances) or for children. Beauty devices are also
 * technics, so this segment overlaps the technics one on purpose.
 */
export const SELF_CATEGORIES: readonly Category[] = ["Косметика и аксессуары", "Техника для красоты и здоровья"];

/** The children's goods category. */
export const KIDS_CATEGORIES: readonly Category[] = ["Товары для детей"];

function promoClause(cuts: Cuts): string {
  const label = FEATURES.promo_share!.label.toLowerCase();
  if (cuts.promoCut === Infinity) return `${label} у всех одинакова, верхней группы нет`;
  const why = cuts.promoRule === "given"
    ? "заданная граница"
    : "граница двух групп покупателей по доле акций, метод Оцу: верхняя мода";
  return `${label} ≥ ${ruNumber(cuts.promoCut, 2)} (${why})`;
}

const quoted = (cs: readonly string[]) => cs.map((c) => `«${c}»`).join(" или ");

function byCategory(id: string, name: string, categories: readonly Category[], why: string): SegmentRule {
  const set = new Set<string>(categories);
  return {
    id,
    kind: "store",
    name,
    uses: ["popular_category"],
    definition: () => `${FEATURES.popular_category!.label.toLowerCase()} — ${quoted(categories)}${why}`,
    member: (c, _, i) => set.has(c.category[i]!),
  };
}

/**
 * The store's segments: promo lovers at risk, technics buyers, children's
 * goods, goods for oneself, and the most profitable at risk.
 *
 * @example
 * ```ts
 * import type { Cuts } from "./cuts.ts";
 * import { STORE_RULES } from "./store_segments.ts";
 * declare const cuts: Cuts;
 * STORE_RULES.find((r) => r.id === "technics")!.definition(cuts);
 * ```
 */
export const STORE_RULES: readonly SegmentRule[] = [
  {
    id: "promo_at_risk",
    kind: "store",
    name: "Любители акций под риском",
    uses: ["promo_share"],
    definition: (cuts) => `${promoClause(cuts)} и ${riskClause(cuts, true)}`,
    member: (c, cuts, i) => c.promoShare[i]! >= cuts.promoCut && c.probability[i]! >= cuts.threshold,
  },
  byCategory("technics", "Покупатели техники", TECHNICS, " (товары с длинным жизненным циклом)"),
  byCategory("kids", "Товары для детей", KIDS_CATEGORIES, ""),
  byCategory("self", "Товары для себя", SELF_CATEGORIES, " (покупки для себя: уход, красота, здоровье)"),
  {
    id: "top_profit_at_risk",
    kind: "store",
    name: "Самые прибыльные под риском",
    uses: ["profit"],
    definition: (cuts) =>
      `${FEATURES.profit!.label.toLowerCase()} ≥ ${ruNumber(cuts.topProfitCut, 2)} ` +
      `(${quantileName(cuts.topProfitQuantile)}) и ${riskClause(cuts, true)}`,
    member: (c, cuts, i) => c.profit[i]! >= cuts.topProfitCut && c.probability[i]! >= cuts.threshold,
  },
];
