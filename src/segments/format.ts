/**
 * Numbers as Russian readers and Russian Excel expect them: decimal comma,
 * and p-values in scientific form when small, so texts and the CSV agree.
 *
 * @module
 */

const SUPERSCRIPT: Record<string, string> = {
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
 * Fixed decimals with a decimal comma and no thousands separator; never
 * "-0". Only digits, one comma and a leading minus for negatives can appear.
 *
 * @example
 * ```ts
 * ruNumber(-1234.567, 2); // "-1234,57"
 * ```
 */
export function ruNumber(x: number, digits: number): string {
  if (!Number.isFinite(x)) throw new Error(`Cannot format the number "${x}"`);
  const s = x.toFixed(digits);
  return (/^-0(\.0*)?$/.test(s) ? s.slice(1) : s).replace(".", ",");
}

/**
 * A percentage with one decimal.
 *
 * @example
 * ```ts
 * ruPercent(0.2534); // "25,3 %"
 * ```
 */
export function ruPercent(share: number): string {
  return `${ruNumber(share * 100, 1)} %`;
}

/**
 * A p-value: three decimals down to 0.001, then two significant digits
 * times a power of ten.
 *
 * @example
 * ```ts
 * ruP(0.0123); // "0,012"
 * ruP(3.2e-7); // "3,2·10⁻⁷"
 * ```
 */
export function ruP(p: number): string {
  if (p >= 0.001) return ruNumber(p, 3);
  if (p === 0) return "< 10⁻³⁰⁰";
  const [mantissa, exponent] = p.toExponential(1).split("e");
  const power = String(Number(exponent)).split("").map((c) => SUPERSCRIPT[c]).join("");
  return `${mantissa!.replace(".", ",")}·10${power}`;
}
