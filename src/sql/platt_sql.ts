/**
 * SVC's probability as SQL: Platt's sigmoid of the decision value, clipped as
 * LIBSVM clips it, then LIBSVM's `multiclass_probability` iteration for two
 * classes (what `plattProbability` in `platt.ts` computes). That iteration
 * starts at (½, ½) and stops once within 0.0025 of the fixed point; it is
 * unrolled here, each round a no-op once stopped. Two rounds always suffice:
 * over 4 000 001 evenly spaced sigmoid values in [0, 1] the stopping measure
 * after two rounds is at most 1.4e−4, 17 times below the tolerance (and it is
 * continuous in the sigmoid value), so the third check always stops. More
 * rounds would only grow the query: engines that inline CTEs (PostgreSQL,
 * Trino, Spark) copy each round's expressions into the next, and four rounds
 * made PostgreSQL's planner run out of memory. The tests check the SQL
 * against `plattProbability` over decision values.
 *
 * @module
 */
import type { Cte } from "./cte.ts";
import type { Dialect } from "./dialect.ts";
import { EXP_FLOOR, safeExp } from "./part.ts";

/** Rounds of the unrolled iteration (LIBSVM allows 100; 2 always suffice, see the module doc). */
export const PLATT_ROUNDS = 2;

/** LIBSVM's clip of the sigmoid (`min_prob`). */
const MIN_PROB = 1e-7;

/** LIBSVM's stopping tolerance for two classes: 0.005 / k. */
const EPS = 0.005 / 2;

/**
 * CTEs mapping `from`'s `id, f` (the decision value) to `id, probability`;
 * the last is named `${prefix}_p`.
 *
 * @param d the dialect
 * @param from a CTE with columns `id, f`
 * @param probA Platt's A (scikit-learn's sign convention, as `SvcState.probA`)
 * @param probB Platt's B
 * @param prefix names the CTEs
 *
 * @example
 * ```ts
 * import { dialectOf } from "./dialect.ts";
 * plattCtes(dialectOf("duckdb")!, "m_f", -2, 0.1, "m").at(-1)!.name; // "m_p"
 * ```
 */
export function plattCtes(d: Dialect, from: string, probA: number, probB: number, prefix: string): Cte[] {
  const n = (v: number) => d.num(v), floor = n(EXP_FLOOR);
  const fApB = `-f * ${n(probA)} + ${n(probB)}`;
  const sigmoid = `CASE WHEN ${fApB} >= 0 THEN ${safeExp(`-(${fApB})`, floor)} / (1 + ${
    safeExp(`-(${fApB})`, floor)
  }) ELSE 1 / (1 + ${safeExp(fApB, floor)}) END`;
  const ctes: Cte[] = [
    {
      name: `${prefix}_s`,
      comment: "SVC: Platt's sigmoid of the decision value (P of class 0), clipped as LIBSVM does",
      query: `SELECT id, LEAST(GREATEST(${sigmoid}, ${n(MIN_PROB)}), ${n(1 - MIN_PROB)}) AS r01\nFROM ${from}`,
    },
    {
      name: `${prefix}_q0`,
      comment: "SVC: LIBSVM's two-class coupling, Q = [[r10², −r10·r01], [−r10·r01, r01²]], p = (½, ½)",
      query: `SELECT id, (1 - r01) * (1 - r01) AS q00, -(1 - r01) * r01 AS q01, r01 * r01 AS q11,\n` +
        `  ${n(0.5)} AS p0, ${n(0.5)} AS p1, 0 AS done\nFROM ${prefix}_s`,
      materialize: true,
    },
  ];
  const keep = "id, q00, q01, q11";
  for (let r = 1; r <= PLATT_ROUNDS; r++) {
    const prev = `${prefix}_q${r - 1}`, a = `${prefix}_r${r}a`, b = `${prefix}_r${r}b`, c = `${prefix}_r${r}c`;
    ctes.push(
      {
        name: a,
        comment: `SVC coupling, round ${r}: Qp and pᵀQp`,
        query: `SELECT ${keep}, p0, p1, done, q00 * p0 + q01 * p1 AS qp0, q01 * p0 + q11 * p1 AS qp1,\n` +
          `  p0 * (q00 * p0 + q01 * p1) + p1 * (q01 * p0 + q11 * p1) AS pqp\nFROM ${prev}`,
      },
      {
        name: b,
        comment: `SVC coupling, round ${r}: stop within ${EPS}, else the step for class 0`,
        query: `SELECT ${keep}, p0, p1, qp0, qp1, pqp,\n` +
          `  CASE WHEN done = 1 OR GREATEST(ABS(qp0 - pqp), ABS(qp1 - pqp)) < ${n(EPS)} THEN 1 ELSE 0 END AS done,\n` +
          `  (-qp0 + pqp) / q00 AS d0\nFROM ${a}`,
      },
      {
        name: c,
        comment: `SVC coupling, round ${r}: after the class-0 step, the step for class 1`,
        query: `SELECT ${keep}, p0, p1, done, d0, (p0 + d0) / (1 + d0) AS p0b, p1 / (1 + d0) AS p1b,\n` +
          `  (-((qp1 + d0 * q01) / (1 + d0)) + (pqp + d0 * (d0 * q00 + 2 * qp0)) / (1 + d0) / (1 + d0)) / q11 AS d1\n` +
          `FROM ${b}`,
      },
      {
        name: `${prefix}_q${r}`,
        comment: `SVC coupling, round ${r}: the new p (unchanged once stopped)`,
        query: `SELECT ${keep}, done,\n` +
          `  CASE WHEN done = 1 THEN p0 ELSE p0b / (1 + d1) END AS p0,\n` +
          `  CASE WHEN done = 1 THEN p1 ELSE (p1b + d1) / (1 + d1) END AS p1\nFROM ${c}`,
        materialize: true,
      },
    );
  }
  ctes.push({
    name: `${prefix}_p`,
    comment: "SVC: P(class 1)",
    query: `SELECT id, p1 AS probability\nFROM ${prefix}_q${PLATT_ROUNDS}`,
  });
  return ctes;
}
