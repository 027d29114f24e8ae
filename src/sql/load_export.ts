/**
 * An export as database tables, the way a store loads it: one table per CSV,
 * named as the file without `.csv`, columns named by the CSV's headers (in the
 * schema's spelling), ids as BIGINT, counts as BIGINT, amounts and shares as
 * float64, categories as text exactly as written (misspellings included: the
 * query fixes them). Each file is read with the loader's sniffing (encoding,
 * separator, decimal comma) and rewritten as a plain CSV (comma, decimal point,
 * UTF-8) that both DuckDB's and PostgreSQL's `COPY … FROM` read; the returned
 * statements create and fill the tables. The data should pass the loader's
 * validation first (`oneclick data`): this only moves it.
 *
 * @module
 */
import { join } from "node:path";
import { DataError } from "../data/errors.ts";
import { readRawFile } from "../data/raw_file.ts";
import { normalKey } from "../data/read_table.ts";
import { type RawColumn, TABLE_NAMES, type TableName, TABLES } from "../data/schema.ts";
import { type Dialect, ident, text } from "./dialect.ts";

/** One table ready to load: its columns and a normalised CSV. */
export interface TableFile {
  table: TableName;
  columns: readonly RawColumn[];
  /** The normalised CSV (header: the schema's headers). */
  path: string;
  rows: number;
}

/** Problems reported per file before giving up (the loader's validation is the place for a full list). */
const PROBLEM_ROOM = 20;

/** Splits one CSV record (RFC 4180 quotes, `""` inside quotes). */
function fields(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = "", quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') cur += '"', i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) out.push(cur), cur = "";
    else cur += ch;
  }
  out.push(cur);
  return out;
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/**
 * Rewrites the export in `dir` as one plain CSV per table in `outDir`.
 *
 * @example
 * ```ts
 * const files = await normaliseExport("../shared/data/one-click", await Deno.makeTempDir());
 * files.map((f) => f.table); // ["market_file", "market_money", "market_time", "money"]
 * ```
 */
export async function normaliseExport(dir: string, outDir: string): Promise<TableFile[]> {
  const out: TableFile[] = [];
  for (const name of TABLE_NAMES) {
    const t = TABLES[name];
    const path = join(dir, t.file);
    const raw = await readRawFile(path, PROBLEM_ROOM);
    if (Array.isArray(raw)) throw new DataError(raw);
    const keys = raw.header.map(normalKey);
    const columns = t.columns.filter((c) => keys.includes(normalKey(c.header)));
    const missing = t.columns.filter((c) => c.name !== "activity" && !columns.includes(c));
    if (missing.length) {
      throw new DataError([{
        file: path,
        line: 1,
        expected: `the column(s) ${missing.map((c) => `«${c.header}»`).join(", ")}`,
      }]);
    }
    const at = columns.map((c) => keys.indexOf(normalKey(c.header)));
    const lines = raw.body.toString("utf8").split(/\r?\n/).slice(1).filter((l) => l.trim() !== "");
    const cell = (c: RawColumn, v: string) => c.type.kind === "category" ? csvCell(v) : v.trim().replace(",", ".");
    const body = lines.map((l) => {
      const f = fields(l, raw.format.separator);
      return columns.map((c, i) => cell(c, f[at[i]!] ?? "")).join(",");
    });
    const file = join(outDir, `${name}.csv`);
    await Deno.writeTextFile(file, [columns.map((c) => csvCell(c.header)).join(","), ...body].join("\n") + "\n");
    out.push({ table: name, columns, path: file, rows: body.length });
  }
  return out;
}

/** A column's SQL type as a store's database would hold it. */
function sqlType(d: Dialect, c: RawColumn): string {
  switch (c.type.kind) {
    case "id":
    case "int":
      return "BIGINT";
    case "float":
      return d.double;
    case "category":
      return "VARCHAR";
  }
}

/**
 * Statements that (re)create and fill the tables from {@linkcode normaliseExport}'s
 * files: `DROP TABLE IF EXISTS`, `CREATE TABLE`, `COPY … FROM` (a server-side
 * file: a PostgreSQL server must be able to read it).
 *
 * @example
 * ```ts
 * import { dialectOf } from "./dialect.ts";
 * declare const files: TableFile[];
 * loadStatements(dialectOf("postgres")!, files).length; // 12
 * ```
 */
export function loadStatements(d: Dialect, files: readonly TableFile[]): string[] {
  return files.flatMap((f) => [
    `DROP TABLE IF EXISTS ${f.table}`,
    `CREATE TABLE ${f.table} (${f.columns.map((c) => `${ident(c.header)} ${sqlType(d, c)}`).join(", ")})`,
    `COPY ${f.table} FROM ${text(f.path)} (FORMAT csv, HEADER true)`,
  ]);
}
