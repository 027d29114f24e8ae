/**
 * Offers as a CSV file for Russian Excel: UTF-8 with a BOM (without it Excel
 * reads UTF-8 as cp1251), `;` between fields and a decimal comma (the Russian
 * locale's list separator and decimal mark, so a double click opens the file
 * with numbers as numbers), CRLF line ends, RFC 4180 quoting.
 *
 * Formula injection: a text cell starting with `=`, `+`, `-`, `@`, tab or CR
 * would run as a formula, so it gets a leading `'`, which Excel shows as
 * text. Numeric cells are not touched: we format them ourselves and they can
 * only be `-?digits[,digits]`, which Excel reads as a (possibly negative)
 * number and never as a formula, so negative profit stays a number.
 *
 * @module
 */
import { COLUMN_LABELS, FEATURES } from "../data/labels.ts";
import { ruNumber } from "./format.ts";
import type { Offer } from "./offers.ts";
import { SEGMENT_DEFAULTS } from "./options.ts";

/** Byte order mark: tells Excel the file is UTF-8. */
export const BOM = "\uFEFF";
const SEP = ";";
const EOL = "\r\n";

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
 * await Deno.writeTextFile("out/offers.csv", offersCsv(result.offers));
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
      ruNumber(o.probability, 3),
      ruNumber(o.profit, 2),
      ruNumber(o.profitAtRisk, 2),
      textCell(o.cell),
      textCell(o.segments.join(", ")),
      textCell(o.reasons.join("; ")),
      textCell(o.actionName),
      textCell(o.action),
    ].join(SEP)
  );
  return BOM + [header.join(SEP), ...lines].join(EOL) + EOL;
}
