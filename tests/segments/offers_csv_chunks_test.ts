import assert from "node:assert/strict";
import { type OfferCsvRow, offersCsv, offersCsvChunks } from "../../src/segments/offers_csv.ts";

const offer = (i: number): OfferCsvRow => ({
  id: String(100_000 + i),
  probability: (i % 97) / 97,
  profit: 1 + (i % 13) / 4,
  profitAtRisk: (i % 29) / 3,
  cell: i % 2 ? "Удержать в первую очередь" : "Поддерживать",
  segments: i % 3 ? ["Любители акций под риском"] : [],
  reasons: ["Ошибки сервиса ↑", "=SUM(A1)"],
  action: "none",
  actionName: "Без отдельного предложения",
  actionSegment: "maintain",
  actionSegmentName: "Поддерживать",
  channel: "site",
  channelName: "Сайт (без сообщений)",
  group: i % 5 ? "offer" : "control",
  category: "Товары для детей",
  activity: "Прежний уровень",
});

Deno.test("offers.csv in pieces: header first, blocks of rows, the same text as in one string", () => {
  const rows = Array.from({ length: 25_003 }, (_, i) => offer(i));
  const pieces = [...offersCsvChunks(rows, 2)];
  assert.equal(pieces.length, 1 + 3); // header, then 10 000 + 10 000 + 5 003 rows
  assert.equal(pieces.join(""), offersCsv(rows, 2));
  assert.equal(pieces[0]!.split("\r\n").length, 2);
  assert.equal(pieces[3]!.split("\r\n").length, 5_003 + 1);
  assert.deepEqual([...offersCsvChunks([], 3)], [offersCsv([], 3)]);
});
