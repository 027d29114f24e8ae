/**
 * `deno task bench:sql [--customers N] [--train N] [--no-check] [--only NAME,…]`: scores N
 * synthetic customers in DuckDB with the exported query of each family
 * (models fitted on `--train` other synthetic customers, default 1 000) and,
 * unless `--no-check`, checks every probability against `oneclick score`'s
 * (within 1e-9); `--only` picks models by name (see `MODEL_SPECS`). Prints JSON: seconds to load the export into DuckDB, and per
 * model the query's seconds, score's seconds and the largest difference.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { writeSynthetic } from "../src/data/synth.ts";
import { scoreExport } from "../src/scoring/score_export.ts";
import { openDuckDb, scoreInEngine } from "../src/sql/engine.ts";
import { exportSql } from "../src/sql/export_sql.ts";
import { loadStatements, normaliseExport } from "../src/sql/load_export.ts";
import { assertSameScores } from "../tests/sql/compare.ts";
import { fitModels, MODEL_SPECS } from "../tests/sql/fixtures.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    customers: { type: "string", default: "100000" },
    train: { type: "string", default: "1000" },
    "no-check": { type: "boolean", default: false },
    only: { type: "string" },
  },
});
const customers = Number(values.customers), train = Number(values.train);
const seconds = (t0: number) => Math.round((performance.now() - t0) / 10) / 100;
const tmp = await Deno.makeTempDir({ prefix: "oneclick-sql-bench-" });
try {
  let t0 = performance.now();
  await writeSynthetic(join(tmp, "train"), { customers: train, seed: 7 });
  await writeSynthetic(join(tmp, "score"), { customers, seed: 42 });
  const synthSeconds = seconds(t0);
  const only = values.only?.split(",");
  const specs = MODEL_SPECS.filter((s) => !only || only.includes(s.name));
  const models = await fitModels(join(tmp, "train"), join(tmp, "models"), specs);
  const db = await openDuckDb(":memory:");
  t0 = performance.now();
  for (const s of loadStatements(db.dialect, await normaliseExport(join(tmp, "score"), tmp))) await db.exec(s);
  const loadSeconds = seconds(t0);
  const results: Record<string, unknown> = {};
  for (const [name, model] of models) {
    const sql = exportSql(model, "duckdb");
    t0 = performance.now();
    const got = await scoreInEngine(db, sql);
    const sqlSeconds = seconds(t0);
    let check = {};
    if (!values["no-check"]) {
      t0 = performance.now();
      const want = (await scoreExport(model, join(tmp, "score"), model.config.horizonMonths)).customers;
      const scoreSeconds = seconds(t0);
      check = { scoreSeconds, largestDifference: assertSameScores(model, want, got, name) };
    }
    results[name] = { sqlSeconds, sqlKilobytes: Math.round(sql.length / 1024), ...check };
    console.error(name, JSON.stringify(results[name]));
  }
  await db.close();
  console.log(
    JSON.stringify({ customers, trainCustomers: train, synthSeconds, loadSeconds, models: results }, null, 2),
  );
} finally {
  await Deno.remove(tmp, { recursive: true });
}
