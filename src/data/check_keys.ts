/**
 * Checks that keys fit together across the four tables — one row per customer
 * where there should be, each period exactly once, the same customers in every
 * table — and lines the tables up by customer for the merge.
 *
 * The usual case is proved cheaply on sorted columns (no hashing or joins, so
 * a million customers take a fraction of a second); only when that proof fails
 * do the slower checks run to say exactly what is wrong and where.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { ProblemLog } from "./errors.ts";
import { type ParsedTable, ROW } from "./read_table.ts";
import { idTexts } from "./customer_id.ts";
import type { TableName } from "./schema.ts";

/** Ids listed in one message before the rest are only counted. */
const IDS_LISTED = 10;

/**
 * The tables sorted by customer, row k of each describing the same customer;
 * per-period tables as one column per period, oldest first.
 */
export interface AlignedTables {
  market_file: pl.DataFrame;
  /** One column per period (named by the period), no id. */
  market_money: pl.DataFrame;
  market_time: pl.DataFrame;
  /** Absent when scoring an export without money.csv (profit is not a feature). */
  money?: pl.DataFrame;
}

/** The parsed tables; money.csv may be absent when scoring. */
export type ParsedTables = Omit<Record<TableName, ParsedTable>, "money"> & { money?: ParsedTable };

/** Runs the key checks; returns the aligned tables, or undefined after logging problems. */
export function checkKeys(tables: ParsedTables, log: ProblemLog): AlignedTables | undefined {
  const mf = tables.market_file.frame.sort("id");
  const money = tables.money?.frame.sort("id");
  const ids = mf.getColumn("id");
  const revenue = byPeriod(tables.market_money);
  const minutes = byPeriod(tables.market_time);
  const aligned = !hasRepeats(ids) && revenue !== undefined && minutes !== undefined &&
    [...(money ? [money.getColumn("id")] : []), revenue.ids, minutes.ids].every((s) => s.seriesEqual(ids));
  if (aligned) {
    return {
      market_file: mf,
      market_money: revenue.values,
      market_time: minutes.values,
      ...(money ? { money } : {}),
    };
  }

  uniqueIds(tables.market_file, log);
  if (tables.money) uniqueIds(tables.money, log);
  periods(tables.market_money, log);
  periods(tables.market_time, log);
  sameCustomers(Object.values(tables).filter((t) => t !== undefined), log);
  if (log.size === 0) throw new Error("key checks disagree: the fast check failed but no problem was found");
  return undefined;
}

function hasRepeats(sortedIds: pl.Series): boolean {
  const df = pl.DataFrame([sortedIds.alias("id")]);
  return df.select(pl.col("id").diff(1, "ignore").eq(0).any().alias("r")).getColumn("r").toArray()[0] === true;
}

/**
 * Sorted by (id, period), a complete table repeats the periods 0..P−1 with one
 * id per block of P rows; then every P-th value is one period's column.
 */
function byPeriod(t: ParsedTable): { ids: pl.Series; values: pl.DataFrame } | undefined {
  const all = periodValues(t);
  const p = all.length;
  const value = t.table.columns.at(-1)!.name;
  const sorted = t.frame
    .withColumns(pl.col("period").replaceStrict([...all], all.map((_, i) => i), pl.lit(null), pl.Int32).alias("pi"))
    .sort(["id", "pi"])
    .withRowIndex("r");
  if (sorted.height % p !== 0) return undefined;
  const slot = pl.col("r").modulo(p);
  const sameId = pl.col("id").eq(pl.col("id").shift(1)).fillNull(false);
  // row r holds period r mod P, and a new id starts exactly at each block start
  const complete = pl.col("pi").eq(slot).and(slot.eq(0).neq(sameId)).all().alias("ok");
  if (sorted.select(complete).getColumn("ok").toArray()[0] !== true) return undefined;
  const v = sorted.getColumn(value);
  return {
    ids: sorted.getColumn("id").gatherEvery(p),
    values: pl.DataFrame(all.map((name, k) => v.gatherEvery(p, k).alias(name))),
  };
}

/** A customer id must appear once in a one-row-per-customer table. */
function uniqueIds(t: ParsedTable, log: ProblemLog): void {
  const dups = t.frame.filter(pl.col("id").isDuplicated()).select(pl.col("id").cast(pl.Utf8), ROW).sort(ROW);
  const first = new Map<string, number>();
  for (const r of dups.toRecords()) {
    const id = String(r.id), line = t.lineOf(Number(r[ROW]));
    const seen = first.get(id);
    if (seen === undefined) {
      first.set(id, line);
      continue;
    }
    log.add({
      file: t.raw.path,
      line,
      column: "id",
      value: id,
      expected: `each customer id once (it is also on line ${seen})`,
    });
  }
}

/** Each customer has each of the table's periods exactly once. */
function periods(t: ParsedTable, log: ProblemLog): void {
  const all = periodValues(t);
  const repeated = t.frame.filter(pl.struct([pl.col("id"), pl.col("period")]).isDuplicated())
    .withColumns(pl.col("id").cast(pl.Utf8)).sort(ROW);
  const seen = new Set<string>();
  for (const r of repeated.toRecords()) {
    const key = `${r.id}|${r.period}`;
    if (!seen.has(key)) {
      seen.add(key);
      continue;
    }
    log.add({
      file: t.raw.path,
      line: t.lineOf(Number(r[ROW])),
      column: "Период",
      value: String(r.period),
      expected: `each period once per customer (customer ${r.id} has «${r.period}» again)`,
    });
  }
  const missing = t.frame.groupBy("id")
    .agg(pl.col("period").unique().alias("have"), pl.col(ROW).min().alias("first"))
    .filter(pl.col("have").lst.lengths().lt(all.length))
    .sort("first")
    .withColumns(pl.col("id").cast(pl.Utf8));
  for (const r of missing.head(log.room(t.raw.path)).toRecords()) {
    const have = new Set(r.have as unknown as string[]);
    const lacks = all.filter((p) => !have.has(p));
    log.add({
      file: t.raw.path,
      line: t.lineOf(Number(r.first)),
      column: "Период",
      value: String(r.id),
      expected: `rows for all periods of customer ${r.id} (missing ${lacks.map((p) => `«${p}»`).join(", ")})`,
    });
  }
}

function periodValues(t: ParsedTable): readonly string[] {
  const col = t.table.columns.find((c) => c.name === "period");
  return col?.type.kind === "category" ? col.type.values : [];
}

/** Every table must hold the same customers; list the ids that differ. */
function sameCustomers(tables: ParsedTable[], log: ProblemLog): void {
  const ids = tables.map((t) => t.frame.select("id").unique());
  const everyone = pl.concat(ids).unique();
  tables.forEach((t, i) => {
    const absent = everyone.join(ids[i]!, { on: "id", how: "anti" }).sort("id");
    if (absent.height === 0) return;
    const list = idTexts(absent.getColumn("id").head(IDS_LISTED)).join(", ");
    const more = absent.height > IDS_LISTED ? ` and ${absent.height - IDS_LISTED} more` : "";
    const holders = tables.filter((_, j) => j !== i).map((o) => o.raw.path.split("/").pop()).join(", ");
    log.add({
      file: t.raw.path,
      value: `${absent.height} customer id(s) missing: ${list}${more}`,
      expected: `the same customers as ${holders}`,
    });
  });
}
