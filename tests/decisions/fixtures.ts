import pl from "nodejs-polars";
import { DEFAULT_CONFIG, parseRunConfig, type RunConfig } from "../../src/config/run_config.ts";
import { LABEL_DROPPED, LABEL_SAME } from "../../src/data/schema.ts";
import type { SegmentInput } from "../../src/segments/input.ts";
import { Rng, seedKey } from "../../src/util/random.ts";
import { inputOf, reason, type Row } from "../segments/fixtures.ts";

const CATEGORIES = ["Товары для детей", "Домашний текстиль", "Косметика и аксессуары", "Кухонная посуда"];

/** A row with its observed label. */
export type LabelledRow = Row & { dropped: boolean };

/** An input whose frame carries the observed label (`activity`). */
export function labelledInput(rows: LabelledRow[], threshold = 0.5): SegmentInput {
  const input = inputOf(rows, threshold);
  const activity = pl.Series("activity", rows.map((r) => r.dropped ? LABEL_DROPPED : LABEL_SAME));
  return { ...input, frame: input.frame.withColumn(activity) };
}

/**
 * `n` seeded customers: dropped customers mostly high-risk, a third without
 * consent, reasons from unpaid items, service errors and pages per visit.
 */
export function syntheticRows(n: number, seed: number): LabelledRow[] {
  const rng = new Rng().reset(seedKey(seed));
  return Array.from({ length: n }, (_, i) => {
    const unpaid = Math.floor(rng.next() * 6), pages = 2 + Math.floor(rng.next() * 15);
    const errors = Math.floor(rng.next() * 9);
    const probability = Math.min(0.99, Math.max(0.01, 0.25 + 0.08 * unpaid - 0.03 * pages + 0.25 * rng.normal()));
    const dropped = rng.next() < probability;
    return {
      id: 5000 + i,
      dropped,
      probability,
      profit: Math.round((1 + 6 * rng.next()) * 100) / 100,
      promo_share: rng.next() < 0.8 ? 0.1 + 0.3 * rng.next() : 0.9 + 0.09 * rng.next(),
      popular_category: CATEGORIES[Math.floor(rng.next() * CATEGORIES.length)]!,
      allow_messages: rng.next() < 0.3 ? "нет" : "да",
      unpaid_items_quarter: unpaid,
      pages_per_visit: pages,
      service_errors: errors,
      reasons: [
        reason("unpaid_items_quarter", "Неоплаченные товары за квартал", 0.01 * unpaid - 0.02),
        reason("service_errors", "Ошибки сервиса", 0.01 * errors - 0.04),
        reason("pages_per_visit", "Страниц за визит", 0.05 - 0.005 * pages),
      ],
    };
  });
}

/** The defaults with other values where given. */
export function configWith(input: unknown): RunConfig {
  const r = parseRunConfig(input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

export { DEFAULT_CONFIG };
