/**
 * The exported query on DuckDB (embedded, `@duckdb/node-api`): for every
 * customer and every family, the probability equals `oneclick score`'s within
 * 1e-9 — on the real export (when ../shared/data/one-click exists) and on a
 * synthetic one (4 000 customers scored by models fitted on 800 others of a
 * different seed; the 100 000-customer check is `deno task bench:sql`). Also:
 * constants reach the engine exactly, the unrolled Platt coupling matches
 * `plattProbability`, and a missing table is one clear message.
 */
import assert from "node:assert/strict";
import { ACTION_SEGMENTS } from "../../src/decisions/action_segments.ts";
import { writeSynthetic } from "../../src/data/synth.ts";
import { DataError } from "../../src/data/errors.ts";
import { plattProbability } from "../../src/models/platt.ts";
import { scoreExport } from "../../src/scoring/score_export.ts";
import { withQuery } from "../../src/sql/cte.ts";
import { dialectOf } from "../../src/sql/dialect.ts";
import { checkInputTables, openDuckDb, scoreInEngine } from "../../src/sql/engine.ts";
import { exportSql } from "../../src/sql/export_sql.ts";
import { loadStatements, normaliseExport } from "../../src/sql/load_export.ts";
import { plattCtes } from "../../src/sql/platt_sql.ts";
import { valuesTable } from "../../src/sql/cte.ts";
import { assertSameScores } from "./compare.ts";
import { fitModels, MODEL_SPECS } from "./fixtures.ts";
import { pathExists } from "../../src/util/path_exists.ts";

const REAL = new URL("../../../shared/data/one-click", import.meta.url).pathname;

/** Checks every family on `data` with models fitted on `trainData`; returns the statuses and action segments seen. */
async function checkExport(data: string, trainData: string): Promise<Set<string>> {
  const tmp = await Deno.makeTempDir();
  const models = await fitModels(trainData, tmp, MODEL_SPECS);
  const statuses = new Set<string>();
  const segments = new Set<string | null>();
  const db = await openDuckDb(":memory:", 2);
  try {
    for (const s of loadStatements(db.dialect, await normaliseExport(data, tmp))) await db.exec(s);
    for (const [name, model] of models) {
      const want = (await scoreExport(model, data, model.config.horizonMonths)).customers;
      const got = await scoreInEngine(db, exportSql(model, "duckdb", { label: true }), { label: true });
      const largest = assertSameScores(model, want, got, name, true);
      for (const c of want) statuses.add(c.status), segments.add(c.actionSegment);
      console.log(`  duckdb ${name}: ${want.length} customers, largest |Δp| ${largest.toExponential(2)}`);
    }
  } finally {
    await db.close();
    await Deno.remove(tmp, { recursive: true });
  }
  // Every action segment met (and empty only for the unscored): the comparison covered each branch.
  assert.deepEqual([...segments].sort(), [...ACTION_SEGMENTS.map((s) => s.id), null].sort());
  return statuses;
}

Deno.test({
  name: "DuckDB: every family scores the real export as oneclick score does (1e-9)",
  ignore: !(await pathExists(REAL)),
  fn: async () => {
    const statuses = await checkExport(REAL, REAL);
    assert.deepEqual([...statuses].sort(), ["not_scored_inactive", "scored", "scored_revenue_replaced"]);
  },
});
if (!(await pathExists(REAL))) console.log(`SKIPPED real-data SQL check: ${REAL} does not exist`);

Deno.test("DuckDB: every family scores a synthetic export of new customers as oneclick score does", async () => {
  const train = await Deno.makeTempDir(), score = await Deno.makeTempDir();
  await writeSynthetic(train, { customers: 800, seed: 5 });
  await writeSynthetic(score, { customers: 4000, seed: 6 });
  try {
    // The generator's quirks: misspellings, inactive customers, a revenue outlier.
    const statuses = await checkExport(score, train);
    assert.deepEqual([...statuses].sort(), ["not_scored_inactive", "scored", "scored_revenue_replaced"]);
  } finally {
    await Deno.remove(train, { recursive: true });
    await Deno.remove(score, { recursive: true });
  }
});

Deno.test("DuckDB: float64 constants reach the engine bit for bit", async () => {
  const d = dialectOf("duckdb")!;
  // Awkward doubles: long decimals, tiny and huge exponents, negatives, subnormal, integers.
  let state = 7;
  const next = () => (state = (state * 48271) % 2147483647) / 2147483647;
  const values = [0.1, -0.3, 1 / 3, 5e-324, 1.7976931348623157e308, -2.5e-300, 4812, 0, 123456.789e-10];
  for (let i = 0; i < 200; i++) values.push((next() - 0.5) * 10 ** Math.floor(next() * 40 - 20));
  const db = await openDuckDb();
  try {
    const rows = await db.rows(
      `SELECT i, v FROM ${valuesTable("t", ["i", "v"], values.map((v, i) => [String(i), d.num(v)]))} ORDER BY i`,
    );
    assert.deepEqual(rows.map((r) => r.v), values);
  } finally {
    await db.close();
  }
});

Deno.test("DuckDB: the unrolled Platt coupling equals plattProbability", async () => {
  const d = dialectOf("duckdb")!;
  const f = Array.from({ length: 2001 }, (_, i) => (i - 1000) / 50); // −20 … 20
  const [A, B] = [-1.7, 0.3];
  const from = {
    name: "dec",
    comment: "decision values",
    query: `SELECT * FROM ${valuesTable("v", ["id", "f"], f.map((x, i) => [String(i), d.num(x)]))}`,
  };
  const db = await openDuckDb();
  try {
    const rows = await db.rows(
      withQuery([from, ...plattCtes(d, "dec", A, B, "m")], "SELECT id, probability FROM m_p ORDER BY id"),
    );
    rows.forEach((r, i) => {
      const want = plattProbability(f[i]!, A, B);
      assert.ok(Math.abs(Number(r.probability) - want) <= 1e-12, `f = ${f[i]}: ${r.probability} vs ${want}`);
    });
  } finally {
    await db.close();
  }
});

Deno.test("DuckDB: a table missing in the engine is one message naming it and what was expected", async () => {
  const db = await openDuckDb();
  try {
    await db.exec(`CREATE TABLE market_file (id BIGINT)`);
    await db.exec(`CREATE TABLE market_money (id BIGINT, "Период" VARCHAR, "Выручка" DOUBLE)`);
    await db.exec(`CREATE TABLE market_time (id BIGINT, "Период" VARCHAR, "минут" BIGINT)`);
    const err = await checkInputTables(db).then(() => undefined, (e) => e);
    assert.ok(err instanceof DataError);
    assert.match(err.format(), /table "money" \(the export's money\.csv loaded with its own headers: id, Прибыль\)/);
    assert.match(err.format(), /column «market_file»: expected the column\(s\) "Тип сервиса"/);
    assert.doesNotMatch(err.format(), /market_money|market_time/);
    assert.doesNotMatch(err.format(), /\n\s+at /, "no stack trace");
  } finally {
    await db.close();
  }
});
