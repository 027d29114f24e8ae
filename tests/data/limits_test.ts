/**
 * Plausibility limits of numeric columns (not ids): values that would overflow
 * the statistics, or counts past 2^53, are located errors instead of a silent
 * ∞, a profit share of 1e-305 or a null that later becomes 0.
 */
import assert from "node:assert/strict";
import { DataError, type Problem } from "../../src/data/errors.ts";
import { loadDataset } from "../../src/data/load.ts";
import { NUMBER_LIMITS } from "../../src/data/schema.ts";
import { writeSynthetic } from "../../src/data/synth.ts";
import { setCell, type Tables, tinyTables, toCsv, writeTables } from "./fixtures.ts";

// market_file columns by position
const MARKETING_6M = 4, MARKETING_CURRENT = 5, DURATION = 6;

async function problemsOf(t: Tables | Parameters<typeof writeTables>[0]): Promise<readonly Problem[]> {
  try {
    await loadDataset(await writeTables(t));
  } catch (e) {
    assert.ok(e instanceof DataError, `expected a DataError, got ${e}`);
    return e.problems;
  }
  assert.fail("expected the load to fail");
}

const FLOAT_LIMIT = "(larger amounts would overflow sums and variances)";
const COUNT_LIMIT = "(larger counts are not held exactly)";

Deno.test("profit 1e308, marketing 1e308 and a 20-digit duration are located errors with the limit", async () => {
  let t = tinyTables();
  t = setCell(t, "money", 3, 1, "1e308");
  t = setCell(t, "market_file", 4, MARKETING_6M, "1e308");
  t = setCell(t, "market_file", 6, DURATION, "99999999999999999999");
  const problems = await problemsOf(t);
  assert.deepEqual(problems.map((p) => [p.file?.split("/").pop(), p.line, p.column, p.value, p.expected]), [
    ["market_file.csv", 5, "Маркет_актив_6_мес", "1e308", `a number from 0 to 1e15 ${FLOAT_LIMIT}`],
    [
      "market_file.csv",
      7,
      "Длительность",
      "99999999999999999999",
      `a whole number from 0 to 9007199254740991 ${COUNT_LIMIT}`,
    ],
    ["money.csv", 4, "Прибыль", "1e308", `a number from -1e15 to 1e15 ${FLOAT_LIMIT}`],
  ]);
});

Deno.test("a count of 2^53 is an error; 2^53 − 1 loads exactly", async () => {
  const over = setCell(tinyTables(), "market_file", 4, MARKETING_CURRENT, "9007199254740992");
  assert.deepEqual((await problemsOf(over)).map((p) => [p.line, p.column, p.expected]), [
    [5, "Маркет_актив_тек_мес", `a whole number from 0 to 9007199254740991 ${COUNT_LIMIT}`],
  ]);
  // past Int64 too: the strict cast fails, the lenient one must still catch it
  const past64 = setCell(tinyTables(), "market_time", 3, 2, "18446744073709551616");
  assert.deepEqual((await problemsOf(past64)).map((p) => [p.line, p.column]), [[4, "минут"]]);

  const max = setCell(tinyTables(), "market_file", 4, DURATION, String(NUMBER_LIMITS.int));
  const { frame } = await loadDataset(await writeTables(max));
  assert.equal(String(frame.getColumn("duration_days").max()), "9007199254740991");
});

Deno.test("amounts up to ±1e15 load; beyond, in either sign and with a decimal comma, they do not", async () => {
  const ok = setCell(setCell(tinyTables(), "money", 3, 1, "-1e15"), "money", 4, 1, "1000000000000000");
  const { frame } = await loadDataset(await writeTables(ok));
  assert.equal(frame.getColumn("profit").min(), -1e15);
  assert.equal(frame.getColumn("profit").max(), 1e15);

  const t = tinyTables();
  t.money[3]![1] = "-1,5e16";
  t.money[4]![1] = "1000000000000000,5";
  const money = toCsv(t.money, { separator: ";" }); // the real money.csv: «;» and a decimal comma
  const problems = await problemsOf({ ...t, money });
  assert.deepEqual(problems.map((p) => [p.line, p.value, p.expected]), [
    [4, "-1,5e16", `a number from -1e15 to 1e15 ${FLOAT_LIMIT}`],
    [5, "1000000000000000,5", `a number from -1e15 to 1e15 ${FLOAT_LIMIT}`],
  ]);
});

Deno.test("an infinite revenue written as 1e400 is an error; a share keeps its own range", async () => {
  let t = tinyTables();
  t = setCell(t, "market_money", 4, 2, "1e400");
  t = setCell(t, "market_file", 3, 7, "1e308"); // promo share: [0, 1] says it all
  const problems = await problemsOf(t);
  assert.deepEqual(problems.map((p) => [p.line, p.column, p.expected]), [
    [4, "Акционные_покупки", "a number from 0 to 1"],
    [5, "Выручка", `a number from 0 to 1e15 ${FLOAT_LIMIT}`],
  ]);
});

Deno.test("synthetic data of any seed stays far inside the limits", async () => {
  for (const seed of [1, 2, 3, 42, 2026]) {
    const dir = await Deno.makeTempDir({ prefix: "oneclick-limits-" });
    await writeSynthetic(dir, { customers: 500, seed });
    const { frame } = await loadDataset(dir);
    assert.ok(frame.height > 480, `seed ${seed}`);
    await Deno.remove(dir, { recursive: true });
  }
});
