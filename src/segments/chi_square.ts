/**
 * The chi-square test of independence on a contingency table, with Cramér's V
 * as its effect size: the categorical counterpart of the Mann–Whitney test.
 *
 * @module
 */
import { cramersV } from "../stats/cramers_v.ts";
import { chi2Sf } from "./distributions.ts";

/** A test of association between the rows and columns of a table. */
export interface ChiSquare {
  /** The test statistic, with Yates' correction when dof = 1 (as the p-value uses). */
  chi2: number;
  dof: number;
  p: number;
  /** Cramér's V from the uncorrected χ² (see `src/stats/cramers_v.ts`); 0 when dof = 0. */
  cramersV: number;
}

/**
 * Chi-square test as `scipy.stats.chi2_contingency(table)` computes it (Yates'
 * correction for 2×2), and Cramér's V as `scipy.stats.contingency.association(
 * table, method="cramer")` does. Rows or columns without any count are dropped
 * first: a level nobody has carries no information and would divide by zero.
 *
 * @example
 * ```ts
 * chiSquareTest([[10, 20], [30, 5]]).cramersV; // ≈ 0.53
 * ```
 */
export function chiSquareTest(table: readonly (readonly number[])[]): ChiSquare {
  const rowsIn = table.filter((r) => r.some((v) => v > 0));
  const width = rowsIn[0]?.length ?? 0;
  const keep = Array.from({ length: width }, (_, j) => j).filter((j) => rowsIn.some((r) => r[j]! > 0));
  const obs = rowsIn.map((r) => keep.map((j) => r[j]!));
  const rows = obs.map((r) => r.reduce((s, v) => s + v, 0));
  const cols = keep.map((_, j) => obs.reduce((s, r) => s + r[j]!, 0));
  const total = rows.reduce((s, v) => s + v, 0);
  const dof = (rows.length - 1) * (cols.length - 1);
  if (dof <= 0) return { chi2: 0, dof: 0, p: 1, cramersV: 0 };
  let plain = 0, yates = 0;
  obs.forEach((r, i) =>
    r.forEach((o, j) => {
      const e = (rows[i]! * cols[j]!) / total, d = Math.abs(o - e);
      plain += (d * d) / e;
      const dy = d - Math.min(0.5, d); // scipy moves each count up to 0.5 towards its expectation
      yates += (dy * dy) / e;
    })
  );
  const chi2 = dof === 1 ? yates : plain;
  return { chi2, dof, p: chi2Sf(chi2, dof), cramersV: cramersV(obs) };
}
