/**
 * Cramér's V, the strength of association between two categorical
 * variables: √(χ² / (n · (min(r, c) − 1))) from the r × c contingency table,
 * with Pearson's χ² without Yates' continuity correction and without the
 * bias correction, as `scipy.stats.contingency.association(table,
 * method="cramer")` computes it. In [0, 1]; 0 = no association.
 *
 * @module
 */

/**
 * Cramér's V of a table of counts. Rows or columns without any count are
 * dropped first: a level nobody has carries no information and would divide
 * by zero. NaN when fewer than two rows or two columns remain.
 *
 * @param table counts, one row per level of the first variable
 * @example
 * ```ts
 * import { cramersV } from "./cramers_v.ts";
 * cramersV([[10, 20], [30, 5]]); // ≈ 0.537
 * cramersV([[2, 0], [0, 2]]); // 1
 * ```
 */
export function cramersV(table: readonly (readonly number[])[]): number {
  const rowsIn = table.filter((r) => r.some((v) => v > 0));
  const width = rowsIn[0]?.length ?? 0;
  const keep = Array.from({ length: width }, (_, j) => j).filter((j) => rowsIn.some((r) => r[j]! > 0));
  const k = Math.min(rowsIn.length, keep.length) - 1;
  if (k < 1) return NaN;
  const rowSum = rowsIn.map((r) => keep.reduce((s, j) => s + r[j]!, 0));
  const colSum = keep.map((j) => rowsIn.reduce((s, r) => s + r[j]!, 0));
  const n = rowSum.reduce((s, v) => s + v, 0);
  let chi2 = 0;
  rowsIn.forEach((r, i) =>
    keep.forEach((j, c) => {
      const e = (rowSum[i]! * colSum[c]!) / n, d = r[j]! - e;
      chi2 += (d * d) / e;
    })
  );
  return Math.min(1, Math.sqrt(chi2 / (n * k)));
}
