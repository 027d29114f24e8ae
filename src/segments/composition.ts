/**
 * What a segment is made of, beside its tested differences: the mix of
 * favourite categories and the revenue and minutes dynamics over the
 * periods of the export, in the segment and among the other customers — the
 * profile analysts of this data usually show for a group of customers.
 *
 * @module
 */
import type { FeatureTable } from "../features/feature_table.ts";
import { categoryCodes, levelCountsByMask } from "./category_codes.ts";
import { MINUTES_PERIODS, REVENUE_PERIODS } from "../data/schema.ts";

/** The monthly series of the merged frame, oldest period first, with the store's period names. */
export const SERIES = {
  revenue: { columns: ["revenue_prev_prev", "revenue_prev", "revenue_current"], periods: REVENUE_PERIODS },
  minutes: { columns: ["minutes_prev", "minutes_current"], periods: MINUTES_PERIODS },
} as const;

/** A monthly series: revenue or minutes on the site. */
export type Measure = keyof typeof SERIES;

/** The columns composition reads; the segment input requires them. */
export const COMPOSITION_COLUMNS: readonly string[] = [
  "popular_category",
  ...SERIES.revenue.columns,
  ...SERIES.minutes.columns,
];

/** One favourite category's share of the segment's customers and of the other customers. */
export interface CategoryShare {
  category: string;
  shareIn: number;
  shareOut: number;
}

/** One period's mean in the segment and among the other customers (NaN on an empty side). */
export interface PeriodMeans {
  /** The store's period name, e.g. "препредыдущий_месяц". */
  period: string;
  /** The merged frame's column, e.g. "revenue_prev_prev". */
  feature: string;
  meanIn: number;
  meanOut: number;
}

/** A series over the periods, oldest first. */
export interface Dynamics {
  measure: Measure;
  periods: PeriodMeans[];
}

/** A segment's composition. */
export interface Composition {
  /** Every favourite category of the data, the segment's most frequent first. */
  categories: CategoryShare[];
  /** Revenue, then minutes. */
  dynamics: Dynamics[];
}

/**
 * The category mix and the period means of the rows with `mask[i] = 1`
 * against the rest. A share of an empty side is 0, a mean of an empty side NaN.
 *
 * @example
 * ```ts
 * import type { FeatureTable } from "../features/feature_table.ts";
 * import { composition } from "./composition.ts";
 * declare const columns: FeatureTable, mask: Uint8Array;
 * const c = composition(columns, mask);
 * c.categories[0]; // { category: "Товары для детей", shareIn: 0.34, shareOut: 0.24 }
 * c.dynamics[0]!.periods.map((p) => p.meanIn); // revenue, препредыдущий → текущий месяц
 * ```
 */
export function composition(columns: FeatureTable, mask: Uint8Array): Composition {
  const inside = mask.reduce((s, v) => s + v, 0);
  const outside = mask.length - inside;
  const category = columns.categorical.popular_category;
  if (!category) throw new Error(`Composition needs the column "popular_category"`);
  const codes = categoryCodes(category);
  const [outCounts, inCounts] = levelCountsByMask(codes, mask);
  const categories = codes.levels.map((c, k) => ({
    category: c,
    shareIn: inside ? inCounts[k]! / inside : 0,
    shareOut: outside ? outCounts[k]! / outside : 0,
  })).sort((x, y) => y.shareIn - x.shareIn || y.shareOut - x.shareOut || x.category.localeCompare(y.category));
  const dynamics = (Object.keys(SERIES) as Measure[]).map((measure) => {
    const s = SERIES[measure];
    return {
      measure,
      periods: s.columns.map((feature, k) => {
        const values = columns.numeric[feature];
        if (!values) throw new Error(`Composition needs the column "${feature}"`);
        let sumIn = 0, sumOut = 0; // in row order, as before
        for (let i = 0; i < values.length; i++) {
          if (mask[i]) sumIn += values[i]!;
          else sumOut += values[i]!;
        }
        return { period: s.periods[k]!, feature, meanIn: sumIn / inside, meanOut: sumOut / outside };
      }),
    };
  });
  return { categories, dynamics };
}
