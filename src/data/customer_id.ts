/**
 * Customer ids as the store's database has them: 64-bit integers. A JS number
 * holds integers exactly only up to 2^53, so an id never becomes one: polars
 * keeps it as Int64 while the tables are checked and sorted, and everything
 * past the data stage sees its exact decimal text.
 *
 * @module
 */
import pl from "nodejs-polars";

/** A customer id: the exact decimal text of a 64-bit integer, e.g. `"215348"`. */
export type CustomerId = string;

/**
 * The exact text of an integer id column (a JS array of numbers would round
 * ids of 2^53 and more).
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * const s = pl.Series("id", ["9007199254740993"]).cast(pl.Int64);
 * idTexts(s); // ["9007199254740993"]
 * ```
 */
export function idTexts(column: pl.Series): CustomerId[] {
  return column.cast(pl.Utf8).toArray() as CustomerId[];
}

/**
 * Orders ids numerically (as the data stage sorts them).
 *
 * @example
 * ```ts
 * ["10", "9", "-1"].sort(compareIds); // ["-1", "9", "10"]
 * ```
 */
export function compareIds(a: CustomerId, b: CustomerId): number {
  const x = BigInt(a), y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Dense integer codes for row keys, in order of first appearance: the splits
 * group rows by these. On a frame sorted by id, the code order is the order of
 * the keys' smallest ids.
 *
 * @example
 * ```ts
 * denseCodes(["5", "5", "7", "5"]); // Int32Array [0, 0, 1, 0]
 * ```
 */
export function denseCodes(keys: readonly string[]): Int32Array {
  const code = new Map<string, number>();
  return Int32Array.from(keys, (k) => {
    let c = code.get(k);
    if (c === undefined) code.set(k, c = code.size);
    return c;
  });
}
