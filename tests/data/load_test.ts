import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { loadDataset } from "../../src/data/load.ts";
import { setCell, tinyTables, writeTables } from "./fixtures.ts";

Deno.test("loads the tiny tables into one typed row per customer", async () => {
  const { frame, quality } = await loadDataset(await writeTables(tinyTables()));
  assert.equal(frame.height, 11); // 12 minus the inactive customer 2
  assert.deepEqual(frame.getColumn("id").toArray(), ["1", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]);
  assert.deepEqual(frame.columns, [
    "id",
    "activity",
    "service_type",
    "allow_messages",
    "marketing_6m",
    "marketing_current",
    "duration_days",
    "promo_share",
    "popular_category",
    "categories_per_visit",
    "unpaid_items_quarter",
    "service_errors",
    "pages_per_visit",
    "revenue_prev_prev",
    "revenue_prev",
    "revenue_current",
    "minutes_prev",
    "minutes_current",
    "profit",
    "target",
    "dup_group",
  ]);
  const first = frame.row(0);
  // customer 1: revenue [4050, 4530, 4840], minutes current 11, previous 13, profit 2.1
  assert.deepEqual(first.slice(13, 20), [4050, 4530, 4840, 13, 11, 2.1, 0]);
  assert.deepEqual(quality.tables.market_money.rows, 36);
  assert.equal(quality.customers, 11);
  assert.deepEqual(quality.classBalance, { "Снизилась": 4, "Прежний уровень": 7 });
});

Deno.test("fixes known misspellings and counts each fix", async () => {
  const { frame, quality } = await loadDataset(await writeTables(tinyTables()));
  const fixes = quality.fixes.map((f) => `${f.column}:${f.from}→${f.to}×${f.count}`).sort();
  assert.deepEqual(fixes, [
    "period:предыдцщий_месяц→предыдущий_месяц×12",
    "popular_category:Косметика и аксесуары→Косметика и аксессуары×3",
    "service_type:стандартт→стандарт×1",
  ]);
  assert.equal(frame.filter(pl.col("id").eq(pl.lit("3"))).getColumn("service_type").get(0), "стандарт");
});

Deno.test("normalises stray whitespace and case in category values", async () => {
  const t = setCell(setCell(tinyTables(), "market_file", 1, 2, "  Премиум "), "market_file", 4, 3, "ДА");
  const { frame, quality } = await loadDataset(await writeTables(t));
  const row = (id: number) => frame.filter(pl.col("id").eq(pl.lit(String(id))));
  assert.equal(row(1).getColumn("service_type").get(0), "премиум");
  assert.equal(row(4).getColumn("allow_messages").get(0), "да");
  assert.ok(quality.fixes.some((f) => f.from === "  Премиум " && f.to === "премиум" && f.count === 1));
});

Deno.test("removes customers without revenue in any month, naming them", async () => {
  const { quality } = await loadDataset(await writeTables(tinyTables()));
  const step = quality.steps.find((s) => s.step === "inactive_customers")!;
  assert.deepEqual([step.count, step.ids], [1, ["2"]]);
});

Deno.test("replaces the revenue outlier by the month's median, found by the rule not the id", async () => {
  const { frame, quality } = await loadDataset(await writeTables(tinyTables()));
  assert.equal(quality.outliers.length, 1);
  const o = quality.outliers[0]!;
  assert.deepEqual([o.id, o.period, o.value], ["5", "текущий_месяц", 106862.2]);
  assert.ok(o.score > 10);
  const others = frame.filter(pl.col("id").neq(pl.lit("5"))).getColumn("revenue_current");
  assert.equal(o.replacedWith, others.median());
  assert.equal(frame.filter(pl.col("id").eq(pl.lit("5"))).getColumn("revenue_current").get(0), others.median());
});

Deno.test("a wide but ordinary spread of revenue is not an outlier", async () => {
  const t = tinyTables();
  t.market_money.forEach((r, i) => i > 0 && r[1] === "текущий_месяц" && (r[2] = String(2800 + 450 * Number(r[0]))));
  const { quality } = await loadDataset(await writeTables(t));
  assert.deepEqual(quality.outliers, []);
});

Deno.test("records identical except the id share a group key", async () => {
  const { frame, quality } = await loadDataset(await writeTables(tinyTables()));
  assert.deepEqual(quality.duplicates.members, [["7", "8"]]);
  assert.equal(quality.duplicates.groups, 1);
  assert.equal(quality.duplicates.identicalEverywhere, 0); // revenue differs
  const group = (id: number) => frame.filter(pl.col("id").eq(pl.lit(String(id)))).getColumn("dup_group").get(0);
  assert.equal(group(7), "7");
  assert.equal(group(8), "7");
  assert.equal(group(9), "9");
});

Deno.test("records identical in all four tables are reported as such", async () => {
  const t = tinyTables();
  // make customer 8 a copy of customer 7 in every table
  for (const name of ["market_money", "market_time", "money"] as const) {
    const sevens = t[name].filter((r) => r[0] === "7");
    t[name] = t[name].filter((r) => r[0] !== "8").concat(sevens.map((r) => ["8", ...r.slice(1)]));
  }
  const { quality } = await loadDataset(await writeTables(t));
  assert.equal(quality.duplicates.identicalEverywhere, 1);
});

Deno.test("skips empty lines and says how many", async () => {
  const t = tinyTables();
  const dir = await writeTables({
    ...t,
    money: "id;Прибыль\n1;2,1\n\n" + t.money.slice(2).map((r) => r.join(";").replace(".", ",")).join("\n") + "\n\n",
  });
  const { quality } = await loadDataset(dir);
  assert.equal(quality.tables.money!.blankLines, 2); // one inside, one at the end
  assert.equal(quality.customers, 11);
});
