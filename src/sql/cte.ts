/**
 * A common table expression: the unit the exported query is assembled from.
 * Every step of the pipeline (cleaning, preprocessing, each model part, the
 * probability mapping) is one or more named CTEs reading earlier ones.
 *
 * @module
 */

/** One `name AS (query)` of a WITH clause. */
export interface Cte {
  name: string;
  /** A comment line written above it: what the step does. */
  comment: string;
  query: string;
  /**
   * Computed once and kept, not inlined into its readers: set where inlining
   * would copy large expressions (the features into every kernel or distance
   * term, each Platt round into the next) — see `Dialect.materialized`.
   */
  materialize?: boolean;
}

/**
 * The WITH clause of `ctes` followed by the main query; `materialized` is
 * what CTEs marked `materialize` get instead of `AS`.
 *
 * @example
 * ```ts
 * withQuery([{ name: "a", comment: "one row", query: "SELECT 1 AS x" }], "SELECT x FROM a");
 * // "WITH\n-- one row\na AS (\n  SELECT 1 AS x\n)\nSELECT x FROM a"
 * ```
 */
export function withQuery(ctes: readonly Cte[], main: string, materialized = "AS"): string {
  const parts = ctes.map((c) =>
    `-- ${c.comment}\n${c.name} ${c.materialize ? materialized : "AS"} (\n${indent(c.query)}\n)`
  );
  return `WITH\n${parts.join(",\n")}\n${main}`;
}

/** `text` with every line indented by two spaces. */
export function indent(text: string): string {
  return text.split("\n").map((l) => (l ? `  ${l}` : l)).join("\n");
}

/**
 * A derived table of constants: `(VALUES (…), (…)) AS name(columns)`, one
 * line per row.
 *
 * @example
 * ```ts
 * valuesTable("t", ["a", "b"], [["1", "2"]]); // "(VALUES\n  (1, 2)\n) AS t(a, b)"
 * ```
 */
export function valuesTable(name: string, columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = rows.map((r) => `  (${r.join(", ")})`).join(",\n");
  return `(VALUES\n${lines}\n) AS ${name}(${columns.join(", ")})`;
}
