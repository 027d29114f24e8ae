import assert from "node:assert/strict";
import { loadDataset } from "../../src/data/load.ts";
import { type Tables, tinyTables, toCsv, type Variant, writeTables } from "./fixtures.ts";
import type { TableName } from "../../src/data/schema.ts";

const VARIANTS: Variant[] = [
  {},
  { separator: ";", decimal: "," },
  { separator: ",", decimal: "," }, // quoted decimal commas
  { eol: "\r\n" },
  { bom: true },
  { separator: ";", decimal: ",", eol: "\r\n", bom: true },
];

async function frameOf(t: Tables, v: Variant | Partial<Record<TableName, Variant>>) {
  const perFile = "market_file" in v || "money" in v ? v as Partial<Record<TableName, Variant>> : undefined;
  const texts = Object.fromEntries(
    Object.entries(t).map(([n, rows]) => [n, toCsv(rows, perFile ? perFile[n as TableName] ?? {} : v as Variant)]),
  );
  const { frame, quality } = await loadDataset(await writeTables(texts));
  return { records: frame.toRecords(), fixes: quality.fixes, customers: quality.customers };
}

Deno.test("every export variant of the same data gives identical frames", async () => {
  const expected = await frameOf(tinyTables(), {});
  for (const v of VARIANTS) {
    assert.deepEqual(await frameOf(tinyTables(), v), expected, JSON.stringify(v));
  }
});

Deno.test("files of one data set may each use their own variant (like the store's export)", async () => {
  const expected = await frameOf(tinyTables(), {});
  const mixed = { market_file: { eol: "\r\n" }, money: { separator: ";", decimal: "," } } as const;
  assert.deepEqual(await frameOf(tinyTables(), mixed), expected);
});

Deno.test("`0` and `0.0`, `5` and `5.0` and stray spaces read the same", async () => {
  const expected = await frameOf(tinyTables(), {});
  const t = tinyTables();
  t.market_money = t.market_money.map((r, i) => i === 0 ? r : [r[0]!, r[1]!, r[2] === "0.0" ? "0" : ` ${r[2]} `]);
  t.market_file = t.market_file.map((r, i) => i === 0 ? r : r.map((c, j) => j === 5 ? `${c}.0` : c));
  t.money = t.money.map((r, i) => i === 0 ? r : [r[0]!, r[1]!.replace(/\.?0+$/, "")]);
  assert.deepEqual(await frameOf(t, {}), expected);
});

Deno.test("the detected format of each file is reported", async () => {
  const t = tinyTables();
  const dir = await writeTables({
    market_file: toCsv(t.market_file, { eol: "\r\n", bom: true }),
    market_money: toCsv(t.market_money),
    market_time: toCsv(t.market_time),
    money: toCsv(t.money, { separator: ";", decimal: "," }),
  });
  const { quality } = await loadDataset(dir);
  assert.deepEqual(quality.tables.market_file.format, {
    separator: ",",
    decimal: ".",
    lineEnding: "CRLF",
    bom: true,
    encoding: "utf-8",
  });
  assert.deepEqual(quality.tables.money!.format, {
    separator: ";",
    decimal: ",",
    lineEnding: "LF",
    bom: false,
    encoding: "utf-8",
  });
});
