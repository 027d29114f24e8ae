/**
 * Revenue and minutes on the site month by month, by class: does the drop in
 * activity show in the money and the time before the label says so?
 *
 * @module
 */
import { MINUTES_COLUMNS, REVENUE_COLUMNS } from "../data/clean.ts";
import { FEATURES } from "../data/labels.ts";
import { MINUTES_PERIODS, REVENUE_PERIODS } from "../data/schema.ts";
import { type ByClass, splitNumbersByClass } from "./classes.ts";
import { type Describe, describe } from "./describe.ts";

/** One measure in one period, by class. */
export interface PeriodSummary {
  measure: "revenue" | "minutes";
  /** Russian name of the measure, e.g. «Выручка». */
  measureLabel: string;
  /** The store's period name, e.g. "предыдущий_месяц". */
  period: string;
  /** Russian display name of the period, e.g. «предыдущий месяц». */
  periodLabel: string;
  /** Column of the merged frame. */
  column: string;
  byClass: ByClass<Describe>;
}

/** The per-period columns of the merged frame, oldest period first. */
export const PERIOD_COLUMNS: readonly { measure: "revenue" | "minutes"; column: string; period: string }[] = [
  ...REVENUE_COLUMNS.map((column, i) => ({ measure: "revenue" as const, column, period: REVENUE_PERIODS[i]! })),
  ...MINUTES_COLUMNS.map((column, i) => ({ measure: "minutes" as const, column, period: MINUTES_PERIODS[i]! })),
];

/**
 * Summaries by class of every per-period column, oldest period first within
 * each measure.
 *
 * @param column reads a numeric column of the merged frame
 * @param y the 0/1 target
 * @example
 * ```ts
 * import type pl from "nodejs-polars";
 * import { numericColumn, targetOf } from "./classes.ts";
 * import { periodSummaries } from "./periods.ts";
 * declare const frame: pl.DataFrame;
 * periodSummaries((c) => numericColumn(frame, c), targetOf(frame))
 *   .map((p) => [p.measure, p.period, p.byClass.dropped.mean]);
 * ```
 */
export function periodSummaries(column: (name: string) => ArrayLike<number>, y: Uint8Array): PeriodSummary[] {
  return PERIOD_COLUMNS.map(({ measure, column: name, period }) => {
    const parts = splitNumbersByClass(column(name), y);
    return {
      measure,
      measureLabel: measureLabel(name),
      period,
      periodLabel: period.replaceAll("_", " "),
      column: name,
      byClass: { dropped: describe(parts.dropped), same: describe(parts.same) },
    };
  });
}

/** «Выручка» from «Выручка, предыдущий месяц»: the feature label names the measure before the period. */
function measureLabel(column: string): string {
  const label = FEATURES[column]?.label ?? column;
  return label.split(",")[0]!.trim();
}
