/**
 * A categorical column as small integer codes: each row's level once looked up
 * in a Map, so that the many passes over a column (the EDA's association
 * matrix, one per other column; the segments' profiles, one per segment) count
 * into arrays instead of hashing a million strings each time.
 *
 * @module
 */

/** A column's levels and each row's index into them. */
export interface CategoryCodes {
  /** The distinct levels in order of first appearance. */
  levels: string[];
  /** `codes[i]`: the index in `levels` of row i's level. */
  codes: Int32Array;
}

/**
 * Codes of `values`, levels numbered in order of first appearance (the order
 * a Map keyed by the level iterates in, which sums over levels keep).
 *
 * @example
 * ```ts
 * encodeCategories(["b", "a", "b"]); // { levels: ["b", "a"], codes: Int32Array [0, 1, 0] }
 * ```
 */
export function encodeCategories(values: readonly string[]): CategoryCodes {
  const index = new Map<string, number>();
  const levels: string[] = [];
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let c = index.get(v);
    if (c === undefined) c = levels.push(v) - 1, index.set(v, c);
    codes[i] = c;
  }
  return { levels, codes };
}
