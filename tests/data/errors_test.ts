import assert from "node:assert/strict";
import { join } from "node:path";
import { DataError, type Problem } from "../../src/data/errors.ts";
import { loadDataset } from "../../src/data/load.ts";
import { setCell, type Tables, tinyTables, toCsv, writeTables } from "./fixtures.ts";

/** Loads and returns the DataError's problems (fails if it loads or throws anything else). */
async function problemsOf(dir: string, limit?: number): Promise<{ problems: readonly Problem[]; error: DataError }> {
  try {
    await loadDataset(dir, limit === undefined ? {} : { problemLimit: limit });
  } catch (e) {
    assert.ok(e instanceof DataError, `expected a DataError, got ${e}`);
    return { problems: e.problems, error: e };
  }
  assert.fail("expected the load to fail");
}

const file = (dir: string, name: string) => join(dir, name);
const only = async (t: Tables) => {
  const dir = await writeTables(t);
  return { dir, ...(await problemsOf(dir)) };
};

Deno.test("missing file: names the file", async () => {
  const t = tinyTables();
  const dir = await writeTables({ market_file: t.market_file, market_money: t.market_money, money: t.money });
  const { problems } = await problemsOf(dir);
  assert.deepEqual(problems, [{ file: file(dir, "market_time.csv"), expected: "the file to exist" }]);
});

Deno.test("missing and unexpected columns: header line, column, what is expected", async () => {
  const t = tinyTables();
  t.money = t.money.map((r) => [r[0]!, r[1]!, "x"]);
  t.money[0]![1] = "Прибыль_руб";
  t.money[0]![2] = "Комментарий";
  const { dir, problems } = await only(t);
  assert.equal(problems.length, 3);
  assert.deepEqual(problems.map((p) => [p.file, p.line, p.column]), [
    [file(dir, "money.csv"), 1, "Прибыль"],
    [file(dir, "money.csv"), 1, "Прибыль_руб"],
    [file(dir, "money.csv"), 1, "Комментарий"],
  ]);
  assert.match(problems[0]!.expected, /a column «Прибыль» \(the header has «id», «Прибыль_руб», «Комментарий»\)/);
  assert.match(problems[1]!.expected, /only the columns «id», «Прибыль»/);
});

Deno.test("header names tolerate stray spaces and case; a repeated column is an error", async () => {
  const t = tinyTables();
  t.money[0] = [" ID ", "прибыль "];
  assert.equal((await loadDataset(await writeTables(t))).quality.customers, 11);
  t.money = t.money.map((r) => [...r, r[1]!]);
  const { problems } = await only(t);
  assert.deepEqual(problems.map((p) => [p.line, p.column, p.expected]), [[
    1,
    "прибыль",
    "each column once (it repeats)",
  ]]);
});

Deno.test("unparseable numbers: line, column, value and the expected kind", async () => {
  const t = setCell(setCell(tinyTables(), "market_file", 4, 6, "пятьсот"), "money", 2, 1, "1.2.3");
  const { dir, problems } = await only(t);
  assert.deepEqual(problems, [
    {
      file: file(dir, "market_file.csv"),
      line: 5,
      column: "Длительность",
      value: "пятьсот",
      expected: "a whole number ≥ 0",
    },
    { file: file(dir, "money.csv"), line: 3, column: "Прибыль", value: "1.2.3", expected: "a number" },
  ]);
});

Deno.test("NaN, infinity and fractions in count columns are rejected", async () => {
  const t = setCell(
    setCell(setCell(tinyTables(), "money", 1, 1, "NaN"), "money", 2, 1, "inf"),
    "market_file",
    3,
    10,
    "2.5",
  );
  const { problems } = await only(t);
  assert.deepEqual(problems.map((p) => [p.line, p.value]), [[4, "2.5"], [2, "NaN"], [3, "inf"]]);
});

Deno.test("values out of range: negative revenue, minutes, counts; shares outside [0, 1]", async () => {
  let t = tinyTables();
  t = setCell(t, "market_money", 4, 2, "-10.5");
  t = setCell(t, "market_time", 3, 2, "-1");
  t = setCell(t, "market_file", 6, 11, "-2");
  t = setCell(t, "market_file", 7, 7, "1.5");
  const { problems } = await only(t);
  // in table order, then column order within a table
  assert.deepEqual(problems.map((p) => [p.line, p.column, p.value, p.expected]), [
    [8, "Акционные_покупки", "1.5", "a number from 0 to 1"],
    [7, "Ошибка_сервиса", "-2", "a whole number ≥ 0"],
    [5, "Выручка", "-10.5", "a number ≥ 0"],
    [4, "минут", "-1", "a whole number ≥ 0"],
  ]);
});

Deno.test("unknown category values list the allowed ones", async () => {
  const t = setCell(setCell(tinyTables(), "market_file", 2, 8, "Игрушки"), "market_money", 5, 1, "позапрошлый_месяц");
  const { problems } = await only(t);
  assert.deepEqual(problems.map((p) => [p.line, p.column, p.value]), [
    [3, "Популярная_категория", "Игрушки"],
    [6, "Период", "позапрошлый_месяц"],
  ]);
  assert.match(problems[0]!.expected, /^one of «Товары для детей», «Домашний текстиль», «Косметика и аксессуары»/);
  assert.equal(problems[1]!.expected, "one of «препредыдущий_месяц», «предыдущий_месяц», «текущий_месяц»");
});

Deno.test("missing values are named as missing", async () => {
  const t = setCell(tinyTables(), "market_file", 2, 4, "");
  t.money[3] = [t.money[3]![0]!]; // too few fields
  const { problems } = await only(t);
  assert.deepEqual(problems.map((p) => [p.line, p.column, p.value, p.expected]), [
    [3, "Маркет_актив_6_мес", undefined, "a value (a number ≥ 0)"],
    [4, "Прибыль", undefined, "a value (a number)"],
  ]);
});

Deno.test("duplicate customer ids point at both lines", async () => {
  const t = setCell(tinyTables(), "market_file", 6, 0, "3");
  const { problems } = await only(t);
  assert.deepEqual(problems.map((p) => [p.file?.split("/").pop(), p.line, p.value, p.expected]), [
    ["market_file.csv", 7, "3", "each customer id once (it is also on line 4)"],
    // customer 6 lost its market_file row, so the tables disagree too
    [
      "market_file.csv",
      undefined,
      "1 customer id(s) missing: 6",
      "the same customers as market_money.csv, market_time.csv, money.csv",
    ],
  ]);
});

Deno.test("a period missing or repeated for a customer", async () => {
  const t = tinyTables();
  t.market_money = t.market_money.filter((r) => !(r[0] === "4" && r[1] === "текущий_месяц"));
  t.market_time = t.market_time.map((r) =>
    r[0] === "6" && r[1] === "текущий_месяц" ? [r[0], "предыдущий_месяц", r[2]!] : r
  );
  const { problems } = await only(t);
  const texts = problems.map((p) => `${p.file?.split("/").pop()}:${p.line} ${p.expected}`);
  assert.deepEqual(texts, [
    "market_money.csv:11 rows for all periods of customer 4 (missing «текущий_месяц»)",
    "market_time.csv:13 each period once per customer (customer 6 has «предыдущий_месяц» again)",
    "market_time.csv:12 rows for all periods of customer 6 (missing «текущий_месяц»)",
  ]);
});

Deno.test("ids present in one table and absent from another are listed", async () => {
  const t = tinyTables();
  t.money = t.money.filter((r) => r[0] !== "4" && r[0] !== "9");
  t.market_time.push(["99", "текущий_месяц", "10"], ["99", "предыдущий_месяц", "11"]);
  const { problems } = await only(t);
  const texts = problems.map((p) => `${p.file?.split("/").pop()}: ${p.value}`);
  assert.deepEqual(texts, [
    "market_file.csv: 1 customer id(s) missing: 99",
    "market_money.csv: 1 customer id(s) missing: 99",
    "money.csv: 3 customer id(s) missing: 4, 9, 99",
  ]);
});

Deno.test("empty file and header-only file", async () => {
  const t = tinyTables();
  const dir = await writeTables({ ...t, money: "", market_time: toCsv(t.market_time.slice(0, 1)) });
  const { problems } = await problemsOf(dir);
  assert.deepEqual(problems.map((p) => [p.file?.split("/").pop(), p.line, p.expected]), [
    ["market_time.csv", 2, "at least one data row (the file has only a header)"],
    ["money.csv", 1, "a header line with column names (the file is empty)"],
  ]);
});

Deno.test("bytes that are not UTF-8 (a cp1251 export) are located", async () => {
  const t = tinyTables();
  const text = toCsv(t.money);
  const bytes = new TextEncoder().encode(text);
  // the value of customer 3 (line 4), as a byte offset
  const at = new TextEncoder().encode(text.slice(0, text.indexOf("\n3,") + 3)).length;
  const broken = new Uint8Array([...bytes.slice(0, at), 0xcf, 0xf0, ...bytes.slice(at)]); // "Пр" in cp1251
  const { problems } = await problemsOf(await writeTables({ ...t, money: broken }));
  assert.equal(problems.length, 2);
  assert.deepEqual([problems[0]!.line, problems[0]!.column], [4, "Прибыль"]);
  assert.match(problems[0]!.value!, /byte 0xcf at character 3/);
  assert.match(problems[0]!.expected, /UTF-8/);
});

Deno.test("a line with too many fields is located", async () => {
  const t = tinyTables();
  t.market_time[5] = [...t.market_time[5]!, "7"];
  const { problems } = await only(t);
  assert.deepEqual(problems.map((p) => [p.file?.split("/").pop(), p.line, p.expected]), [
    ["market_time.csv", 6, '3 fields separated by ",", found 4'],
  ]);
});

Deno.test("all problems of every file are reported up to a limit, with a count of the rest", async () => {
  const t = tinyTables();
  for (let i = 1; i <= 12; i++) setCell(t, "market_file", i, 6, "x");
  setCell(t, "money", 1, 1, "y");
  const { problems, error } = await problemsOf(await writeTables(t), 5);
  assert.equal(problems.filter((p) => p.file?.endsWith("market_file.csv")).length, 5);
  assert.equal(problems.filter((p) => p.file?.endsWith("money.csv")).length, 1);
  assert.equal(error.omitted, 7);
  assert.match(error.format(), /^13 data problems:\n/);
  assert.match(error.format(), /… and 7 more problem\(s\) not listed$/);
});
