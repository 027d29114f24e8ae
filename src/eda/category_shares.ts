/**
 * A categorical feature compared between the classes: each level's count and
 * share within each class, so classes of different sizes compare fairly.
 *
 * @module
 */
import { type FeatureGroup, FEATURES } from "../data/labels.ts";
import type { ByClass } from "./classes.ts";

/** One level of a categorical feature. */
export interface LevelShares {
  value: string;
  counts: ByClass<number>;
  /** Share of the class's customers with this level (each class sums to 1). */
  shares: ByClass<number>;
}

/** One categorical feature by class. */
export interface CategorySummary {
  feature: string;
  label: string;
  group: FeatureGroup;
  /** Most frequent level first (ties: code-point order of the value). */
  levels: LevelShares[];
}

/**
 * Counts and within-class shares of every level of `feature`.
 *
 * @example
 * ```ts
 * import type pl from "nodejs-polars";
 * import { categoryShares } from "./category_shares.ts";
 * import { categoryColumn, targetOf } from "./classes.ts";
 * declare const frame: pl.DataFrame;
 * const s = categoryShares("service_type", categoryColumn(frame, "service_type"), targetOf(frame));
 * s.levels[0]!.shares.dropped;
 * ```
 */
export function categoryShares(feature: string, values: readonly string[], y: Uint8Array): CategorySummary {
  const info = FEATURES[feature];
  if (!info || info.type !== "category") throw new Error(`Not a categorical feature: "${feature}"`);
  if (values.length !== y.length) throw new Error(`Expected ${y.length} values, got ${values.length}`);
  const counts = new Map<string, ByClass<number>>();
  let dropped = 0;
  values.forEach((v, i) => {
    const c = counts.get(v) ?? { dropped: 0, same: 0 };
    if (y[i]) c.dropped++, dropped++;
    else c.same++;
    counts.set(v, c);
  });
  const same = values.length - dropped;
  const share = (k: number, n: number) => (n ? k / n : NaN);
  const levels = [...counts.entries()]
    .sort(([a, ca], [b, cb]) => cb.dropped + cb.same - ca.dropped - ca.same || (a < b ? -1 : a > b ? 1 : 0))
    .map(([value, c]) => ({
      value,
      counts: c,
      shares: { dropped: share(c.dropped, dropped), same: share(c.same, same) },
    }));
  return { feature, label: info.label, group: info.group, levels };
}
