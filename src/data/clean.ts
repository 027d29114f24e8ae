/**
 * Turns the four validated tables into one row per customer and applies the
 * cleaning rules, each a named step that reports what it changed.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { AlignedTables } from "./check_keys.ts";
import { type CustomerId, idTexts } from "./customer_id.ts";
import { LABEL_DROPPED, REVENUE_PERIODS, TABLES } from "./schema.ts";

/** Wide column names for the per-period tables, oldest period first. */
export const REVENUE_COLUMNS = ["revenue_prev_prev", "revenue_prev", "revenue_current"] as const;
export const MINUTES_COLUMNS = ["minutes_prev", "minutes_current"] as const;

/**
 * Robust z-score above which a revenue is a data-entry error: |x − median| /
 * (1.4826 · MAD) within its period. 10 is far beyond any plausible spread (a
 * normal sample essentially never reaches it) yet an extra digit exceeds it by
 * far (the real outlier scores ≈ 131; the next largest value ≈ 3.4).
 */
export const OUTLIER_Z = 10;

/** Scale that makes the MAD estimate σ for normal data. */
const MAD_TO_SIGMA = 1.4826;

/** A revenue value replaced as an outlier. */
export interface Outlier {
  id: CustomerId;
  period: string;
  value: number;
  /** The robust z-score of the value. */
  score: number;
  /** Values beyond this (either side) were outliers in that period. */
  bounds: [number, number];
  replacedWith: number;
}

/** The result of a cleaning step, for the data-quality summary. */
export interface StepReport {
  step: string;
  rule: string;
  /** Customers (or values) the step touched. */
  count: number;
  ids: CustomerId[];
}

/** Groups of customers whose records are identical except for the id. */
export interface DuplicateReport {
  /** Groups of market_file records identical except for the id. */
  groups: number;
  customers: number;
  /** Of those groups, how many are identical across all four tables too. */
  identicalEverywhere: number;
  /** Groups whose members disagree on the target. */
  conflictingTarget: number;
  members: CustomerId[][];
}

/**
 * The outlier rule of one revenue month as fitted on the training data. A
 * saved model carries these, so scoring judges each customer by the training
 * months' statistics, never by whoever else is in the batch.
 */
export interface RevenueRule {
  column: (typeof REVENUE_COLUMNS)[number];
  period: string;
  median: number;
  /** 1.4826·MAD: the robust standard deviation. */
  scale: number;
  /** Values beyond these (either side) are outliers. */
  bounds: [number, number];
  /** What an outlier is replaced with: the median of the month's other values. */
  replacement: number;
}

/** Options for {@linkcode cleanAndMerge}. */
export interface CleanOptions {
  /**
   * Revenue rules fitted on training data (scoring); without them the rules
   * are fitted on these tables (training).
   */
  revenueRules?: readonly RevenueRule[];
}

/** Merged, cleaned customers and what cleaning did. */
export interface Cleaned {
  frame: pl.DataFrame;
  steps: StepReport[];
  outliers: Outlier[];
  /** The rules the outlier step applied (fitted here, or given). */
  revenueRules: RevenueRule[];
  duplicates: DuplicateReport;
}

/**
 * What "identical record" compares: market_file's columns but the id and the
 * target, so records that differ only in their label are grouped (and kept on
 * one side of a split) too.
 */
const RECORD_COLUMNS = TABLES.market_file.columns.map((c) => c.name).filter((n) => n !== "id" && n !== "activity");

/**
 * Merges the tables, then runs the cleaning steps in order. The result's `id`
 * and `dup_group` are exact id texts (see `customer_id.ts`), rows sorted by id.
 */
export function cleanAndMerge(tables: AlignedTables, options: CleanOptions = {}): Cleaned {
  let frame = merge(tables);
  const steps: StepReport[] = [];

  const zero = pl.anyHorizontal(REVENUE_COLUMNS.map((c) => pl.col(c).eq(0)));
  const inactive = idTexts(frame.filter(zero).getColumn("id").sort());
  frame = frame.filter(zero.not());
  steps.push({
    step: "inactive_customers",
    rule: "removed: revenue 0 in at least one of the three months (not active for three months)",
    count: inactive.length,
    ids: inactive,
  });

  const revenueRules = options.revenueRules ? [...options.revenueRules] : fitRevenueRules(frame);
  const fixed = replaceOutliers(frame, revenueRules);
  frame = fixed.frame;
  steps.push({
    step: "revenue_outliers",
    rule: `revenue with robust z-score |x − median| / (${MAD_TO_SIGMA}·MAD) > ${OUTLIER_Z} within its month ` +
      `replaced by that month's median${options.revenueRules ? " (medians and MADs of the training data)" : ""}`,
    count: fixed.outliers.length,
    ids: fixed.outliers.map((o) => o.id),
  });

  const dup = duplicateGroups(frame, RECORD_COLUMNS.filter((c) => frame.columns.includes(c)));
  frame = dup.frame.withColumns(pl.col("id").cast(pl.Utf8), pl.col("dup_group").cast(pl.Utf8));
  steps.push({
    step: "duplicate_records",
    rule: "market_file records identical except the id share a dup_group key (kept, split together)",
    count: dup.report.customers,
    ids: dup.report.members.flat(),
  });
  return { frame, steps, outliers: fixed.outliers, revenueRules, duplicates: dup.report };
}

/**
 * One row per customer: market_file + revenue ×3 + minutes ×2 + profit (when
 * money.csv is there) + target (when the label is).
 */
function merge(tables: AlignedTables): pl.DataFrame {
  // The tables are aligned row by row (see checkKeys), so columns are stacked, not joined.
  const rename = (df: pl.DataFrame, names: readonly string[]) => df.getColumns().map((s, i) => s.alias(names[i]!));
  const columns: pl.Series[] = [
    ...rename(tables.market_money, REVENUE_COLUMNS),
    ...rename(tables.market_time, MINUTES_COLUMNS),
    ...(tables.money ? [tables.money.getColumn("profit")] : []),
  ];
  const frame = tables.market_file.drop("_row").hstack(pl.DataFrame(columns));
  if (!frame.columns.includes("activity")) return frame;
  return frame.withColumns(pl.col("activity").eq(pl.lit(LABEL_DROPPED)).cast(pl.Int8).alias("target"));
}

/** The robust z rule per month, fitted on `frame`; constant months get none. */
function fitRevenueRules(frame: pl.DataFrame): RevenueRule[] {
  return REVENUE_COLUMNS.flatMap((column, i): RevenueRule[] => {
    const values = frame.getColumn(column);
    const median = values.median();
    const scale = values.sub(median).abs().median() * MAD_TO_SIGMA;
    if (!(scale > 0)) return []; // constant month: nothing can stand out
    const bounds: [number, number] = [median - OUTLIER_Z * scale, median + OUTLIER_Z * scale];
    const inside = frame.filter(pl.col(column).gtEq(bounds[0]).and(pl.col(column).ltEq(bounds[1])));
    const replacement = inside.height > 0 ? inside.getColumn(column).median() : median;
    return [{ column, period: REVENUE_PERIODS[i]!, median, scale, bounds, replacement }];
  });
}

/** Replaces revenues outside their month's bounds with the rule's replacement. */
function replaceOutliers(frame: pl.DataFrame, rules: readonly RevenueRule[]) {
  const outliers: Outlier[] = [];
  const fixes: pl.Expr[] = [];
  for (const { column: c, period, median, scale, bounds, replacement } of rules) {
    const isOut = pl.col(c).lt(bounds[0]).or(pl.col(c).gt(bounds[1]));
    const hits = frame.filter(isOut).select(pl.col("id").cast(pl.Utf8), c);
    if (hits.height === 0) continue;
    for (const r of hits.toRecords()) {
      const value = Number(r[c]);
      outliers.push({
        id: String(r.id),
        period,
        value,
        score: Math.abs(value - median) / scale,
        bounds,
        replacedWith: replacement,
      });
    }
    fixes.push(pl.when(isOut).then(pl.lit(replacement)).otherwise(pl.col(c)).alias(c));
  }
  return { frame: fixes.length ? frame.withColumns(...fixes) : frame, outliers };
}

/**
 * Adds `dup_group` (the smallest id of each group of identical records). A
 * row hash narrows the search to candidate rows; grouping on the real values
 * then decides, so a hash collision cannot merge different records.
 */
function duplicateGroups(frame: pl.DataFrame, recordColumns: string[]) {
  const hash = frame.select(...recordColumns).hashRows(42, 7, 1, 3);
  const candidate = hash.isDuplicated();
  const [first, ...rest] = recordColumns;
  const groupOf = frame.filter(candidate)
    .select(pl.col("id"), pl.col("id").min().over(first!, ...rest).alias("dup_group"));
  const keyed = frame.join(groupOf, { on: "id", how: "left" })
    .withColumns(pl.col("dup_group").fillNull(pl.col("id")));
  const everything = frame.columns.filter((c) => c !== "id");
  const groups = keyed.filter(pl.col("dup_group").count().over("dup_group").gt(1))
    .groupBy("dup_group")
    .agg(
      pl.col("id").sort().cast(pl.Utf8).alias("members"),
      pl.struct(everything.map((c) => pl.col(c))).nUnique().eq(1).alias("same_everywhere"),
      (frame.columns.includes("target") ? pl.col("target").nUnique().gt(1) : pl.lit(false)).alias("conflict"),
    )
    .sort("dup_group");
  const members = (groups.getColumn("members").toArray() as unknown as ArrayLike<string>[]).map((m) =>
    Array.from(m, String)
  );
  const countTrue = (c: string) => (groups.getColumn(c).toArray() as boolean[]).filter(Boolean).length;
  return {
    frame: keyed,
    report: {
      groups: groups.height,
      customers: members.reduce((n, m) => n + m.length, 0),
      identicalEverywhere: countTrue("same_everywhere"),
      conflictingTarget: countTrue("conflict"),
      members,
    } satisfies DuplicateReport,
  };
}
