/**
 * Tiny hand-made raw tables for loader tests: a dozen customers written in any
 * export variant, easy to corrupt cell by cell. Never copies of the real files.
 */
import { join } from "node:path";
import { type TableName, TABLES } from "../../src/data/schema.ts";

/** Rows of cells per table, header first. */
export type Tables = Record<TableName, string[][]>;

/** How the files are written. */
export interface Variant {
  separator?: "," | ";";
  decimal?: "." | ",";
  eol?: "\n" | "\r\n";
  bom?: boolean;
}

const header = (t: TableName) => TABLES[t].columns.map((c) => c.header);

/**
 * Twelve customers (ids 1..12): customer 2 has no revenue two months ago
 * (inactive), customer 5 has a revenue outlier, customers 7 and 8 have
 * identical market_file records, customer 3 a misspelt service type.
 */
export function tinyTables(): Tables {
  const cats = ["Товары для детей", "Домашний текстиль", "Косметика и аксесуары", "Кухонная посуда"];
  const mf: string[][] = [header("market_file")];
  const mm: string[][] = [header("market_money")];
  const mt: string[][] = [header("market_time")];
  const money: string[][] = [header("money")];
  for (let id = 1; id <= 12; id++) {
    const twin = id === 8 ? 7 : id; // customer 8 copies customer 7's record
    mf.push([
      String(id),
      twin % 3 === 0 ? "Снизилась" : "Прежний уровень",
      id === 3 ? "стандартт" : twin % 4 === 0 ? "премиум" : "стандарт",
      twin % 2 === 0 ? "да" : "нет",
      (2 + twin / 4).toFixed(1),
      String(3 + (twin % 3)),
      String(100 + 37 * twin),
      (twin / 20).toFixed(2),
      cats[twin % cats.length]!,
      String(1 + (twin % 6)),
      String(twin % 5),
      String(twin % 7),
      String(1 + twin),
    ]);
    const revenue = [4000 + 50 * id, 4500 + 30 * id, 4800 + 40 * id];
    if (id === 2) revenue[0] = 0;
    if (id === 5) revenue[2] = 106862.2;
    ["препредыдущий_месяц", "текущий_месяц", "предыдущий_месяц"].forEach((p, i) => {
      const r = revenue[[0, 2, 1][i]!]!;
      mm.push([String(id), p, r.toFixed(1)]);
    });
    mt.push([String(id), "текущий_месяц", String(10 + (id % 5))]);
    mt.push([String(id), "предыдцщий_месяц", String(12 + (id % 4))]);
    money.push([String(id), (2 + id / 10).toFixed(2)]);
  }
  return { market_file: mf, market_money: mm, market_time: mt, money };
}

/** Writes rows as CSV text in a variant (decimal comma applies to numbers). */
export function toCsv(rows: string[][], v: Variant = {}): string {
  const sep = v.separator ?? ",";
  const eol = v.eol ?? "\n";
  const cell = (c: string) => {
    const out = v.decimal === "," && /^-?\d+\.\d+$/.test(c) ? c.replace(".", ",") : c;
    return out.includes(sep) ? `"${out}"` : out;
  };
  return (v.bom ? "\uFEFF" : "") + rows.map((r) => r.map(cell).join(sep)).join(eol) + eol;
}

/** Writes the tables (or raw texts) to a new temp directory and returns it. */
export async function writeTables(
  tables: Partial<Record<TableName, string[][] | string | Uint8Array>>,
  v: Variant = {},
): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "oneclick-test-" });
  for (const [name, content] of Object.entries(tables)) {
    const path = join(dir, TABLES[name as TableName].file);
    if (content instanceof Uint8Array) await Deno.writeFile(path, content);
    else await Deno.writeTextFile(path, typeof content === "string" ? content : toCsv(content, v));
  }
  return dir;
}

/** Sets one cell (row 0 is the header) and returns the tables. */
export function setCell(t: Tables, table: TableName, row: number, col: number, value: string): Tables {
  t[table][row]![col] = value;
  return t;
}
