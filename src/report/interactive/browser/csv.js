// @ts-check
/**
 * offers.csv's format in the browser, for the customer table's download:
 * the same columns, number cells and text cells as
 * src/segments/offers_csv.ts (UTF-8 with BOM, `;`, decimal comma, CRLF,
 * formula-like text neutralised). A browser test compares a download with
 * `offersCsv` of the same rows.
 *
 * @module
 */

/**
 * A number cell for Russian Excel, as `excelNumber` of offers_csv.ts.
 * @param {number} x
 * @param {number} digits
 * @returns {string}
 */
export function excelNumber(x, digits) {
  const s = x.toFixed(digits);
  return (/^-0(\.0*)?$/.test(s) ? s.slice(1) : s).replace(".", ",");
}

/**
 * A text cell made safe, as `textCell` of offers_csv.ts.
 * @param {string} value
 * @returns {string}
 */
export function textCell(value) {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * offers.csv's text for the customers `order` (indexes into the embedded columns), in that order.
 * @param {any} d the embedded data (src/report/interactive/data.ts)
 * @param {readonly number[]} order
 * @returns {string}
 */
export function offersCsvOf(d, order) {
  const lines = [d.run.csvHeader.map(textCell).join(";")];
  const text = (/** @type {string[]} */ dict, /** @type {number} */ k) => dict[k] ?? "";
  for (const i of order) {
    const seg = d.dict.actionSegment[d.actionSegment[i]], act = d.dict.action[d.action[i]];
    const ch = d.dict.channel[d.channel[i]], group = d.dict.group[d.group[i]];
    lines.push([
      d.id[i],
      excelNumber(d.probability[i], 3),
      excelNumber(d.profit[i], 2),
      excelNumber(d.profitAtRisk[i], 2),
      textCell(text(d.dict.cell, d.cell[i])),
      textCell(d.storeSegments[i].map((/** @type {number} */ k) => text(d.dict.storeSegment, k)).join(", ")),
      textCell(d.reasons[i].map((/** @type {number} */ k) => text(d.dict.reason, k)).join("; ")),
      textCell(act.name),
      textCell(act.id),
      textCell(seg.name),
      textCell(seg.id),
      textCell(ch.name),
      textCell(ch.id),
      textCell(group.name),
      textCell(text(d.dict.category, d.category[i])),
      textCell(text(d.dict.activity, d.activity[i])),
    ].join(";"));
  }
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}
