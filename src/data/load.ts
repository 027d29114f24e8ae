/**
 * The data stage end to end: read the four files, validate them, clean and
 * merge into one typed row per customer, and summarise data quality.
 *
 * @module
 */
import pl from "nodejs-polars";
import { join } from "node:path";
import { DEFAULT_PROBLEM_LIMIT, ProblemLog } from "./errors.ts";
import { type FileFormat, readRawFile } from "./raw_file.ts";
import { type Fix, type ParsedTable, parseTable } from "./read_table.ts";
import { checkKeys, type ParsedTables } from "./check_keys.ts";
import {
  cleanAndMerge,
  type Cleaned,
  type DuplicateReport,
  type Outlier,
  type RevenueRule,
  type StepReport,
} from "./clean.ts";
import { LABEL_DROPPED, LABEL_SAME, type RawTable, TABLE_NAMES, type TableName, TABLES } from "./schema.ts";
import { normalKey } from "./read_table.ts";
import { pathExists } from "../util/path_exists.ts";

/** Options for {@linkcode loadDataset}. */
export interface LoadOptions {
  /** Problems itemised per file before the rest are only counted. */
  problemLimit?: number;
  /** Called after each stage with its wall time, for benchmarks and progress. */
  onStage?: (stage: string, seconds: number) => void;
  /**
   * `"score"` reads exports of customers to score: the activity label and
   * money.csv may be absent (profit is not a feature), and outliers are judged
   * by `revenueRules` from training. Default `"train"`: everything required.
   */
  purpose?: "train" | "score";
  /** The training data's revenue rules (with `purpose: "score"`). */
  revenueRules?: readonly RevenueRule[];
}

type TableSummary = { file: string; rows: number; format: FileFormat; blankLines: number };

/** The data-quality summary written as `quality.json`. */
export interface QualitySummary {
  /** Per table read (money.csv may be absent when scoring). */
  tables: Omit<Record<TableName, TableSummary>, "money"> & { money?: TableSummary };
  fixes: Fix[];
  steps: StepReport[];
  outliers: Outlier[];
  /** The revenue-outlier rule per month (what a saved model applies when scoring). */
  revenueRules: RevenueRule[];
  /** Whether the export carried the activity label. */
  labelled: boolean;
  duplicates: DuplicateReport;
  /** Customers in the final frame. */
  customers: number;
  classBalance: Record<string, number>;
}

/** The clean, merged frame (one row per customer) and its quality summary. */
export interface Dataset {
  frame: pl.DataFrame;
  quality: QualitySummary;
}

/**
 * Loads the four raw tables from `dir`. Throws a `DataError` listing every
 * problem found (up to the limit per file) when the input is not usable.
 *
 * @example
 * ```ts
 * const { frame, quality } = await loadDataset("../shared/data/one-click");
 * quality.customers; // 1297
 * ```
 */
export async function loadDataset(dir: string, options: LoadOptions = {}): Promise<Dataset> {
  const log = new ProblemLog(options.problemLimit ?? DEFAULT_PROBLEM_LIMIT);
  const timed = async <T>(stage: string, f: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await f();
    options.onStage?.(stage, (performance.now() - t0) / 1000);
    return out;
  };

  // Table by table, so problems are listed in table order.
  const scoring = options.purpose === "score";
  const parsed: Partial<Record<TableName, ParsedTable>> = {};
  for (const name of TABLE_NAMES) {
    const path = join(dir, TABLES[name].file);
    if (scoring && name === "money" && !(await pathExists(path))) continue;
    const raw = await timed(`read ${name}`, () => readRawFile(path, log.room(path)));
    if (Array.isArray(raw)) raw.forEach((p) => log.add(p));
    else {
      const table = scoring ? withoutAbsentLabel(TABLES[name], raw.header) : TABLES[name];
      const t = await timed(`parse ${name}`, () => parseTable(table, raw, log));
      if (t) parsed[name] = t;
    }
  }
  log.throwIfAny();
  const tables = parsed as ParsedTables;
  const aligned = await timed("validate", () => checkKeys(tables, log));
  log.throwIfAny();
  const cleaned = await timed(
    "clean_merge",
    () => cleanAndMerge(aligned!, options.revenueRules ? { revenueRules: options.revenueRules } : {}),
  );
  return { frame: cleaned.frame, quality: summarise(tables, cleaned) };
}

/** Customers to score have no label yet: their export may lack that column. */
function withoutAbsentLabel(table: RawTable, header: readonly string[]): RawTable {
  const label = table.columns.find((c) => c.name === "activity");
  if (!label || header.some((h) => normalKey(h) === normalKey(label.header))) return table;
  return { ...table, columns: table.columns.filter((c) => c !== label) };
}

function summarise(tables: ParsedTables, cleaned: Cleaned): QualitySummary {
  const labelled = cleaned.frame.columns.includes("activity");
  const classBalance: Record<string, number> = { [LABEL_DROPPED]: 0, [LABEL_SAME]: 0 };
  if (labelled) {
    for (const r of cleaned.frame.groupBy("activity").len().toRecords()) {
      classBalance[String(r.activity)] = Number(r.len);
    }
  }
  const present = TABLE_NAMES.flatMap((n) => tables[n] ? [[n, tables[n]] as const] : []);
  return {
    tables: Object.fromEntries(present.map(([n, t]) => [n, {
      file: TABLES[n].file,
      rows: t.frame.height,
      format: t.raw.format,
      blankLines: t.blankLines,
    }])) as QualitySummary["tables"],
    fixes: present.flatMap(([, t]) => t.fixes),
    steps: cleaned.steps,
    outliers: cleaned.outliers,
    revenueRules: cleaned.revenueRules,
    labelled,
    duplicates: cleaned.duplicates,
    customers: cleaned.frame.height,
    classBalance,
  };
}
