/**
 * Logistic regression as SQL: the linear formula over the model's inputs, in
 * the order `logistic.ts` sums it, then the logistic function.
 *
 * @module
 */
import type { Dialect } from "./dialect.ts";
import { FEATURES_CTE, x } from "./features_sql.ts";
import { type Part, sigmoidSql } from "./part.ts";
import { EXP_FLOOR } from "./part.ts";

/** The fitted state `logistic.ts` stores. */
export interface LogisticState {
  coef: number[];
  intercept: number;
}

/**
 * The part of a fitted logistic regression.
 *
 * @param d the dialect
 * @param state the model's `state` from model.json
 * @param prefix names its CTEs
 * @param input the CTE with `id, x0 …` it reads
 *
 * @example
 * ```ts
 * import { dialectOf } from "./dialect.ts";
 * logisticPart(dialectOf("duckdb")!, { coef: [2], intercept: -1 }, "m").ctes[0]!.query;
 * // "SELECT id, (-1e+0) + 2e+0 * x0 AS z\nFROM features"
 * ```
 */
export function logisticPart(d: Dialect, state: LogisticState, prefix: string, input = FEATURES_CTE): Part {
  const terms = state.coef.map((c, j) => `${d.num(c)} * ${x(j)}`);
  return {
    ctes: [
      {
        name: `${prefix}_z`,
        comment: "logistic regression: intercept + Σ coefficient · input",
        query: `SELECT id, ${[d.num(state.intercept), ...terms].join(" + ")} AS z\nFROM ${input}`,
      },
      {
        name: `${prefix}_p`,
        comment: "logistic regression: the logistic function",
        query: `SELECT id, ${sigmoidSql("z", d.num(EXP_FLOOR))} AS probability\nFROM ${prefix}_z`,
      },
    ],
    name: `${prefix}_p`,
  };
}
