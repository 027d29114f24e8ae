/**
 * Cramér's V of two categorical samples, without the bias correction:
 * √(χ²/n / (min(r, c) − 1)) from the r × c contingency table, as
 * `scipy.stats.contingency.association(table, method="cramer")` computes it
 * (χ² without Yates' continuity correction). In [0, 1].
 *
 * @module
 */

/**
 * The contingency table of two samples: rows are the sorted levels of `a`,
 * columns those of `b`.
 *
 * @example
 * ```ts
 * contingency(["x", "y", "x"], ["u", "u", "v"]).counts; // [[1, 1], [1, 0]]
 * ```
 */
export function contingency(a: readonly string[], b: readonly string[]): {
  rows: string[];
  columns: string[];
  counts: number[][];
} {
  if (a.length !== b.length) throw new Error(`Samples differ in length: ${a.length} and ${b.length}`);
  const rows = [...new Set(a)].sort(), columns = [...new Set(b)].sort();
  const ri = new Map(rows.map((v, i) => [v, i])), ci = new Map(columns.map((v, i) => [v, i]));
  const counts = rows.map(() => new Array<number>(columns.length).fill(0));
  for (let i = 0; i < a.length; i++) counts[ri.get(a[i]!)!]![ci.get(b[i]!)!]!++;
  return { rows, columns, counts };
}

/**
 * Cramér's V (not bias-corrected); NaN when either sample has one level.
 *
 * @example
 * ```ts
 * cramersV(["a", "a", "b", "b"], ["x", "x", "y", "y"]); // 1
 * ```
 */
export function cramersV(a: readonly string[], b: readonly string[]): number {
  const { counts } = contingency(a, b);
  const r = counts.length, c = counts[0]?.length ?? 0;
  const k = Math.min(r, c) - 1;
  if (k < 1) return NaN;
  const n = a.length;
  const rowSum = counts.map((row) => row.reduce((s, v) => s + v, 0));
  const colSum = Array.from({ length: c }, (_, j) => counts.reduce((s, row) => s + row[j]!, 0));
  let chi2 = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const expected = (rowSum[i]! * colSum[j]!) / n;
      chi2 += (counts[i]![j]! - expected) ** 2 / expected;
    }
  }
  return Math.min(1, Math.sqrt(chi2 / n / k));
}
