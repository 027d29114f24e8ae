/**
 * A model part: the CTEs that turn the `features` CTE into one probability per
 * customer. A family's model is one part; an ensemble averages parts (see
 * `model_sql.ts`).
 *
 * @module
 */
import type { Cte } from "./cte.ts";

/** CTEs ending in `name`, whose rows are `id, probability`. */
export interface Part {
  ctes: Cte[];
  name: string;
}

/**
 * The smallest argument passed to EXP: PostgreSQL raises an error when exp
 * underflows (below about −745; subnormal results from about −708), where
 * JavaScript returns a tiny number or 0. Clamping changes results only below
 * 1e−307, far inside the 1e−9 the scores must agree to.
 */
export const EXP_FLOOR = -708;

/**
 * `exp(e)` safe in every engine (see {@linkcode EXP_FLOOR}); `e` must not be
 * positive beyond 709 (callers pass non-positive arguments).
 *
 * @example
 * ```ts
 * safeExp("-z", "-7.08e+2"); // "EXP(GREATEST(-z, -7.08e+2))"
 * ```
 */
export function safeExp(e: string, floor: string): string {
  return `EXP(GREATEST(${e}, ${floor}))`;
}

/**
 * The logistic function of `z` as `sigmoid` in `estimator.ts` computes it:
 * 1 / (1 + e^−z) for z ≥ 0, e^z / (1 + e^z) below (never exp of a positive
 * number, so never an overflow).
 *
 * @example
 * ```ts
 * sigmoidSql("z", "-7.08e+2");
 * ```
 */
export function sigmoidSql(z: string, floor: string): string {
  return `CASE WHEN ${z} >= 0 THEN 1 / (1 + ${safeExp(`-(${z})`, floor)}) ` +
    `ELSE ${safeExp(z, floor)} / (1 + ${safeExp(z, floor)}) END`;
}
