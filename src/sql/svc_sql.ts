/**
 * An SVC as SQL: the support vectors as a table of constants, the kernel sum
 * Σ dualCoef · K(sv, x) − rho over a join with every customer (oriented so
 * that larger means class 1, as `svc.ts`), then Platt's probability (see
 * `platt_sql.ts`). RBF, linear, polynomial and sigmoid kernels.
 *
 * @module
 */
import { SVC_DEFAULTS, type SvcParams, type SvcState } from "../models/svc.ts";
import { valuesTable } from "./cte.ts";
import type { Dialect } from "./dialect.ts";
import { FEATURES_CTE, x } from "./features_sql.ts";
import type { Part } from "./part.ts";
import { EXP_FLOOR, safeExp } from "./part.ts";
import { plattCtes } from "./platt_sql.ts";

/** The support vector's column `j` in the constants table. */
const v = (j: number) => `v${j}`;

/**
 * The kernel of input row `c` and support vector `s`, summed in `svc_kernel.ts`'s order.
 *
 * @example
 * ```ts
 * import { dialectOf } from "./dialect.ts";
 * kernelSql(dialectOf("duckdb")!, { kernel: "rbf", C: 1 }, 0.5, 2);
 * // "EXP(GREATEST((-5e-1) * ((c.x0 - s.v0) * (c.x0 - s.v0) + (c.x1 - s.v1) * (c.x1 - s.v1)), (-7.08e+2)))"
 * ```
 */
export function kernelSql(d: Dialect, params: SvcParams, gamma: number, cols: number): string {
  const p = { ...SVC_DEFAULTS, ...params };
  const idx = Array.from({ length: cols }, (_, j) => j);
  if (p.kernel === "rbf") {
    const d2 = idx.map((j) => `(c.${x(j)} - s.${v(j)}) * (c.${x(j)} - s.${v(j)})`).join(" + ");
    return safeExp(`${d.num(-gamma)} * (${d2})`, d.num(EXP_FLOOR));
  }
  const dot = `(${idx.map((j) => `c.${x(j)} * s.${v(j)}`).join(" + ")})`;
  if (p.kernel === "linear") return dot;
  const inner = `(${d.num(gamma)} * ${dot} + ${d.num(p.coef0)})`;
  // powi in svc_kernel.ts multiplies; an integer power is exact enough either way (1e−9 is the bar).
  if (p.kernel === "poly") return `POWER(${inner}, ${p.degree})`;
  return `TANH(${inner})`;
}

/**
 * The part of a fitted SVC (model.json's `params` and `state`), reading `input`'s `id, x0 …`.
 *
 * @example
 * ```ts
 * import { dialectOf } from "./dialect.ts";
 * const state = { gamma: 1, supportVectors: [[0], [1]], dualCoef: [-1, 1], rho: 0, labelOrder: [0, 1] as [number, number], probA: -2, probB: 0 };
 * svcPart(dialectOf("duckdb")!, { kernel: "rbf", C: 1 }, state, "m").name; // "m_p"
 * ```
 */
export function svcPart(
  d: Dialect,
  params: SvcParams,
  state: SvcState,
  prefix: string,
  input = FEATURES_CTE,
): Part {
  const { probA, probB } = state;
  if (probA === undefined || probB === undefined) {
    throw new Error("the SVC was fitted without probabilities (no Platt parameters)");
  }
  const cols = state.supportVectors[0]?.length ?? 0;
  const sign = state.labelOrder[0] === 1 ? 1 : -1;
  const columns = ["coef", ...Array.from({ length: cols }, (_, j) => v(j))];
  const rows = state.supportVectors.map((sv, i) => [d.num(state.dualCoef[i]!), ...sv.map((a) => d.num(a))]);
  return {
    ctes: [
      {
        name: `${prefix}_sv`,
        comment: `SVC: the ${rows.length} support vectors (coef = y·alpha) — a parameter table`,
        query: `SELECT * FROM ${valuesTable("sv", columns, rows)}`,
      },
      {
        name: `${prefix}_f`,
        comment: "SVC: decision value = sign · (Σ coef · K(sv, x) − rho)",
        query: `SELECT c.id, ${d.num(sign)} * (SUM(s.coef * ${kernelSql(d, params, state.gamma, cols)}) - ${
          d.num(state.rho)
        }) AS f\nFROM ${input} c CROSS JOIN ${prefix}_sv s\nGROUP BY c.id`,
        materialize: true,
      },
      ...plattCtes(d, `${prefix}_f`, probA, probB, prefix),
    ],
    name: `${prefix}_p`,
  };
}
