import pl from "nodejs-polars";
import { LABEL_DROPPED, LABEL_SAME } from "../../src/data/schema.ts";
import { Rng, seedKey } from "../../src/util/random.ts";

/** How strongly each numeric feature's mean shifts (in SDs) for customers whose activity dropped. */
export type Shifts = Partial<Record<string, number>>;

/**
 * A merged-frame-shaped frame of `n` seeded customers: every feature, `id`,
 * `activity` and `target`. Numeric features are normal around realistic
 * centres, shifted by `shifts[feature]` SDs in the «Снизилась» class;
 * `revenue_current` follows `revenue_prev` closely (a collinear pair).
 */
export function edaFrame(n: number, seed: number, shifts: Shifts = {}): pl.DataFrame {
  const rng = new Rng().reset(seedKey(seed));
  const target = Array.from({ length: n }, (_, i) => (i % 5 < 2 ? 1 : 0));
  const num = (centre: number, sd: number, feature: string, digits = 1) =>
    target.map((t) => {
      const v = centre + sd * (rng.normal() + t * (shifts[feature] ?? 0));
      return Math.max(0, Number(v.toFixed(digits)));
    });
  const pick = (levels: string[], feature: string) =>
    target.map((t) => {
      const bias = t * (shifts[feature] ?? 0);
      const u = Math.min(0.999, Math.max(0, rng.next() + (rng.next() < bias ? -0.5 : 0)));
      return levels[Math.floor(u * levels.length)]!;
    });
  const revenuePrev = num(5000, 400, "revenue_prev");
  return pl.DataFrame({
    id: target.map((_, i) => 1000 + i),
    activity: target.map((t) => (t ? LABEL_DROPPED : LABEL_SAME)),
    service_type: pick(["премиум", "стандарт"], "service_type"),
    allow_messages: pick(["да", "нет"], "allow_messages"),
    marketing_6m: num(4, 1, "marketing_6m"),
    marketing_current: num(4, 0.7, "marketing_current", 0),
    duration_days: num(600, 250, "duration_days", 0),
    promo_share: num(0.3, 0.2, "promo_share", 2).map((v) => Math.min(1, v)),
    popular_category: pick(["Товары для детей", "Домашний текстиль", "Кухонная посуда"], "popular_category"),
    categories_per_visit: num(3, 1.3, "categories_per_visit", 0),
    unpaid_items_quarter: num(3, 2, "unpaid_items_quarter", 0),
    service_errors: num(4, 2, "service_errors", 0),
    pages_per_visit: num(8, 4, "pages_per_visit", 0),
    minutes_prev: num(13, 4, "minutes_prev", 0),
    minutes_current: num(13, 4, "minutes_current", 0),
    revenue_prev_prev: num(4800, 300, "revenue_prev_prev"),
    revenue_prev: revenuePrev,
    revenue_current: revenuePrev.map((v) => Number((v * 1.05 + 60 * rng.normal()).toFixed(1))),
    profit: num(4, 1, "profit", 2),
    target: pl.Series("target", target, pl.Int8),
  });
}

/** |a − b| within a relative tolerance. */
export function close(a: number, b: number, rel = 1e-12): boolean {
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
}
