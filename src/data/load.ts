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
import { checkKeys } from "./check_keys.ts";
import { cleanAndMerge, type Cleaned, type DuplicateReport, type Outlier, type StepReport } from "./clean.ts";
import { LABEL_DROPPED, LABEL_SAME, TABLE_NAMES, type TableName, TABLES } from "./schema.ts";

/** Options for {@linkcode loadDataset}. */
export interface LoadOptions {
  /** Problems itemised per file before the rest are only counted. */
  problemLimit?: number;
  /** Called after each stage with its wall time, for benchmarks and progress. */
  onStage?: (stage: string, seconds: number) => void;
}

/** The data-quality summary written as `quality.json`. */
export interface QualitySummary {
  tables: Record<TableName, { file: string; rows: number; format: FileFormat; blankLines: number }>;
  fixes: Fix[];
  steps: StepReport[];
  outliers: Outlier[];
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
  const parsed: (ParsedTable | undefined)[] = [];
  for (const name of TABLE_NAMES) {
    const path = join(dir, TABLES[name].file);
    const raw = await timed(`read ${name}`, () => readRawFile(path, log.room(path)));
    if (Array.isArray(raw)) {
      raw.forEach((p) => log.add(p));
      parsed.push(undefined);
    } else parsed.push(await timed(`parse ${name}`, () => parseTable(TABLES[name], raw, log)));
  }
  log.throwIfAny();
  const tables = Object.fromEntries(TABLE_NAMES.map((n, i) => [n, parsed[i]!])) as Record<TableName, ParsedTable>;
  const aligned = await timed("validate", () => checkKeys(tables, log));
  log.throwIfAny();
  const cleaned = await timed("clean_merge", () => cleanAndMerge(aligned!));
  return { frame: cleaned.frame, quality: summarise(tables, cleaned) };
}

function summarise(tables: Record<TableName, ParsedTable>, cleaned: Cleaned): QualitySummary {
  const counts = cleaned.frame.groupBy("activity").len().toRecords();
  const classBalance: Record<string, number> = { [LABEL_DROPPED]: 0, [LABEL_SAME]: 0 };
  for (const r of counts) classBalance[String(r.activity)] = Number(r.len);
  return {
    tables: Object.fromEntries(TABLE_NAMES.map((n) => {
      const t = tables[n];
      return [n, { file: TABLES[n].file, rows: t.frame.height, format: t.raw.format, blankLines: t.blankLines }];
    })) as QualitySummary["tables"],
    fixes: TABLE_NAMES.flatMap((n) => tables[n].fixes),
    steps: cleaned.steps,
    outliers: cleaned.outliers,
    duplicates: cleaned.duplicates,
    customers: cleaned.frame.height,
    classBalance,
  };
}
