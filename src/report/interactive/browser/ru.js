// @ts-check
/**
 * Russian number formatting in the browser, the same choices as
 * src/text/ru_format.ts (Intl "ru", no-break spaces from 10 000 on, U+2212
 * minus, «—» for no value); tests compare the two on many values.
 *
 * @module
 */

const RU_MINUS = "\u2212";
const RU_NO_VALUE = "—";
/** @type {Map<string, Intl.NumberFormat>} */
const ruFormats = new Map();

/**
 * A cached Intl formatter.
 * @param {string} key
 * @param {Intl.NumberFormatOptions} options
 * @returns {Intl.NumberFormat}
 */
function ruFormat(key, options) {
  let f = ruFormats.get(key);
  if (!f) ruFormats.set(key, f = new Intl.NumberFormat("ru", options));
  return f;
}

/**
 * Intl's text with the true minus sign.
 * @param {Intl.NumberFormat} f
 * @param {number} x
 * @returns {string}
 */
function ruWithMinus(f, x) {
  if (!(x < 0)) return f.format(x);
  return f.formatToParts(x).map((p) => p.type === "minusSign" ? RU_MINUS : p.value).join("");
}

/**
 * A number with exactly `digits` decimals, as `ruNumber` of ru_format.ts.
 * @param {number} x
 * @param {number} [digits]
 * @returns {string}
 */
export function ruNumber(x, digits = 0) {
  if (!Number.isFinite(x)) return RU_NO_VALUE;
  const f = ruFormat(`n${digits}`, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    // @ts-ignore: "min2" is a valid useGrouping value in current browsers and Deno.
    useGrouping: "min2",
    signDisplay: "negative",
  });
  return ruWithMinus(f, x);
}

/**
 * A share as a percentage with a no-break space before «%», as `ruPercent` of ru_format.ts.
 * @param {number} share
 * @param {number} [digits]
 * @returns {string}
 */
export function ruPercent(share, digits = 1) {
  if (!Number.isFinite(share)) return RU_NO_VALUE;
  const f = ruFormat(`p${digits}`, {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    // @ts-ignore: see ruNumber.
    useGrouping: "min2",
    signDisplay: "negative",
  });
  return ruWithMinus(f, share);
}
