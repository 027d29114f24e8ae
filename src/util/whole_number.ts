/**
 * The one parser of whole numbers given as text (flags, environment
 * variables): digits (a leading minus when `min` < 0), exact (|n| ≤ 2^53 − 1),
 * at least `min`.
 *
 * @module
 */

/**
 * The whole number `text` spells (spaces around allowed), or undefined when
 * it is not one or is below `min`.
 *
 * @example
 * ```ts
 * import { parseWhole } from "./whole_number.ts";
 * parseWhole("42"); // 42
 * parseWhole("4.2"); // undefined
 * parseWhole("0", 1); // undefined
 * parseWhole("-3", -10); // -3
 * ```
 */
export function parseWhole(text: string, min = 0): number | undefined {
  const n = (min < 0 ? /^\s*-?\d+\s*$/ : /^\s*\d+\s*$/).test(text) ? Number(text) : NaN;
  return Number.isSafeInteger(n) && n >= min ? n : undefined;
}
