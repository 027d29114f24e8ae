/**
 * Columns of the merged frame as the segment stage and the decisions read
 * them for a million customers: numbers as one typed array (polars' cast and
 * buffer copy, not a JS array of boxed values), texts with one string per
 * distinct value (the napi copy gives every row its own string; a million
 * copies of five category names are hundreds of megabytes the garbage
 * collector then walks on every pass).
 *
 * @module
 */
import pl from "nodejs-polars";

/**
 * `Number(v)` of every value of column `name` (a null is 0, as `Number(null)`).
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * numberColumn(pl.DataFrame({ x: [1, 2] }), "x"); // Float64Array [1, 2]
 * ```
 */
export function numberColumn(frame: pl.DataFrame, name: string): Float64Array {
  const s = frame.getColumn(name);
  // Exact: every store number is within 2^53, where float64 holds integers exactly.
  if (s.nullCount() === 0 && s.isNumeric()) return Float64Array.from(s.cast(pl.Float64).toTypedArray());
  return Float64Array.from(s.toArray() as unknown[], Number);
}

/**
 * `String(v)` of every value of column `name`, rows with equal text sharing
 * one string.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * textColumn(pl.DataFrame({ c: ["да", "нет", "да"] }), "c"); // ["да", "нет", "да"]
 * ```
 */
export function textColumn(frame: pl.DataFrame, name: string): string[] {
  const texts = new Map<unknown, string>();
  return (frame.getColumn(name).toArray() as unknown[]).map((v) => {
    let t = texts.get(v);
    if (t === undefined) texts.set(v, t = String(v));
    return t;
  });
}
