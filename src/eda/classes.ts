/**
 * The two classes of the target as the EDA compares them: «Снизилась»
 * (target 1, the positive class) and «Прежний уровень» (target 0), and the
 * columns of the merged frame read as plain arrays.
 *
 * @module
 */
import pl from "nodejs-polars";
import { LABEL_DROPPED, LABEL_SAME } from "../data/schema.ts";

/** One value per class. */
export interface ByClass<T> {
  /** «Снизилась»: target = 1. */
  dropped: T;
  /** «Прежний уровень»: target = 0. */
  same: T;
}

/** The classes in display order, with their Russian labels. */
export const CLASSES = [
  { key: "dropped", label: LABEL_DROPPED, target: 1 },
  { key: "same", label: LABEL_SAME, target: 0 },
] as const;

/** Name of the 0/1 target column of the merged frame. */
export const TARGET_COLUMN = "target";

/**
 * The target as 0/1 per row.
 *
 * @example
 * ```ts
 * import type pl from "nodejs-polars";
 * import { targetOf } from "./classes.ts";
 * declare const frame: pl.DataFrame;
 * targetOf(frame).reduce((a, b) => a + b, 0); // customers whose activity dropped
 * ```
 */
export function targetOf(frame: pl.DataFrame): Uint8Array {
  const y = Uint8Array.from(numericColumn(frame, TARGET_COLUMN));
  y.forEach((v, i) => {
    if (v !== 0 && v !== 1) throw new Error(`Target must be 0 or 1, got "${v}" in row ${i}`);
  });
  return y;
}

/**
 * A numeric column as Float64Array.
 *
 * @example
 * ```ts
 * import type pl from "nodejs-polars";
 * import { numericColumn } from "./classes.ts";
 * declare const frame: pl.DataFrame;
 * numericColumn(frame, "profit")[0];
 * ```
 */
export function numericColumn(frame: pl.DataFrame, name: string): Float64Array {
  if (!frame.columns.includes(name)) throw new Error(`The frame has no column "${name}"`);
  const s = frame.getColumn(name);
  // polars' own cast and buffer copy: no JS array of a million numbers on the way.
  if (s.nullCount() === 0 && s.isNumeric()) return Float64Array.from(s.cast(pl.Float64).toTypedArray());
  return Float64Array.from(s.toArray() as number[], Number);
}

/**
 * A categorical column as strings.
 *
 * @example
 * ```ts
 * import type pl from "nodejs-polars";
 * import { categoryColumn } from "./classes.ts";
 * declare const frame: pl.DataFrame;
 * categoryColumn(frame, "service_type")[0]; // "стандарт"
 * ```
 */
export function categoryColumn(frame: pl.DataFrame, name: string): string[] {
  return (columnOf(frame, name) as unknown[]).map(String);
}

/**
 * The values of `x` split by class.
 *
 * @example
 * ```ts
 * splitByClass(Float64Array.of(5, 6, 7), Uint8Array.of(1, 0, 1)).dropped; // [5, 7]
 * ```
 */
export function splitByClass<T>(x: ArrayLike<T>, y: Uint8Array): ByClass<T[]> {
  const out: ByClass<T[]> = { dropped: [], same: [] };
  for (let i = 0; i < y.length; i++) (y[i] ? out.dropped : out.same).push(x[i]!);
  return out;
}

/**
 * The numbers `x` split by class into typed arrays, in row order — what
 * {@linkcode splitByClass} gives for numbers, without growing JS arrays.
 *
 * @example
 * ```ts
 * splitNumbersByClass(Float64Array.of(5, 6, 7), Uint8Array.of(1, 0, 1)).dropped; // Float64Array [5, 7]
 * ```
 */
export function splitNumbersByClass(x: ArrayLike<number>, y: Uint8Array): ByClass<Float64Array> {
  if (x.length !== y.length) throw new Error(`Expected ${y.length} values, got ${x.length}`);
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i] ? 1 : 0;
  const out = { dropped: new Float64Array(positives), same: new Float64Array(y.length - positives) };
  for (let i = 0, d = 0, s = 0; i < y.length; i++) {
    if (y[i]) out.dropped[d++] = x[i]!;
    else out.same[s++] = x[i]!;
  }
  return out;
}

function columnOf(frame: pl.DataFrame, name: string): unknown[] {
  if (!frame.columns.includes(name)) throw new Error(`The frame has no column "${name}"`);
  return frame.getColumn(name).toArray() as unknown[];
}
