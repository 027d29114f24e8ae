/**
 * `deno task export-sql --model FILE [--dialect duckdb|postgres] [--out FILE.sql]
 * [--with-label] [--run-duckdb DB --scores FILE.csv]`: writes the model as one
 * SQL query that scores every customer in the store's database (see `src/sql/`
 * and docs/sql.md); without `--out`, to standard output. `--with-label` makes
 * the query read market_file's label column for the action segment (a query
 * cannot test whether a column exists, so the user says it). With
 * `--run-duckdb`, it also runs the query in that DuckDB database file (after
 * checking that the four tables are there; the label is read when the table
 * has it) and writes the rows as `score`'s scores.csv.
 *
 * @module
 */
import { readModel } from "../artifacts/model.ts";
import { scoresCsv } from "../scoring/score_export.ts";
import { DIALECTS } from "../sql/dialect.ts";
import { hasLabelColumn, openDuckDb, scoreInEngine, type SqlEngine } from "../sql/engine.ts";
import { exportSql, UnsupportedDialectError } from "../sql/export_sql.ts";
import { parseOptions, runCommand, UsageError, writeFileAtomic } from "./run.ts";

const USAGE = `deno task export-sql --model FILE [--dialect ${DIALECTS.join("|")}] [--out FILE.sql] ` +
  "[--with-label] [--run-duckdb DB --scores FILE.csv]";

if (import.meta.main) {
  await runCommand(USAGE, async () => {
    const { values } = parseOptions(Deno.args, {
      model: { type: "string" },
      dialect: { type: "string", default: "duckdb" },
      out: { type: "string" },
      "run-duckdb": { type: "string" },
      scores: { type: "string" },
      "with-label": { type: "boolean", default: false },
    });
    if (!values.model) throw new UsageError("--model is required");
    // The dialect is checked before the model is read: a usage error should not wait for a file.
    if (!(DIALECTS as readonly string[]).includes(values.dialect)) {
      throw new UsageError(new UnsupportedDialectError(values.dialect).message);
    }
    const run = values["run-duckdb"];
    if ((run === undefined) !== (values.scores === undefined)) {
      throw new UsageError("--run-duckdb and --scores go together");
    }
    if (run !== undefined && values.dialect !== "duckdb") throw new UsageError("--run-duckdb runs the duckdb dialect");
    const model = await readModel(values.model);
    let db: SqlEngine | undefined;
    if (run !== undefined) {
      try {
        await Deno.stat(run);
      } catch {
        throw new UsageError(`--run-duckdb: no DuckDB database file "${run}"`);
      }
      db = await openDuckDb(run);
    }
    try {
      // Run on a database, the label is read when market_file has it, as score reads it when the export has it.
      const label = values["with-label"] || (db !== undefined && await hasLabelColumn(db));
      const sql = exportSql(model, values.dialect, { label });
      if (values.out !== undefined) {
        await writeFileAtomic(values.out, sql);
        console.error(`SQL (${values.dialect}) written to ${values.out}`);
      } else if (db === undefined) {
        await Deno.stdout.write(new TextEncoder().encode(sql));
      }
      if (db === undefined || values.scores === undefined) return;
      const scores = await scoreInEngine(db, sql, { label });
      await writeFileAtomic(values.scores, scoresCsv(scores));
      console.error(
        `Scored ${scores.filter((s) => s.probability !== null).length} of ${scores.length} customers ` +
          `in ${run}; scores written to ${values.scores}`,
      );
    } finally {
      await db?.close();
    }
  });
}
