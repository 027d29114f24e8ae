/**
 * Parses one raw table into a typed polars frame with English column names.
 * Every cell is read as text first, so all export variants (separator, decimal
 * comma, `0` or `0.0`, stray spaces) go through the same conversion and give
 * identical frames; every cell that does not convert becomes a located problem.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { ProblemLog } from "./errors.ts";
import { raggedLines, type RawFile, recordLines } from "./raw_file.ts";
import {
  type ColumnKind,
  MISSPELLINGS,
  NUMBER_LIMITS,
  type RawColumn,
  type RawTable,
  type TableName,
} from "./schema.ts";

/** A category value or misspelling corrected while loading, with its count. */
export interface Fix {
  table: TableName;
  column: string;
  from: string;
  to: string;
  count: number;
}

/** One table after parsing: typed frame plus what was done to it. */
export interface ParsedTable {
  table: RawTable;
  raw: RawFile;
  /** Typed columns named as in the schema, plus `_row` (0-based record). */
  frame: pl.DataFrame;
  fixes: Fix[];
  /** Empty lines skipped (exports sometimes end with several). */
  blankLines: number;
  /** 1-based file line of a 0-based record number. */
  lineOf: (record: number) => number;
}

/** Internal column with the 0-based record number, for error locations. */
export const ROW = "_row";

/** Normal form for matching headers and category values: case and spaces. */
export function normalKey(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, " ");
}

/**
 * Parses a raw file against its table schema. Problems go to `log`; returns
 * undefined when the file cannot be turned into a frame at all.
 */
export function parseTable(table: RawTable, raw: RawFile, log: ProblemLog): ParsedTable | undefined {
  const positions = matchHeader(table, raw, log);
  if (!positions) return undefined;
  let text: pl.DataFrame;
  try {
    text = pl.readCSV(raw.body, {
      sep: raw.format.separator,
      hasHeader: true,
      inferSchemaLength: 0, // every column as text: conversion is ours
      truncateRaggedLines: false,
      quoteChar: '"',
      rowIndexName: ROW,
    });
  } catch (e) {
    const ragged = raggedLines(raw, log.room(raw.path));
    if (ragged.length > 0) ragged.forEach((p) => log.add(p));
    else log.add({ file: raw.path, expected: `a well-formed CSV file (${(e as Error).message.split("\n")[0]})` });
    return undefined;
  }
  const lineOf = recordLines(raw);
  // Columns by position: polars keeps the raw header text, ours is trimmed.
  const source = table.columns.map((_, i) => text.columns[positions[i]! + 1]!);
  const blank = pl.allHorizontal(source.map((s) => pl.col(s).isNull()));
  const blankLines = Number(text.select(blank.sum().alias("n")).getColumn("n").get(0));
  if (blankLines > 0) text = text.filter(blank.not());
  if (text.height === 0) {
    log.add({ file: raw.path, line: 2, expected: "at least one data row (the file has only a header)" });
    return undefined;
  }

  const fixes: Fix[] = [];
  const conversions = table.columns.map((col, i) =>
    col.type.kind === "category"
      ? categoryColumn(table, col, col.type.values, text.getColumn(source[i]!), fixes)
      : numberColumn(source[i]!, col.type, false)
  );
  let frame = text.select(pl.col(ROW), ...conversions.map((c, i) => c.value.alias(table.columns[i]!.name)));
  // Plain casts fail on spaces, decimal commas and "5.0" in whole-number
  // columns: only such columns are converted again, leniently.
  const failed = frame.select(...table.columns.map((c) => pl.col(c.name).isNull().sum()));
  const lenient = table.columns.flatMap((col, i) =>
    col.type.kind !== "category" && Number(failed.getColumn(col.name).get(0)) > 0 ? [i] : []
  );
  for (const i of lenient) {
    conversions[i] = numberColumn(source[i]!, table.columns[i]!.type as NumberKind, true);
  }
  if (lenient.length > 0) {
    const redone = text.select(...lenient.map((i) => conversions[i]!.value.alias(table.columns[i]!.name)));
    frame = frame.withColumns(...redone.getColumns());
  }
  const bad = frame.select(
    ...conversions.map((c, i) => c.invalid(table.columns[i]!.name).sum().alias(table.columns[i]!.name)),
  );
  for (const [i, col] of table.columns.entries()) {
    const count = Number(bad.getColumn(col.name).get(0));
    if (count === 0) continue;
    const rows = frame.select(pl.col(ROW), conversions[i]!.invalid(col.name).alias("bad"))
      .withColumns(text.getColumn(source[i]!).alias("value"))
      .filter(pl.col("bad")).head(log.room(raw.path));
    for (const r of rows.toRecords()) {
      const value = r.value === null ? undefined : String(r.value);
      log.add({
        file: raw.path,
        line: lineOf(Number(r[ROW])),
        column: col.header,
        ...(value === undefined ? {} : { value }),
        expected: value === undefined || value.trim() === ""
          ? `a value (${describe(col.type)})`
          : describe(col.type, value),
      });
    }
    if (log.full(raw.path)) log.addOmitted(count - rows.height);
  }
  // Whole numbers checked above; a lenient conversion left them as floats.
  const ints = table.columns.filter((c) => c.type.kind === "int").map((c) => pl.col(c.name).cast(pl.Int64));
  return { table, raw, frame: frame.withColumns(...ints), fixes, blankLines, lineOf };
}

/** Maps schema columns to header positions; header problems go to the log. */
function matchHeader(table: RawTable, raw: RawFile, log: ProblemLog): number[] | undefined {
  const keys = raw.header.map(normalKey);
  const expectedList = table.columns.map((c) => `«${c.header}»`).join(", ");
  let ok = true;
  const positions = table.columns.map((c) => {
    const at = keys.indexOf(normalKey(c.header));
    if (at < 0) {
      ok = false;
      log.add({
        file: raw.path,
        line: 1,
        column: c.header,
        expected: `a column «${c.header}» (the header has ${raw.header.map((h) => `«${h}»`).join(", ")})`,
      });
    }
    return at;
  });
  raw.header.forEach((h, i) => {
    const known = table.columns.some((c) => normalKey(c.header) === keys[i]);
    if (!known || keys.indexOf(keys[i]!) !== i) {
      ok = false;
      log.add({
        file: raw.path,
        line: 1,
        column: h === "" ? `${i + 1}` : h,
        expected: known ? `each column once (it repeats)` : `only the columns ${expectedList}`,
      });
    }
  });
  return ok ? positions : undefined;
}

interface Converted {
  /** The typed value, from the text column. */
  value: pl.Expr;
  /** Whether the typed column `name` holds an invalid value. */
  invalid: (name: string) => pl.Expr;
}

/**
 * Text to number. The strict form is a plain cast (fast); the lenient form
 * trims and accepts a decimal comma. Both reject NaN/∞ and check the range and
 * the plausibility limit ({@linkcode NUMBER_LIMITS}): a count past Int64 fails
 * the strict cast and is caught here by the lenient one, as a float past 2^53.
 */
type NumberKind = Exclude<ColumnKind, { kind: "category" }>;

function numberColumn(src: string, type: NumberKind, lenient: boolean): Converted {
  const text = lenient ? pl.col(src).str.strip() : pl.col(src);
  if (type.kind === "id") return { value: text.cast(pl.Int64, false), invalid: (n) => pl.col(n).isNull() };
  const number = lenient ? text.str.replace(",", ".", true).cast(pl.Float64, false) : text.cast(pl.Float64, false);
  // Adding 0.0 turns -0 into 0, so "-0", "0" and "0.0" read the same.
  const value = type.kind === "int" && !lenient ? text.cast(pl.Int64, false) : number.add(0.0);
  const invalid = (n: string) => {
    const x = pl.col(n).cast(pl.Float64);
    let bad = x.isNull().or(x.isNan()).or(x.isInfinite());
    if (type.min !== undefined) bad = bad.or(x.lt(type.min));
    if (type.max !== undefined) bad = bad.or(x.gt(type.max));
    bad = bad.or(x.abs().gt(NUMBER_LIMITS[type.kind]));
    if (type.kind === "int") bad = bad.or(x.floor().neq(x));
    return bad.fillNull(true);
  };
  return { value, invalid };
}

/**
 * Maps each distinct raw value to its canonical spelling (exact, case or
 * whitespace variant, or known misspelling) and records each fix with its
 * count. Works on distinct values, so a million rows cost a handful of checks.
 */
function categoryColumn(
  table: RawTable,
  col: RawColumn,
  allowed: readonly string[],
  raw: pl.Series,
  fixes: Fix[],
): Converted {
  const byKey = new Map(allowed.map((v) => [normalKey(v), v]));
  const counts = raw.valueCounts().toRecords() as Record<string, unknown>[];
  const name = raw.name;
  const entries = counts
    .map((r) => ({ from: r[name] as string | null, count: Number(r.count) }))
    .sort((a, b) => String(a.from).localeCompare(String(b.from)));
  const from: string[] = [], to: string[] = [];
  for (const { from: v, count } of entries) {
    if (v === null) continue;
    const key = normalKey(v);
    const canonical = byKey.get(key) ?? byKey.get(normalKey(MISSPELLINGS[key] ?? ""));
    if (canonical === undefined) continue;
    from.push(v), to.push(canonical);
    if (v !== canonical) fixes.push({ table: table.name, column: col.name, from: v, to: canonical, count });
  }
  const value = from.length === 0
    ? pl.lit(null).cast(pl.Utf8)
    : pl.col(name).replaceStrict(from, to, pl.lit(null).cast(pl.Utf8), pl.Utf8);
  return { value, invalid: (n) => pl.col(n).isNull() };
}

/**
 * What a column accepts, in plain words, for error messages. Given the value
 * found, a number beyond the plausibility limit gets the limit and its reason.
 *
 * @example
 * ```ts
 * describe({ kind: "float", min: 0 }); // "a number ≥ 0"
 * describe({ kind: "float", min: 0 }, "1e308"); // "a number from 0 to 1e15 (larger amounts would overflow …)"
 * ```
 */
export function describe(type: ColumnKind, value?: string): string {
  switch (type.kind) {
    case "id":
      return "a whole-number customer id";
    case "category":
      return `one of ${type.values.map((v) => `«${v}»`).join(", ")}`;
    case "int":
    case "float": {
      const what = type.kind === "int" ? "a whole number" : "a number";
      const limit = NUMBER_LIMITS[type.kind];
      if (type.max === undefined && value !== undefined && beyondLimit(value, limit)) {
        const bound = (x: number) => type.kind === "float" ? x.toExponential().replace("e+", "e") : String(x);
        const why = type.kind === "int"
          ? "larger counts are not held exactly"
          : "larger amounts would overflow sums and variances";
        return `${what} from ${type.min ?? bound(-limit)} to ${bound(limit)} (${why})`;
      }
      if (type.min !== undefined && type.max !== undefined) return `${what} from ${type.min} to ${type.max}`;
      if (type.min !== undefined) return `${what} ≥ ${type.min}`;
      return what;
    }
  }
}

/** Whether a number as written (either decimal mark) is beyond ±limit; ∞ written as `1e400` is. */
function beyondLimit(value: string, limit: number): boolean {
  return Math.abs(Number(value.trim().replace(",", "."))) > limit;
}
