/**
 * Numbers for Russian readers in EDA sentences and chart labels: decimal
 * comma, a non-breaking space between thousands from five digits on (as
 * Russian typography and CLDR do: «4950», «49 500»), and a true minus sign.
 *
 * @module
 */

/** Non-breaking space: a number never wraps across lines. */
const NBSP = "\u00a0";
/** U+2212, the typographic minus (Plot's axes use it too). */
const MINUS = "\u2212";

/**
 * Fixed decimals in Russian notation; never "−0". Non-finite values read «—».
 *
 * @param x the number
 * @param digits decimals after the comma
 * @returns e.g. "12 345,6"
 * @example
 * ```ts
 * ruNumber(-12345.678, 1); // "−12 345,7"
 * ruNumber(4950, 0); // "4950"
 * ```
 */
export function ruNumber(x: number, digits: number): string {
  if (!Number.isFinite(x)) return "—";
  const fixed = Math.abs(x).toFixed(digits);
  const negative = x < 0 && /[1-9]/.test(fixed);
  const [whole = "", fraction] = fixed.split(".");
  const grouped = whole.length >= 5 ? whole.replace(/\B(?=(\d{3})+$)/g, NBSP) : whole;
  return (negative ? MINUS : "") + grouped + (fraction === undefined ? "" : "," + fraction);
}

/**
 * A share as a percentage with `digits` decimals.
 *
 * @example
 * ```ts
 * ruPercent(0.3817); // "38,2 %"
 * ```
 */
export function ruPercent(share: number, digits = 1): string {
  return `${ruNumber(share * 100, digits)}${NBSP}%`;
}

/**
 * A number with as many decimals as its size needs to show about three
 * significant digits (at most `maxDigits`): means of features of any scale.
 *
 * @example
 * ```ts
 * ruAuto(0.123456); // "0,123"
 * ruAuto(5234.5); // "5235"
 * ruAuto(15); // "15,0"
 * ```
 */
export function ruAuto(x: number, maxDigits = 3): string {
  if (!Number.isFinite(x)) return "—";
  const a = Math.abs(x);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
  return ruNumber(x, Math.min(digits, maxDigits));
}

/**
 * A round number (an axis tick, a threshold) with no trailing zeros.
 *
 * @example
 * ```ts
 * ruShort(0.5); // "0,5"
 * ruShort(0.7); // "0,7"
 * ruShort(12000); // "12 000"
 * ```
 */
export function ruShort(x: number, maxDigits = 3): string {
  return ruNumber(x, maxDigits).replace(/,(\d*?)0+$/, (_, d: string) => (d ? "," + d : ""));
}
