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
 * Headers of offers.csv's columns (exact text) but the horizon-dependent
 * profit at risk ({@linkcode profitAtRiskHeader}): the follow-up command reads
 * offers.csv by these, so it imports them rather than retyping them.
 */
export const OFFERS_CSV_HEADERS = {
  id: COLUMN_LABELS.id!,
  probability: "Вероятность снижения активности",
  profit: FEATURES.profit!.label,
  cell: "Риск × прибыль",
  segments: "Сегменты магазина",
  reasons: "Главные причины (↑ повышает риск, ↓ снижает)",
  actionName: "Действие",
  action: "Код действия",
  actionSegmentName: "Сегмент действия",
  actionSegment: "Код сегмента действия",
  channelName: "Канал",
  channel: "Код канала",
  group: "Группа",
  category: "Любимая категория",
  activity: COLUMN_LABELS.activity!,
} as const;

/** Values of the «Группа» column, exactly as written. */
export const OFFERS_CSV_GROUPS = { offer: "предложение", control: "контроль" } as const;

/**
 * The header of the profit-at-risk column for a horizon.
 *
 * @example
 * ```ts
 * profitAtRiskHeader(3); // "Прибыль под риском за 3 мес."
 * ```
 */
export function profitAtRiskHeader(horizonMonths: number): string {
  return `Прибыль под риском за ${horizonMonths} мес.`;
}

/**
 * Every column header of offers.csv, in order.
 *
 * @example
 * ```ts
 * offersCsvHeader(3).at(-1); // "Покупательская активность"
 * ```
 */
export function offersCsvHeader(horizonMonths: number = SEGMENT_DEFAULTS.horizonMonths): string[] {
  const h = OFFERS_CSV_HEADERS;
  return [
    h.id,
    h.probability,
    h.profit,
    profitAtRiskHeader(horizonMonths),
    h.cell,
    h.segments,
    h.reasons,
    h.actionName,
    h.action,
    h.actionSegmentName,
    h.actionSegment,
    h.channelName,
    h.channel,
    h.group,
    h.category,
    h.activity,
  ];
}

/** What one row of offers.csv is written from (an offer with its decision, see `offers.ts`). */
export type OfferCsvRow = Pick<
  Offer,
  | "id"
  | "probability"
  | "profit"
  | "profitAtRisk"
  | "cell"
  | "segments"
  | "reasons"
  | "action"
  | "actionName"
  | "actionSegment"
  | "actionSegmentName"
  | "channel"
  | "channelName"
  | "group"
  | "category"
  | "activity"
>;

/**
 * The offers as CSV text, one row per offer in the given order.
 *
 * @example
 * ```ts
 * offersCsv([{
 *   id: "215348", probability: 0.9, profit: 4.5, profitAtRisk: 12.15, cell: "Удержать в первую очередь",
 *   segments: [], reasons: ["Ошибки сервиса ↑"], action: "service_apology", actionName: "Извинение за сбой",
 *   actionSegment: "prevent_valuable", actionSegmentName: "Удержать ценных", channel: "email",
 *   channelName: "Электронное письмо", group: "offer", category: "Товары для детей", activity: "Прежний уровень",
 * }]).split("\r\n")[1];
 * // "215348;0,900;4,50;12,15;Удержать в первую очередь;;Ошибки сервиса ↑;Извинение за сбой;service_apology;…"
 * ```
 */
export function offersCsv(
  rows: readonly OfferCsvRow[],
  horizonMonths: number = SEGMENT_DEFAULTS.horizonMonths,
): string {
  return [...offersCsvChunks(rows, horizonMonths)].join("");
}

/** Rows per piece of {@linkcode offersCsvChunks}. */
const CHUNK_ROWS = 10_000;

/**
 * offers.csv in pieces (the BOM and header, then blocks of rows), whose
 * concatenation is {@linkcode offersCsv}: a million offers written piece by
 * piece never need one string of several hundred megabytes (V8 caps a string
 * near 2^29 characters).
 *
 * @example
 * ```ts
 * import type { OfferCsvRow } from "./offers_csv.ts";
 * declare const rows: OfferCsvRow[];
 * const file = await Deno.open("offers.csv", { write: true, create: true, truncate: true });
 * await ReadableStream.from(offersCsvChunks(rows, 3)).pipeThrough(new TextEncoderStream()).pipeTo(file.writable);
 * ```
 */
export function* offersCsvChunks(
  rows: readonly OfferCsvRow[],
  horizonMonths: number = SEGMENT_DEFAULTS.horizonMonths,
): Generator<string> {
  yield BOM + offersCsvHeader(horizonMonths).map(textCell).join(SEP) + EOL;
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    yield rows.slice(start, start + CHUNK_ROWS).map(offerLine).join(EOL) + EOL;
  }
}

/** One offer as a line of offers.csv (without the line end). */
function offerLine(o: OfferCsvRow): string {
  return [
    o.id, // exact digits (an id is a key, not a quantity)
    excelNumber(o.probability, 3),
    excelNumber(o.profit, 2),
    excelNumber(o.profitAtRisk, 2),
    textCell(o.cell),
    textCell(o.segments.join(", ")),
    textCell(o.reasons.join("; ")),
    textCell(o.actionName),
    textCell(o.action),
    textCell(o.actionSegmentName),
    textCell(o.actionSegment),
    textCell(o.channelName),
    textCell(o.channel),
    textCell(OFFERS_CSV_GROUPS[o.group]),
    textCell(o.category),
    textCell(o.activity),
  ].join(SEP);
}
