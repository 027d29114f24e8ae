/**
 * Numbers, shares and dates as a Russian reader expects them in the report:
 * decimal comma, digits grouped by threes with a narrow no-break space from
 * five digits on (four-digit numbers stay whole, as Russian typography has
 * it), a real minus sign, a no-break space before «%», and plural forms.
 *
 * @module
 */

/** Narrow no-break space: groups thousands and never breaks a number across lines. */
export const GROUP = "\u202F";
/** No-break space: between a number and its unit or «%». */
export const NBSP = "\u00A0";
/** The typographic minus. */
export const MINUS = "\u2212";

const MONTHS = [
  "января",
  "февраля",
  "марта",
  "апреля",
  "мая",
  "июня",
  "июля",
  "августа",
  "сентября",
  "октября",
  "ноября",
  "декабря",
];

function assertFinite(x: number): void {
  if (!Number.isFinite(x)) throw new Error(`Cannot format the number "${x}"`);
}

/**
 * A number with `digits` decimals, a decimal comma and grouped thousands.
 *
 * @param x the number
 * @param digits decimals after the comma
 * @returns e.g. "12 345,68" (narrow no-break space) or "−0,5"
 * @example
 * ```ts
 * ruNumber(-12345.678, 2); // "−12 345,68"
 * ruNumber(1297, 0); // "1297"
 * ```
 */
export function ruNumber(x: number, digits = 0): string {
  assertFinite(x);
  const fixed = Math.abs(x).toFixed(digits);
  const [whole, fraction] = fixed.split(".") as [string, string | undefined];
  const grouped = whole.length >= 5 ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, GROUP) : whole;
  const zero = /^[0.]+$/.test(fixed);
  return `${x < 0 && !zero ? MINUS : ""}${grouped}${fraction === undefined ? "" : "," + fraction}`;
}

/**
 * A whole number (rounded).
 *
 * @example
 * ```ts
 * ruInt(1296.6); // "1297"
 * ```
 */
export function ruInt(x: number): string {
  return ruNumber(Math.round(x), 0);
}

/**
 * A share as a percentage.
 *
 * @param share a fraction, 0.382 for 38.2 %
 * @param digits decimals of the percentage
 * @example
 * ```ts
 * ruPercent(0.38165); // "38,2 %" (no-break space)
 * ```
 */
export function ruPercent(share: number, digits = 1): string {
  return `${ruNumber(share * 100, digits)}${NBSP}%`;
}

/**
 * An AUC or another quantity between 0 and 1 with three decimals.
 *
 * @example
 * ```ts
 * ruScore(0.917995); // "0,918"
 * ```
 */
export function ruScore(x: number, digits = 3): string {
  return ruNumber(x, digits);
}

/**
 * An interval as «[a; b]» (a semicolon, since the comma is the decimal mark).
 *
 * @example
 * ```ts
 * ruInterval([0.8914, 0.93]); // "[0,891; 0,930]"
 * ```
 */
export function ruInterval(interval: readonly [number, number] | readonly number[], digits = 3): string {
  const [a, b] = interval;
  return `[${ruNumber(a ?? NaN, digits)}; ${ruNumber(b ?? NaN, digits)}]`;
}

/**
 * The Russian plural form for a count: one (1, 21, …), few (2–4, 22–24, …), many.
 *
 * @example
 * ```ts
 * ruPlural(21, ["покупатель", "покупателя", "покупателей"]); // "покупатель"
 * ruPlural(12, ["покупатель", "покупателя", "покупателей"]); // "покупателей"
 * ```
 */
export function ruPlural(n: number, forms: readonly [one: string, few: string, many: string]): string {
  const a = Math.abs(Math.trunc(n)) % 100, b = a % 10;
  if (a >= 11 && a <= 19) return forms[2];
  if (b === 1) return forms[0];
  if (b >= 2 && b <= 4) return forms[1];
  return forms[2];
}

/**
 * A count with its noun: «1297 покупателей».
 *
 * @example
 * ```ts
 * ruCount(3, ["покупатель", "покупателя", "покупателей"]); // "3 покупателя" (no-break space)
 * ```
 */
export function ruCount(n: number, forms: readonly [string, string, string]): string {
  return `${ruInt(n)}${NBSP}${ruPlural(n, forms)}`;
}

/**
 * A date as «22 ноября 2025 г.» in the given time zone offset (local by default).
 *
 * @example
 * ```ts
 * ruDate(new Date(Date.UTC(2025, 10, 22, 12)), 0); // "22 ноября 2025 г."
 * ```
 */
export function ruDate(date: Date, utcOffsetMinutes = -date.getTimezoneOffset()): string {
  const d = new Date(date.getTime() + utcOffsetMinutes * 60_000);
  return `${d.getUTCDate()}${NBSP}${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}${NBSP}г.`;
}

/**
 * A date and time as «22 ноября 2025 г., 20:36».
 *
 * @example
 * ```ts
 * ruDateTime(new Date(Date.UTC(2025, 10, 22, 20, 36)), 0); // "22 ноября 2025 г., 20:36"
 * ```
 */
export function ruDateTime(date: Date, utcOffsetMinutes = -date.getTimezoneOffset()): string {
  const d = new Date(date.getTime() + utcOffsetMinutes * 60_000);
  const hh = String(d.getUTCHours()).padStart(2, "0"), mm = String(d.getUTCMinutes()).padStart(2, "0");
  return `${ruDate(date, utcOffsetMinutes)}, ${hh}:${mm}`;
}
