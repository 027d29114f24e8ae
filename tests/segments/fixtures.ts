import pl from "nodejs-polars";
import type { Reason } from "../../src/explain/explanation.ts";
import type { SegmentInput } from "../../src/segments/input.ts";

/** One customer of a test frame; unset fields take neutral defaults. */
export interface Row {
  id: number;
  probability: number;
  profit: number;
  promo_share?: number;
  popular_category?: string;
  allow_messages?: string;
  service_type?: string;
  unpaid_items_quarter?: number;
  service_errors?: number;
  pages_per_visit?: number;
  minutes_prev?: number;
  minutes_current?: number;
  categories_per_visit?: number;
  marketing_6m?: number;
  marketing_current?: number;
  duration_days?: number;
  revenue_prev_prev?: number;
  revenue_prev?: number;
  revenue_current?: number;
  reasons?: Reason[];
}

const DEFAULTS = {
  promo_share: 0.2,
  popular_category: "Домашний текстиль",
  allow_messages: "да",
  service_type: "стандарт",
  unpaid_items_quarter: 2,
  service_errors: 4,
  pages_per_visit: 8,
  minutes_prev: 13,
  minutes_current: 13,
  categories_per_visit: 3,
  marketing_6m: 4,
  marketing_current: 4,
  duration_days: 600,
  revenue_prev_prev: 4800,
  revenue_prev: 5000,
  revenue_current: 5200,
};

/** A merged-frame-shaped input built from rows. */
export function inputOf(rows: Row[], threshold = 0.5): SegmentInput {
  const full = rows.map((r) => ({ ...DEFAULTS, ...r }));
  const columns: Record<string, unknown[]> = { id: full.map((r) => r.id) };
  for (const k of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) columns[k] = full.map((r) => r[k]);
  columns.profit = full.map((r) => r.profit);
  return {
    frame: pl.DataFrame(columns),
    probability: Float64Array.from(full, (r) => r.probability),
    threshold,
    reasons: full.map((r) => r.reasons ?? []),
  };
}

/** A reason with a label from the feature name. */
export const reason = (feature: string, label: string, phi: number): Reason => ({
  feature,
  label,
  phi,
  direction: phi >= 0 ? "up" : "down",
});

/** |a − b| within a relative tolerance (scipy comparisons). */
export function close(a: number, b: number, rel = 1e-9): boolean {
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) || Math.abs(a - b) < 1e-300;
}
