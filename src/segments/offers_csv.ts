/**
 * Offers as a CSV file for Russian Excel: UTF-8 with a BOM (without it Excel
 * reads UTF-8 as cp1251), `;` between fields and a decimal comma (the Russian
 * locale's list separator and decimal mark, so a double click opens the file
 * with numbers as numbers), CRLF line ends, RFC 4180 quoting.
 *
 * Formula injection: a text cell starting with `=`, `+`, `-`, `@`, tab or CR
 * would run as a formula, so it gets a leading `'`, which Excel shows as
 * text. Numeric cells are not touched: `excelNumber` writes them and they can
 * only be `-?digits[,digits]`, which Excel reads as a (possibly negative)
 * number and never as a formula, so negative profit stays a number.
 *
 * @module
 */
import { COLUMN_LABELS, FEATURES } from "../data/labels.ts";
import type { Offer } from "./offers.ts";
import { SEGMENT_DEFAULTS } from "./options.ts";

/** Byte order mark: tells Excel the file is UTF-8. */
export const BOM = "\uFEFF";
const SEP = ";";
const EOL = "\r\n";

/**
 * A number cell for Russian Excel: fixed decimals with a decimal comma, an
 * ASCII hyphen-minus for negatives and no thousands separator, so that Excel
 * parses it as a number (a U+2212 minus or a no-break space between groups,
 * which the report's `src/text/ru_format.ts` writes for people, would make it
 * text). Never "-0".
 *
 * @example
 * ```ts
 * excelNumber(-1234.567, 2); // "-1234,57"
 * ```
 */
export function excelNumber(x: number, digits: number): string {
  if (!Number.isFinite(x)) throw new Error(`Cannot write the number "${x}" to the CSV`);
  const s = x.toFixed(digits);
  return (/^-0(\.0*)?$/.test(s) ? s.slice(1) : s).replace(".", ",");
}

/**
 * A text cell made safe: neutralised if it could start a formula, quoted if
 * it holds the separator, a quote or a line break.
 *
 * @example
 * ```ts
 * textCell('=HYPERLINK("http://x")'); // "\"'=HYPERLINK(\"\"http://x\"\")\""
 * ```
 */
export function textCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The offers as CSV text, one row per offer in the given order.
 *
 * @example
 * ```ts
 * offersCsv([{
 *   id: "215348", probability: 0.9, profit: 4.5, profitAtRisk: 12.15, cell: "Удержать в первую очередь",
 *   segments: [], reasons: ["Ошибки сервиса ↑"], action: "service_apology", actionName: "Извинение за сбой",
 * }]).split("\r\n")[1]; // "215348;0,900;4,50;12,15;Удержать в первую очередь;;Ошибки сервиса ↑;Извинение за сбой;service_apology"
 * ```
 */
export function offersCsv(rows: readonly Offer[], horizonMonths: number = SEGMENT_DEFAULTS.horizonMonths): string {
  const header = [
    COLUMN_LABELS.id!,
    "Вероятность снижения активности",
    FEATURES.profit!.label,
    `Прибыль под риском за ${horizonMonths} мес.`,
    "Риск × прибыль",
    "Сегменты магазина",
    "Главные причины (↑ повышает риск, ↓ снижает)",
    "Действие",
    "Код действия",
  ].map(textCell);
  const lines = rows.map((o) =>
    [
      o.id, // exact digits (an id is a key, not a quantity)
      excelNumber(o.probability, 3),
      excelNumber(o.profit, 2),
      excelNumber(o.profitAtRisk, 2),
      textCell(o.cell),
      textCell(o.segments.join(", ")),
      textCell(o.reasons.join("; ")),
      textCell(o.actionName),
      textCell(o.action),
    ].join(SEP)
  );
  return BOM + [header.join(SEP), ...lines].join(EOL) + EOL;
}
