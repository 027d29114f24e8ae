/**
 * The contingency table of two categorical samples: how often each pair of
 * levels occurs together.
 *
 * @module
 */

/** A contingency table with its row and column levels. */
export interface Contingency {
  /** The sorted levels of the first sample. */
  rows: string[];
  /** The sorted levels of the second sample. */
  columns: string[];
  /** `counts[i][j]`: how many positions hold `rows[i]` in the first sample and `columns[j]` in the second. */
  counts: number[][];
}

/**
 * The contingency table of two equally long samples.
 *
 * @example
 * ```ts
 * import { contingency } from "./contingency.ts";
 * contingency(["x", "y", "x"], ["u", "u", "v"]).counts; // [[1, 1], [1, 0]]
 * ```
 */
export function contingency(a: readonly string[], b: readonly string[]): Contingency {
  if (a.length !== b.length) throw new Error(`Samples differ in length: ${a.length} and ${b.length}`);
  const rows = [...new Set(a)].sort(), columns = [...new Set(b)].sort();
  const ri = new Map(rows.map((v, i) => [v, i])), ci = new Map(columns.map((v, i) => [v, i]));
  const counts = rows.map(() => new Array<number>(columns.length).fill(0));
  for (let i = 0; i < a.length; i++) counts[ri.get(a[i]!)!]![ci.get(b[i]!)!]!++;
  return { rows, columns, counts };
}
