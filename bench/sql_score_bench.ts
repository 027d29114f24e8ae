/**
 * `deno task bench:sql [--engine duckdb|postgres] [--customers N] [--train N] [--no-check] [--only NAME,…]`: scores N
 * synthetic customers with the exported query of each family, in embedded DuckDB (the default) or in a PostgreSQL
 * server started for the run in a temporary folder (`src/sql/postgres_server.ts`, as for the tests) and stopped at the
 * end — also on a failure or an interrupt (Ctrl-C, SIGTERM, SIGHUP). The models are fitted on `--train` other
 * synthetic customers (default 1 000); unless `--no-check`, every probability is checked against `oneclick score`'s
 * (within 1e-9). `--only` picks models by name (see `MODEL_SPECS`), run in the order given. Prints JSON: the engine,
 * seconds to load the export, and per model the query's seconds, score's seconds and the largest difference. Exit
 * codes: 2 for bad options, 69 when no PostgreSQL server can start, 130 when interrupted.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { writeSynthetic } from "../src/data/synth.ts";
import { scoreExport } from "../src/scoring/score_export.ts";
import { type DialectName, DIALECTS } from "../src/sql/dialect.ts";
import { openDuckDb, openPostgres, scoreInEngine, type SqlEngine } from "../src/sql/engine.ts";
import { exportSql } from "../src/sql/export_sql.ts";
import { loadStatements, normaliseExport } from "../src/sql/load_export.ts";
import { type PostgresServer, startPostgres } from "../src/sql/postgres_server.ts";
import { EXIT_INTERRUPTED, EXIT_UNAVAILABLE, EXIT_USAGE } from "../src/util/exit_codes.ts";
import { assertSameScores } from "../tests/sql/compare.ts";
import { fitModels, MODEL_SPECS, type ModelSpec } from "../tests/sql/fixtures.ts";

/** Signals that end the run (after the server is stopped and the temporary files removed). */
const STOP_SIGNALS: Deno.Signal[] = ["SIGINT", "SIGTERM", "SIGHUP"];

function usage(message: string): never {
  console.error(`bench:sql: ${message}`);
  Deno.exit(EXIT_USAGE);
}

let values;
try {
  ({ values } = parseArgs({
    args: Deno.args,
    options: {
      engine: { type: "string", default: "duckdb" },
      customers: { type: "string", default: "100000" },
      train: { type: "string", default: "1000" },
      "no-check": { type: "boolean", default: false },
      only: { type: "string" },
    },
  }));
} catch (e) {
  usage((e as Error).message);
}
const engine = values.engine as DialectName;
if (!DIALECTS.includes(engine)) usage(`--engine must be one of ${DIALECTS.join(", ")}, got "${values.engine}"`);
const whole = (name: string, raw: string) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) usage(`--${name} must be a whole number ≥ 1, got "${raw}"`);
  return n;
};
const customers = whole("customers", values.customers), train = whole("train", values.train);
let specs: readonly ModelSpec[] = MODEL_SPECS;
if (values.only !== undefined) {
  const names = values.only.split(",").map((n) => n.trim());
  const unknown = names.filter((n) => !MODEL_SPECS.some((s) => s.name === n));
  if (unknown.length) {
    usage(
      `--only: unknown model(s) ${unknown.map((n) => `"${n}"`).join(", ")} ` +
        `(known: ${MODEL_SPECS.map((s) => s.name).join(", ")})`,
    );
  }
  specs = names.map((n) => MODEL_SPECS.find((s) => s.name === n)!);
}

const seconds = (t0: number) => Math.round((performance.now() - t0) / 10) / 100;
const tmp = await Deno.makeTempDir({ prefix: "oneclick-sql-bench-" });
let db: SqlEngine | undefined;
let serverStart: Promise<PostgresServer | string> | undefined;
// One cleanup, whoever asks first (the end of the run, a failure, or a signal): later calls wait for the same one.
let cleaning: Promise<void> | undefined;
const cleanUp = () =>
  cleaning ??= (async () => {
    // A server still starting is waited for, so that it is stopped rather than left running. Stopping it ends a query
    // in flight; the client is closed after, so it has nothing left to wait for.
    const server = await serverStart?.catch(() => undefined);
    if (typeof server === "object") await server.stop();
    await db?.close().catch(() => {});
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  })();
const onSignal = () => void cleanUp().finally(() => Deno.exit(EXIT_INTERRUPTED));
for (const s of STOP_SIGNALS) Deno.addSignalListener(s, onSignal);

try {
  let t0 = performance.now();
  await writeSynthetic(join(tmp, "train"), { customers: train, seed: 7 });
  await writeSynthetic(join(tmp, "score"), { customers, seed: 42 });
  const synthSeconds = seconds(t0);
  const models = await fitModels(join(tmp, "train"), join(tmp, "models"), specs);
  // The normalised CSVs go where the engine can read them: a PostgreSQL server reads COPY's file as its own user.
  let tables = tmp, server: string | undefined;
  if (engine === "postgres") {
    const started = await (serverStart = startPostgres());
    if (typeof started === "string") {
      console.error(`bench:sql: no PostgreSQL server could start: ${started}`);
      await cleanUp();
      Deno.exit(EXIT_UNAVAILABLE);
    }
    server = started.connection.host;
    tables = started.shared;
    console.error(`PostgreSQL server in ${server}`);
    db = await openPostgres(started.connection);
  } else db = await openDuckDb(":memory:");
  t0 = performance.now();
  for (const s of loadStatements(db.dialect, await normaliseExport(join(tmp, "score"), tables))) await db.exec(s);
  const loadSeconds = seconds(t0);
  const results: Record<string, unknown> = {};
  for (const [name, model] of models) {
    const sql = exportSql(model, engine);
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
  console.log(JSON.stringify(
    {
      engine,
      ...(server === undefined ? {} : { server }),
      customers,
      trainCustomers: train,
      synthSeconds,
      loadSeconds,
      models: results,
    },
    null,
    2,
  ));
} finally {
  await cleanUp();
  for (const s of STOP_SIGNALS) Deno.removeSignalListener(s, onSignal);
}
