/**
 * The fitted preprocessing as SQL: each output column of the pipeline's column
 * transformer (`x0`, `x1`, … in its order) from the cleaned customer columns,
 * with the same float64 operations as `column_transformer.ts`, so the model
 * sees bit-identical inputs (a tree's comparisons and KNN's ranking need that).
 *
 * @module
 */
import type { FittedStep } from "../models/column_transformer.ts";
import { CLEANED_COLUMNS, CLEANING_CTES } from "./cleaning_sql.ts";
import type { Cte } from "./cte.ts";
import { type Dialect, text } from "./dialect.ts";

/** Name of the CTE with `id` and the model's inputs `x0 … x{n−1}`. */
export const FEATURES_CTE = "features";

/** The name of the model's input column `j`. */
export const x = (j: number): string => `x${j}`;

/**
 * The model's input columns as SQL expressions over the `cleaned` CTE: one-hot
 * (unknown and dropped categories as zeros), ordinal (an unknown value gives
 * NULL, so no score, where the pipeline would refuse), scaled numbers
 * `(value − offset) / scale` (passthrough: offset 0, scale 1, as the pipeline).
 */
export function featureExpressions(d: Dialect, steps: readonly FittedStep[]): string[] {
  const known = new Set(CLEANED_COLUMNS);
  const column = (c: string) => {
    if (!known.has(c)) throw new Error(`the pipeline reads "${c}", which is not a column of the store's tables`);
    return c;
  };
  return steps.flatMap((s): string[] => {
    switch (s.kind) {
      case "onehot":
        return s.columns.flatMap((c, i) =>
          s.categories[i]!.slice(s.dropFirst ? 1 : 0).map((v) =>
            `CASE WHEN ${column(c)} = ${text(v)} THEN ${d.num(1)} ELSE ${d.num(0)} END`
          )
        );
      case "ordinal":
        return s.columns.map((c, i) =>
          `CASE ${column(c)} ${s.categories[i]!.map((v, j) => `WHEN ${text(v)} THEN ${d.num(j)}`).join(" ")} END`
        );
      case "standard":
      case "minmax":
        return s.columns.map((c, i) => `(${column(c)} - ${d.num(s.offset[i]!)}) / ${d.num(s.scale[i]!)}`);
      case "passthrough":
        return s.columns.map((c) => `(${column(c)} - ${d.num(0)}) / ${d.num(1)}`);
    }
  });
}

/**
 * The `features` CTE: `id, x0 … x{n−1}` for every active customer.
 *
 * @example
 * ```ts
 * import { dialectOf } from "./dialect.ts";
 * const cte = featuresCte(dialectOf("duckdb")!, [{ kind: "standard", columns: ["duration_days"], offset: [600], scale: [250] }]);
 * cte.query; // "SELECT id,\n  (duration_days - 6e+2) / 2.5e+2 AS x0\nFROM cleaned"
 * ```
 */
export function featuresCte(d: Dialect, steps: readonly FittedStep[]): Cte {
  const columns = featureExpressions(d, steps).map((e, j) => `${e} AS ${x(j)}`);
  return {
    name: FEATURES_CTE,
    comment: "the fitted preprocessing: one-hot (unknown categories as zeros), ordinal service type, scaler",
    query: `SELECT id,\n  ${columns.join(",\n  ")}\nFROM ${CLEANING_CTES.cleaned}`,
    materialize: true,
  };
}
