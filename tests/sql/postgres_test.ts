/**
 * The exported query on a real PostgreSQL server (Debian's binaries, started
 * in a temporary folder for this test and stopped after it; as the `postgres`
 * user when the test runs as root): for every customer and every family, the
 * probability equals `oneclick score`'s within 1e-9 and the action segment
 * is the same, on the real export (when
 * it exists) and on a synthetic one (2 000 customers scored by models fitted
 * on 600 others). Skips with a visible line when no server can start.
 */
import assert from "node:assert/strict";
import { writeSynthetic } from "../../src/data/synth.ts";
import { DataError } from "../../src/data/errors.ts";
import { scoreExport } from "../../src/scoring/score_export.ts";
import { checkInputTables, openPostgres, scoreInEngine, type SqlEngine } from "../../src/sql/engine.ts";
import { exportSql } from "../../src/sql/export_sql.ts";
import { loadStatements, normaliseExport } from "../../src/sql/load_export.ts";
import { pathExists } from "../../src/util/path_exists.ts";
import { assertSameScores } from "./compare.ts";
import { fitModels, MODEL_SPECS } from "./fixtures.ts";
import { postgresBinaries, startPostgres } from "../../src/sql/postgres_server.ts";

const REAL = new URL("../../../shared/data/one-click", import.meta.url).pathname;
const binaries = await postgresBinaries();
if (!binaries) console.log("SKIPPED PostgreSQL checks: no /usr/lib/postgresql/*/bin/initdb (./oneclick installs it)");

async function checkExport(db: SqlEngine, shared: string, data: string, trainData: string): Promise<void> {
  const tmp = await Deno.makeTempDir();
  try {
    const models = await fitModels(trainData, tmp, MODEL_SPECS);
    for (const s of loadStatements(db.dialect, await normaliseExport(data, shared))) await db.exec(s);
    for (const [name, model] of models) {
      const want = (await scoreExport(model, data, model.config.horizonMonths)).customers;
      const got = await scoreInEngine(db, exportSql(model, "postgres", { label: true }), { label: true });
      const largest = assertSameScores(model, want, got, name, true);
      assert.ok(want.some((c) => c.actionSegment === "win_back_valuable"), `${name}: action segments compared`);
      console.log(`  postgres ${name}: ${want.length} customers, largest |Δp| ${largest.toExponential(2)}`);
    }
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
}

Deno.test({
  name: "PostgreSQL: every family scores as oneclick score does (1e-9); a missing table is one message",
  ignore: binaries === undefined,
  fn: async (t) => {
    const server = await startPostgres();
    if (typeof server === "string") {
      console.log(`SKIPPED PostgreSQL checks: the server did not start (${server})`);
      return;
    }
    const db = await openPostgres(server.connection);
    try {
      await t.step({
        name: "the real export",
        ignore: !(await pathExists(REAL)),
        fn: () => checkExport(db, server.shared, REAL, REAL),
      });
      await t.step("a synthetic export of new customers", async () => {
        const train = await Deno.makeTempDir(), score = await Deno.makeTempDir();
        try {
          await writeSynthetic(train, { customers: 600, seed: 5 });
          await writeSynthetic(score, { customers: 2000, seed: 6 });
          await checkExport(db, server.shared, score, train);
        } finally {
          await Deno.remove(train, { recursive: true });
          await Deno.remove(score, { recursive: true });
        }
      });
      await t.step("a table missing in the database", async () => {
        await db.exec("DROP TABLE IF EXISTS money");
        const err = await checkInputTables(db).then(() => undefined, (e) => e);
        assert.ok(err instanceof DataError);
        assert.match(err.format(), /^Data problem:\n {2}PostgreSQL .*, column «money»: expected a table "money"/);
      });
    } finally {
      await db.close();
      await server.stop();
    }
  },
});
