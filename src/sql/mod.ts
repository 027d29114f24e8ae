/**
 * In-database scoring: a saved model as one SQL query over the store's four
 * tables (`exportSql`), the dialects it is written in, loading an export into
 * an engine, and running the query on DuckDB or PostgreSQL with a check of
 * the input tables. See docs/sql.md.
 *
 * @module
 */
export { type DialectName, dialectOf, DIALECTS } from "./dialect.ts";
export { exportSql, type ExportSqlOptions, SQL_INPUT_TABLES, UnsupportedDialectError } from "./export_sql.ts";
export { loadStatements, normaliseExport, type TableFile } from "./load_export.ts";
export {
  checkInputTables,
  hasLabelColumn,
  openDuckDb,
  openPostgres,
  scoreInEngine,
  type SqlEngine,
  type SqlScore,
} from "./engine.ts";
