/**
 * Running the exported query on a real engine: DuckDB embedded (the npm
 * package `@duckdb/node-api`) or a PostgreSQL server (`pg`), behind one small
 * interface; a check that the four input tables and their columns exist, so a
 * missing table is one clear message rather than the engine's parse error; and
 * the query's rows as typed scores.
 *
 * @module
 */
import { DuckDBInstance } from "@duckdb/node-api";
import pg from "pg";
import { DataError, type Problem } from "../data/errors.ts";
import type { ScoredCustomer, ScoreStatus } from "../scoring/score_export.ts";
import { type Dialect, dialectOf, text } from "./dialect.ts";
import type { ActionSegmentId } from "../decisions/action_segments.ts";
import { LABEL_HEADER, SQL_INPUT_TABLES } from "./input_tables.ts";

/** An open connection to an engine. */
export interface SqlEngine {
  readonly dialect: Dialect;
  /** Names the database in messages. */
  readonly label: string;
  exec(sql: string): Promise<void>;
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/**
 * An embedded DuckDB database (`:memory:` or a file).
 *
 * @example
 * ```ts
 * const db = await openDuckDb();
 * await db.rows("SELECT 1 AS one"); // [{ one: 1 }]
 * await db.close();
 * ```
 */
export async function openDuckDb(path = ":memory:", threads?: number): Promise<SqlEngine> {
  // A query larger than memory (KNN's distance rows for a million customers) spills to disk: by default into `.tmp`
  // of the working folder — here a temporary folder of its own, removed on close.
  const spill = await Deno.makeTempDir({ prefix: "oneclick-duckdb-" });
  const instance = await DuckDBInstance.create(path, {
    temp_directory: spill,
    ...(threads === undefined ? {} : { threads: String(threads) }),
  });
  const con = await instance.connect();
  return {
    dialect: dialectOf("duckdb")!,
    label: `DuckDB ${path}`,
    exec: async (sql) => void await con.run(sql),
    rows: async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[],
    close: async () => {
      con.closeSync(), instance.closeSync();
      await Deno.remove(spill, { recursive: true }).catch(() => {});
    },
  };
}

/**
 * A PostgreSQL connection (`pg`'s client settings: host or socket folder, port, user, database).
 *
 * @example
 * ```ts
 * const db = await openPostgres({ host: "/tmp/pg", port: 5433, user: "postgres", database: "postgres" });
 * await db.close();
 * ```
 */
export async function openPostgres(config: pg.ClientConfig): Promise<SqlEngine> {
  const client = new pg.Client(config);
  // A server going away between queries is reported by the next query; unhandled, the event would end the process.
  client.on("error", () => {});
  await client.connect();
  return {
    dialect: dialectOf("postgres")!,
    label: `PostgreSQL ${config.host ?? ""}:${config.port ?? ""}/${config.database ?? ""}`,
    exec: async (sql) => void await client.query(sql),
    rows: async (sql) => (await client.query(sql)).rows as Record<string, unknown>[],
    close: () => client.end(),
  };
}

/**
 * Checks that the engine has the four tables with the columns the query
 * reads (with `label`, market_file's label column too); otherwise one
 * {@linkcode DataError} naming each missing table or column and what was expected.
 *
 * @example
 * ```ts
 * const db = await openDuckDb();
 * await checkInputTables(db); // throws: DuckDB :memory:, table «market_file»: expected …
 * ```
 */
export async function checkInputTables(db: SqlEngine, options: { label?: boolean } = {}): Promise<void> {
  const tables: Record<string, readonly string[]> = { ...SQL_INPUT_TABLES };
  if (options.label) tables.market_file = [...tables.market_file!, LABEL_HEADER];
  const names = Object.keys(tables);
  const found = await db.rows(
    "SELECT table_name, column_name FROM information_schema.columns " +
      `WHERE table_name IN (${names.map(text).join(", ")})` +
      (db.dialect.name === "postgres" ? " AND table_schema = current_schema()" : ""),
  );
  const have = new Map<string, Set<string>>();
  for (const r of found) {
    const t = String(r.table_name);
    if (!have.has(t)) have.set(t, new Set());
    have.get(t)!.add(String(r.column_name));
  }
  const problems: Problem[] = [];
  for (const [table, columns] of Object.entries(tables)) {
    const cols = have.get(table);
    if (!cols) {
      problems.push({
        file: db.label,
        column: table,
        expected: `a table "${table}" (the export's ${table}.csv loaded with its own headers: ${columns.join(", ")})`,
      });
      continue;
    }
    const missing = columns.filter((c) => !cols.has(db.dialect.name === "postgres" ? postgresName(c) : c));
    if (missing.length) {
      problems.push({
        file: db.label,
        column: table,
        expected: `the column(s) ${missing.map((c) => `"${c}"`).join(", ")} (the CSV's own headers)`,
      });
    }
  }
  if (problems.length) throw new DataError(problems);
}

/**
 * Whether market_file has the label column «Покупательская активность» (an
 * export of customers whose last period is observed), so the query can place
 * them in action segments.
 *
 * @example
 * ```ts
 * const db = await openDuckDb();
 * await hasLabelColumn(db); // false: no market_file at all
 * ```
 */
export async function hasLabelColumn(db: SqlEngine): Promise<boolean> {
  const column = db.dialect.name === "postgres" ? postgresName(LABEL_HEADER) : LABEL_HEADER;
  const found = await db.rows(
    "SELECT column_name FROM information_schema.columns " +
      `WHERE table_name = 'market_file' AND column_name = ${text(column)}` +
      (db.dialect.name === "postgres" ? " AND table_schema = current_schema()" : ""),
  );
  return found.length > 0;
}

/**
 * A name as PostgreSQL stores it: at most 63 bytes (NAMEDATALEN − 1), cut at
 * a character boundary. Two of the store's headers are longer in UTF-8
 * («Средний_просмотр_категорий_за_визит» is 68 bytes); PostgreSQL cuts them in
 * CREATE TABLE and in every query alike, so the query still finds them.
 *
 * @example
 * ```ts
 * new TextEncoder().encode(postgresName("Средний_просмотр_категорий_за_визит")).length; // 62
 * ```
 */
export function postgresName(name: string): string {
  const bytes = new TextEncoder();
  let out = "";
  for (const ch of name) {
    if (bytes.encode(out + ch).length > 63) break;
    out += ch;
  }
  return out;
}

/** One row of the query's result: a scored customer as `score` gives it, the id as the engine returns it. */
export type SqlScore = Omit<ScoredCustomer, "id"> & { id: string };

const numberOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * Checks the tables (with `label`, the label column too: pass what the query
 * was exported with), runs the exported query, returns its rows.
 *
 * @example
 * ```ts
 * const db = await openDuckDb();
 * declare const sql: string;
 * const scores = await scoreInEngine(db, sql);
 * ```
 */
export async function scoreInEngine(
  db: SqlEngine,
  sql: string,
  options: { label?: boolean } = {},
): Promise<SqlScore[]> {
  await checkInputTables(db, options);
  const rows = await db.rows(sql);
  return rows.map((r) => ({
    id: String(r.id),
    probability: numberOrNull(r.probability),
    flagged: r.flagged === null || r.flagged === undefined ? null : Number(r.flagged) === 1,
    profit: numberOrNull(r.profit),
    profitAtRisk: numberOrNull(r.profit_at_risk),
    status: String(r.status) as ScoreStatus,
    actionSegment: r.action_segment === null || r.action_segment === undefined
      ? null
      : String(r.action_segment) as ActionSegmentId,
  }));
}
