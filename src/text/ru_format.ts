/**
 * Numbers, shares, counts and dates as a Russian reader expects them, for
 * every text the project shows (EDA conclusions, segment definitions and
 * recommendations, chart labels, the report): the platform's
 * `Intl.NumberFormat("ru")`, `Intl.PluralRules("ru")` and
 * `Intl.DateTimeFormat("ru")` with three choices on top, the same everywhere:
 *
 * - **Thousands:** grouped by U+00A0 NO-BREAK SPACE, the separator Deno's ICU
 *   gives for "ru" (CLDR), from five digits on (`useGrouping: "min2"`), as
 *   Russian typography has it: «1297», «12 970». A no-break space never lets
 *   a number wrap across lines.
 * - **Minus:** U+2212 MINUS SIGN (ICU's "ru" gives the ASCII hyphen-minus),
 *   the sign Plot's axes use too; a value that rounds to zero shows no sign.
 * - **No value:** NaN and ±∞ (the correlation of a constant column, a
 *   statistic of an empty class) read «—». A value that is not a number at
 *   all (a `null` from an unchecked JSON file) is a bug and throws.
 *
 * Rounding is Intl's: half away from zero on the number's shortest decimal
 * form, so 1.005 reads «1,01» as a person would round it.
 *
 * Not for machine-readable files: the Excel CSV has its own plain numbers
 * (`excelNumber` in `src/segments/offers_csv.ts`).
 *
 * @module
 */

/** U+00A0: groups thousands, and stands between a number and «%» or its noun. */
export const NBSP = "\u00A0";
/** U+2212, the typographic minus. */
export const MINUS = "\u2212";
/** What a value that does not exist (NaN, ±∞) reads as. */
export const NO_VALUE = "—";

const LOCALE = "ru";
const numberFormats = new Map<string, Intl.NumberFormat>();

/** A cached formatter: building one costs far more than formatting with it. */
function numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, f = new Intl.NumberFormat(LOCALE, options));
  return f;
}

function checked(x: number): number {
  if (typeof x !== "number") throw new Error(`Cannot format "${x}" as a number`);
  return x;
}

/** Intl's text with the true minus sign. */
function withMinus(f: Intl.NumberFormat, x: number): string {
  if (!(x < 0)) return f.format(x);
  return f.formatToParts(x).map((p) => p.type === "minusSign" ? MINUS : p.value).join("");
}

/**
 * A number with at least `minDigits` and at most `maxDigits` decimals.
 *
 * @param x the number
 * @param maxDigits most decimals after the comma
 * @param minDigits fewest decimals (trailing zeros shown up to this)
 * @returns e.g. "−12 345,68", or «—» for NaN and ±∞
 * @example
 * ```ts
 * import { ruDecimals } from "./ru_format.ts";
 * ruDecimals(0.5, 3, 0); // "0,5"
 * ```
 */
export function ruDecimals(x: number, maxDigits: number, minDigits = maxDigits): string {
  if (!Number.isFinite(checked(x))) return NO_VALUE;
  const f = numberFormat(`n${minDigits}-${maxDigits}`, {
    minimumFractionDigits: minDigits,
    maximumFractionDigits: maxDigits,
    useGrouping: "min2",
    signDisplay: "negative",
  });
  return withMinus(f, x);
}

/**
 * A number with exactly `digits` decimals.
 *
 * @param x the number
 * @param digits decimals after the comma
 * @returns e.g. "12 345,68" (U+00A0 between the groups), "−0,5", «—» for NaN
 * @example
 * ```ts
 * import { ruNumber } from "./ru_format.ts";
 * ruNumber(-12345.678, 2); // "−12 345,68"
 * ruNumber(1297); // "1297"
 * ```
 */
export function ruNumber(x: number, digits = 0): string {
  return ruDecimals(x, digits, digits);
}

/**
 * A whole number (rounded).
 *
 * @example
 * ```ts
 * import { ruInt } from "./ru_format.ts";
 * ruInt(1296.6); // "1297"
 * ```
 */
export function ruInt(x: number): string {
  return ruNumber(x, 0);
}

/**
 * A round number (an axis tick, a threshold, a parameter) with no trailing
 * zeros, at most `maxDigits` decimals.
 *
 * @example
 * ```ts
 * import { ruShort } from "./ru_format.ts";
 * ruShort(0.5); // "0,5"
 * ruShort(12000); // "12 000"
 * ```
 */
export function ruShort(x: number, maxDigits = 3): string {
  return ruDecimals(x, maxDigits, 0);
}

/**
 * A number with as many decimals as its size needs to show about three
 * significant digits (at most `maxDigits`): means of features of any scale.
 *
 * @example
 * ```ts
 * import { ruAuto } from "./ru_format.ts";
 * ruAuto(0.123456); // "0,123"
 * ruAuto(5234.5); // "5235"
 * ruAuto(15); // "15,0"
 * ```
 */
export function ruAuto(x: number, maxDigits = 3): string {
  const a = Math.abs(x);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
  return ruNumber(x, Math.min(digits, maxDigits));
}

/**
 * An AUC or another quantity between 0 and 1, three decimals by default.
 *
 * @example
 * ```ts
 * import { ruScore } from "./ru_format.ts";
 * ruScore(0.917995); // "0,918"
 * ```
 */
export function ruScore(x: number, digits = 3): string {
  return ruNumber(x, digits);
}

/**
 * A share as a percentage, with a no-break space before «%».
 *
 * @param share a fraction, 0.382 for 38.2 %
 * @param digits decimals of the percentage
 * @example
 * ```ts
 * import { ruPercent } from "./ru_format.ts";
 * ruPercent(0.38165); // "38,2 %"
 * ruPercent(-0.05, 0); // "−5 %"
 * ```
 */
export function ruPercent(share: number, digits = 1): string {
  if (!Number.isFinite(checked(share))) return NO_VALUE;
  const f = numberFormat(`p${digits}`, {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: "min2",
    signDisplay: "negative",
  });
  return withMinus(f, share);
}

/**
 * An interval as «[a; b]» (a semicolon, since the comma is the decimal mark).
 *
 * @example
 * ```ts
 * import { ruInterval } from "./ru_format.ts";
 * ruInterval([0.8914, 0.93]); // "[0,891; 0,930]"
 * ```
 */
export function ruInterval(interval: readonly number[], digits = 3): string {
  const [a = NaN, b = NaN] = interval;
  return `[${ruNumber(a, digits)}; ${ruNumber(b, digits)}]`;
}

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  "-": "⁻",
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
};

/**
 * A p-value: three decimals down to 0.001, then two significant digits
 * times a power of ten.
 *
 * @example
 * ```ts
 * import { ruP } from "./ru_format.ts";
 * ruP(0.0123); // "0,012"
 * ruP(3.2e-7); // "3,2·10⁻⁷"
 * ```
 */
export function ruP(p: number): string {
  if (!Number.isFinite(checked(p))) return NO_VALUE;
  if (p >= 0.001) return ruNumber(p, 3);
  if (p === 0) return "< 10⁻³⁰⁰";
  const f = numberFormat("e2", { notation: "scientific", minimumSignificantDigits: 2, maximumSignificantDigits: 2 });
  let mantissa = "", exponent = "";
  for (const part of f.formatToParts(p)) {
    if (part.type === "exponentMinusSign") exponent += "-";
    else if (part.type === "exponentInteger") exponent += part.value;
    else if (part.type !== "exponentSeparator") mantissa += part.type === "minusSign" ? MINUS : part.value;
  }
  return `${mantissa}·10${[...exponent].map((c) => SUPERSCRIPT[c] ?? c).join("")}`;
}

const pluralRules = new Intl.PluralRules(LOCALE);

/** A noun's three Russian forms: for 1 (and 21, 31…), for 2–4 (22–24…), for 5–20 and the rest. */
export type PluralForms = readonly [one: string, few: string, many: string];

/**
 * The Russian plural form for a count (`Intl.PluralRules("ru")`); fractions
 * take the «few» form's genitive singular, as «1,5 месяца».
 *
 * @example
 * ```ts
 * import { ruPlural } from "./ru_format.ts";
 * ruPlural(21, ["покупатель", "покупателя", "покупателей"]); // "покупатель"
 * ruPlural(12, ["покупатель", "покупателя", "покупателей"]); // "покупателей"
 * ```
 */
export function ruPlural(n: number, forms: PluralForms): string {
  switch (pluralRules.select(n)) {
    case "one":
      return forms[0];
    case "few":
    case "other": // fractions: «1,5 месяца»
      return forms[1];
    default:
      return forms[2];
  }
}

/**
 * A count with its noun: «1297 покупателей».
 *
 * @example
 * ```ts
 * import { ruCount } from "./ru_format.ts";
 * ruCount(3, ["покупатель", "покупателя", "покупателей"]); // "3 покупателя" (no-break space)
 * ```
 */
export function ruCount(n: number, forms: PluralForms): string {
  return `${ruInt(n)}${NBSP}${ruPlural(Math.round(n), forms)}`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** «+03:00» for 180 minutes: an offset time zone Intl understands. */
function offsetZone(minutes: number): string {
  const a = Math.abs(Math.round(minutes));
  const hh = String(Math.floor(a / 60)).padStart(2, "0"), mm = String(a % 60).padStart(2, "0");
  return `${minutes < 0 ? "-" : "+"}${hh}:${mm}`;
}

/** Day, month (genitive), year, hour and minute of `date` in the zone `utcOffsetMinutes` east of UTC. */
function dateParts(date: Date, utcOffsetMinutes: number): Record<string, string> {
  const zone = offsetZone(utcOffsetMinutes);
  let f = dateFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE, {
      day: "numeric",
      month: "long",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone: zone,
    });
    dateFormats.set(zone, f);
  }
  return Object.fromEntries(f.formatToParts(date).map((p) => [p.type, p.value]));
}

/**
 * A date as «22 ноября 2025 г.» (no-break spaces inside «22 ноября» and
 * «2025 г.») in the time zone `utcOffsetMinutes` east of UTC (local by default).
 *
 * @example
 * ```ts
 * import { ruDate } from "./ru_format.ts";
 * ruDate(new Date(Date.UTC(2025, 10, 22, 12)), 0); // "22 ноября 2025 г."
 * ```
 */
export function ruDate(date: Date, utcOffsetMinutes = -date.getTimezoneOffset()): string {
  const p = dateParts(date, utcOffsetMinutes);
  return `${p.day}${NBSP}${p.month} ${p.year}${NBSP}г.`;
}

/**
 * A date and time as «22 ноября 2025 г., 20:36».
 *
 * @example
 * ```ts
 * import { ruDateTime } from "./ru_format.ts";
 * ruDateTime(new Date(Date.UTC(2025, 10, 22, 20, 36)), 0); // "22 ноября 2025 г., 20:36"
 * ```
 */
export function ruDateTime(date: Date, utcOffsetMinutes = -date.getTimezoneOffset()): string {
  const p = dateParts(date, utcOffsetMinutes);
  return `${ruDate(date, utcOffsetMinutes)}, ${p.hour}:${p.minute}`;
}
