import assert from "node:assert/strict";
import { DEFAULT_CONFIG } from "../../src/config/run_config.ts";
import { buildDecisions } from "../../src/decisions/build_decisions.ts";
import { buildSegments } from "../../src/segments/build_segments.ts";
import { labelledInput } from "../decisions/fixtures.ts";
import { reasonText } from "../../src/segments/offers.ts";
import { inputOf, reason, type Row } from "./fixtures.ts";

const ROWS: Row[] = [
  { id: 11, probability: 0.9, profit: 5, reasons: [reason("service_errors", "Ошибки сервиса", 0.2)] },
  {
    id: 12,
    probability: 0.8,
    profit: 6,
    reasons: [reason("unpaid_items_quarter", "Неоплаченные товары за квартал", 0.3)],
  },
  { id: 13, probability: 0.2, profit: 9, reasons: [reason("pages_per_visit", "Страниц за визит", -0.2)] },
  { id: 14, probability: 0.6, profit: 1, reasons: [reason("duration_days", "Дней с регистрации", 0.1)] },
  { id: 15, probability: 0.1, profit: 1 },
  // Same profit at risk as 16 (0.5 × 6 × 3 = 0.75 × 4 × 3): the id breaks the tie.
  { id: 17, probability: 0.5, profit: 6, reasons: [reason("marketing_6m", "Маркетинг, среднее за 6 мес.", 0.2)] },
  {
    id: 16,
    probability: 0.75,
    profit: 4,
    allow_messages: "нет",
    reasons: [
      reason("marketing_6m", "Маркетинг, среднее за 6 мес.", 0.2),
      reason("pages_per_visit", "Страниц за визит", 0.1),
    ],
  },
];

Deno.test("one offer per customer, by profit at risk descending, ties by id", () => {
  const offers = buildSegments(inputOf(ROWS)).offers;
  assert.deepEqual(offers.map((o) => o.id), ["12", "11", "16", "17", "13", "14", "15"]);
  for (const o of offers) {
    const row = ROWS.find((r) => String(r.id) === o.id)!;
    assert.equal(o.probability, row.probability);
    assert.equal(o.profit, row.profit);
    assert.ok(Math.abs(o.profitAtRisk - row.probability * row.profit * 3) < 1e-12);
  }
});

Deno.test("actions follow the strongest reason with a lever; low risk gets no separate offer", () => {
  const input = labelledInput(ROWS.map((r) => ({ ...r, dropped: false })));
  const offers = buildDecisions(input, buildSegments(input), DEFAULT_CONFIG).offers;
  const action = (id: number) => offers.find((o) => o.id === String(id))!.action;
  assert.equal(action(11), "service_apology");
  assert.equal(action(12), "cart_reminder");
  assert.equal(action(13), "none"); // low risk
  assert.equal(action(15), "none");
  assert.equal(action(14), "category_offer"); // no lever for the registration age; low profit
  assert.equal(action(17), "more_contact");
  assert.equal(action(16), "personal_content"); // no consent: the site replaces more messages
  assert.equal(offers.find((o) => o.id === "12")!.actionName, "Напоминание о корзине");
});

Deno.test("offers name the customer's cell, store segments and reasons with arrows", () => {
  const offers = buildSegments(inputOf(ROWS)).offers;
  const o = offers.find((o) => o.id === "16")!;
  assert.equal(o.cell, "Удержать недорогими средствами");
  assert.deepEqual(o.reasons, ["Маркетинг, среднее за 6 мес. ↑", "Страниц за визит ↑"]);
  assert.equal(reasonText(reason("pages_per_visit", "Страниц за визит", -0.01)), "Страниц за визит ↓");
  const top = offers.find((o) => o.id === "12")!;
  assert.deepEqual(top.segments, ["Самые прибыльные под риском"]); // equal promo shares: no promo segment
});
