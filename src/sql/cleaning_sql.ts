/**
 * The loader's cleaning as SQL over the store's four tables, loaded as
 * exported (tables `market_file`, `market_money`, `market_time`, `money` with
 * the CSVs' own column names): category values normalised as the loader does
 * (trimmed, whitespace collapsed, any case, the known misspellings), one row
 * per customer (revenue and minutes per month side by side), the
 * inactive-customer rule (revenue 0 in a month: no score) and the training
 * data's revenue-outlier rule from model.json (never refitted on the batch).
 * With `label`, market_file's label column (normalised as the other
 * categories) is kept as `activity`, for the action segment.
 *
 * @module
 */
import type { RevenueRule } from "../data/clean.ts";
import { MINUTES_COLUMNS, REVENUE_COLUMNS } from "../data/clean.ts";
import { MINUTES_PERIODS, MISSPELLINGS, type RawColumn, REVENUE_PERIODS, TABLES } from "../data/schema.ts";
import type { Cte } from "./cte.ts";
import { type Dialect, ident, text } from "./dialect.ts";

/** Names of the CTEs other steps read. */
export const CLEANING_CTES = {
  /** Every customer of market_file with revenue and minutes per month and `inactive` (1 or 0). */
  customers: "customers",
  /** Active customers, revenue outliers replaced, `replaced_months` counted. */
  cleaned: "cleaned",
  /** `id, profit` from money. */
  profit: "profit",
} as const;

/** Columns of the `cleaned` CTE besides the id: the merged frame's feature columns. */
export const CLEANED_COLUMNS: readonly string[] = [
  ...TABLES.market_file.columns.filter((c) => c.name !== "id" && c.name !== "activity").map((c) => c.name),
  ...REVENUE_COLUMNS,
  ...MINUTES_COLUMNS,
];

/**
 * A category column normalised as the loader reads it: the canonical value
 * whose normal form (trimmed, lower case, single spaces) or known misspelling
 * matches; anything else is kept as written (the model then treats it as an
 * unknown category).
 */
function canonical(d: Dialect, column: string, allowed: readonly string[]): string {
  const key = `lower(trim(${d.collapseSpaces(column)}))`;
  const normal = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");
  const pairs = new Map<string, string>(allowed.map((v) => [normal(v), v]));
  for (const [wrong, right] of Object.entries(MISSPELLINGS)) if (allowed.includes(right)) pairs.set(wrong, right);
  const whens = [...pairs].map(([k, v]) => `WHEN ${text(k)} THEN ${text(v)}`).join(" ");
  // Values already canonical (nearly all) skip the regular expression: 1 M customers, 8 values each.
  return `CASE WHEN ${column} IN (${allowed.map(text).join(", ")}) THEN ${column} ELSE CASE ${key} ${whens} ` +
    `ELSE ${column} END END`;
}

/** A raw column read as the loader types it: categories normalised, numbers as float64. */
function readColumn(d: Dialect, c: RawColumn): string {
  const raw = ident(c.header);
  if (c.type.kind === "category") return `${canonical(d, raw, c.type.values)} AS ${c.name}`;
  if (c.type.kind === "id") return `${raw} AS id`;
  return `CAST(${raw} AS ${d.double}) AS ${c.name}`;
}

/** The month columns of a per-period table, side by side (one row per customer). */
function pivot(
  d: Dialect,
  table: "market_money" | "market_time",
  periods: readonly string[],
  columns: readonly string[],
): string {
  const t = TABLES[table];
  const [, period, value] = t.columns as [RawColumn, RawColumn, RawColumn];
  if (period.type.kind !== "category") throw new Error(`${table}: the period column is a category`);
  const periodKey = canonical(d, ident(period.header), period.type.values);
  const months = periods.map((p, i) => `MAX(CASE WHEN period_name = ${text(p)} THEN amount END) AS ${columns[i]}`);
  return `SELECT id,\n  ${months.join(",\n  ")}\nFROM (\n  SELECT ${
    ident("id")
  } AS id, ${periodKey} AS period_name,\n` +
    `    CAST(${ident(value.header)} AS ${d.double}) AS amount\n  FROM ${table}\n) AS months\nGROUP BY id`;
}

/**
 * The cleaning CTEs: `market_file_clean`, `revenue`, `minutes`, `customers`,
 * `cleaned`, `profit`.
 *
 * @param d the dialect
 * @param rules the training data's revenue-outlier rules (model.json's `cleaning.revenueRules`)
 * @param label also read market_file's label column (as `activity`; the table must have it)
 * @returns CTEs in dependency order
 *
 * @example
 * ```ts
 * import { dialectOf } from "./dialect.ts";
 * cleaningCtes(dialectOf("duckdb")!, []).map((c) => c.name);
 * // ["market_file_clean", "revenue", "minutes", "customers", "cleaned", "profit"]
 * ```
 */
export function cleaningCtes(d: Dialect, rules: readonly RevenueRule[], label = false): Cte[] {
  const mf = TABLES.market_file.columns.filter((c) => label || c.name !== "activity");
  const zero = REVENUE_COLUMNS.map((c) => `r.${c} = 0`).join(" OR ");
  const rule = new Map(rules.map((r) => [r.column as string, r]));
  const isOut = (r: RevenueRule) => `${r.column} < ${d.num(r.bounds[0])} OR ${r.column} > ${d.num(r.bounds[1])}`;
  const revenue = REVENUE_COLUMNS.map((c) => {
    const r = rule.get(c);
    return r ? `CASE WHEN ${isOut(r)} THEN ${d.num(r.replacement)} ELSE ${c} END AS ${c}` : c;
  });
  const replaced = rules.length === 0 ? "0" : rules.map((r) => `CASE WHEN ${isOut(r)} THEN 1 ELSE 0 END`).join(" + ");
  const others = CLEANED_COLUMNS.filter((c) => !(REVENUE_COLUMNS as readonly string[]).includes(c));
  const money = TABLES.money.columns[1]!;
  return [
    {
      name: "market_file_clean",
      comment: "market_file with category values normalised (case, spaces, known misspellings) and numbers as float64",
      query: `SELECT ${mf.map((c) => readColumn(d, c)).join(",\n  ")}\nFROM market_file`,
    },
    {
      name: "revenue",
      comment: "market_money: one row per customer, revenue per month",
      query: pivot(d, "market_money", REVENUE_PERIODS, REVENUE_COLUMNS),
    },
    {
      name: "minutes",
      comment: "market_time: one row per customer, minutes per month",
      query: pivot(d, "market_time", MINUTES_PERIODS, MINUTES_COLUMNS),
    },
    {
      name: CLEANING_CTES.customers,
      comment: "one row per customer; inactive = revenue 0 in at least one of the three months (not scored)",
      query:
        `SELECT f.*, ${REVENUE_COLUMNS.map((c) => `r.${c}`).join(", ")}, ${
          MINUTES_COLUMNS.map((c) => `m.${c}`).join(", ")
        },\n  CASE WHEN ${zero} THEN 1 ELSE 0 END AS inactive\n` +
        `FROM market_file_clean f\nJOIN revenue r ON r.id = f.id\nJOIN minutes m ON m.id = f.id`,
    },
    {
      name: CLEANING_CTES.cleaned,
      comment: "active customers; a revenue beyond the training month's outlier bounds becomes its median",
      query: `SELECT id, ${others.join(", ")},\n  ${revenue.join(",\n  ")},\n  ${replaced} AS replaced_months\n` +
        `FROM ${CLEANING_CTES.customers}\nWHERE inactive = 0`,
    },
    {
      name: CLEANING_CTES.profit,
      comment: "money: monthly profit",
      query: `SELECT ${ident("id")} AS id, CAST(${ident(money.header)} AS ${d.double}) AS profit\nFROM money`,
    },
  ];
}
