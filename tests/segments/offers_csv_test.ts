import assert from "node:assert/strict";
import { BOM, type OfferCsvRow, offersCsv, textCell } from "../../src/segments/offers_csv.ts";

const offer = (o: Partial<OfferCsvRow>): OfferCsvRow => ({
  id: "1",
  probability: 0.5,
  profit: 4,
  profitAtRisk: 6,
  cell: "Удержать в первую очередь",
  segments: [],
  reasons: [],
  action: "none",
  actionName: "Без отдельного предложения",
  actionSegment: "maintain",
  actionSegmentName: "Поддерживать",
  channel: "site",
  channelName: "Сайт (без сообщений)",
  group: "control",
  category: "Товары для детей",
  activity: "Прежний уровень",
  ...o,
});

Deno.test("CSV starts with a BOM, uses ; and a decimal comma, CRLF line ends", () => {
  const csv = offersCsv([offer({ id: "215348", probability: 0.87654, profit: 4.5, profitAtRisk: 11.8 })]);
  assert.ok(csv.startsWith(BOM));
  const lines = csv.slice(1).split("\r\n");
  assert.equal(lines.length, 3); // header, one row, the final empty string
  assert.equal(lines[0]!.split(";")[0], "id покупателя");
  assert.equal(
    lines[1],
    "215348;0,877;4,50;11,80;Удержать в первую очередь;;;Без отдельного предложения;none;" +
      "Поддерживать;maintain;Сайт (без сообщений);site;контроль;Товары для детей;Прежний уровень",
  );
});

Deno.test("formula injection is neutralised in text cells, quoting survives", () => {
  const csv = offersCsv([
    offer({ cell: '=HYPERLINK("http://evil","x")', actionName: "+1", reasons: ["@SUM(A1)", "-2"] }),
  ]);
  const row = csv.split("\r\n")[1]!;
  assert.ok(row.includes(`"'=HYPERLINK(""http://evil"",""x"")"`), row);
  assert.ok(row.includes(";'+1;"), row);
  assert.ok(row.includes(`"'@SUM(A1); -2"`), row);
  for (const c of ["=1+1", "+1", "-1", "@x", "\tx", "\rx"]) assert.equal(textCell(c).replace(/^"/, "")[0], "'");
  assert.equal(textCell("обычный текст"), "обычный текст");
});

Deno.test("negative numbers stay numbers: a minus, digits and a comma, never neutralised", () => {
  const row = offersCsv([offer({ profit: -1.234, profitAtRisk: -1.851, probability: 0.5 })]).split("\r\n")[1]!;
  assert.equal(row.split(";").slice(0, 4).join(";"), "1;0,500;-1,23;-1,85");
  const zero = offersCsv([offer({ profit: -0.001, profitAtRisk: -0.0001 })]).split("\r\n")[1]!;
  assert.equal(zero.split(";").slice(2, 4).join(";"), "0,00;0,00"); // never "-0,00"
});
