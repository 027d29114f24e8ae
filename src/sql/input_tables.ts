/**
 * The tables the exported query reads, with the columns it needs: the store's
 * export as loaded into a database, one table per CSV, named as the file
 * without `.csv`, columns named by the CSV's headers. The label column is not
 * needed (customers to score have none).
 *
 * @module
 */
import { TABLE_NAMES, type TableName, TABLES } from "../data/schema.ts";

/**
 * Each table's required columns (headers), in the export's order.
 *
 * @example
 * ```ts
 * SQL_INPUT_TABLES.money; // ["id", "Прибыль"]
 * ```
 */
export const SQL_INPUT_TABLES: Readonly<Record<TableName, readonly string[]>> = Object.fromEntries(
  TABLE_NAMES.map((t) => [t, TABLES[t].columns.filter((c) => c.name !== "activity").map((c) => c.header)]),
) as unknown as Record<TableName, readonly string[]>;

/**
 * market_file's label column (the CSV's header), read only for the action
 * segment (`exportSql`'s `label` option).
 *
 * @example
 * ```ts
 * LABEL_HEADER; // "Покупательская активность"
 * ```
 */
export const LABEL_HEADER: string = TABLES.market_file.columns.find((c) => c.name === "activity")!.header;
