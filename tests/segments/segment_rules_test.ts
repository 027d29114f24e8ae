import assert from "node:assert/strict";
import { buildSegments } from "../../src/segments/build_segments.ts";
import { customersOf } from "../../src/segments/customers.ts";
import { computeCuts } from "../../src/segments/cuts.ts";
import { MATRIX_RULES } from "../../src/segments/matrix.ts";
import { membership, type SegmentRule } from "../../src/segments/segment_rule.ts";
import { STORE_RULES } from "../../src/segments/store_segments.ts";
import { inputOf, type Row } from "./fixtures.ts";

// Profits 1…8: median 4.5, upper quartile 6.25. Promo shares have two modes; the cut is 0.9.
const ROWS: Row[] = [
  { id: 1, probability: 0.9, profit: 1, promo_share: 0.95, popular_category: "Товары для детей" },
  { id: 2, probability: 0.2, profit: 2, promo_share: 0.1, popular_category: "Косметика и аксессуары" },
  { id: 3, probability: 0.5, profit: 3, promo_share: 0.15, popular_category: "Мелкая бытовая техника и электроника" },
  { id: 4, probability: 0.1, profit: 4, promo_share: 0.9, popular_category: "Техника для красоты и здоровья" },
  { id: 5, probability: 0.7, profit: 5, promo_share: 0.2 },
  { id: 6, probability: 0.3, profit: 6, promo_share: 0.25, popular_category: "Товары для детей" },
  { id: 7, probability: 0.8, profit: 7, promo_share: 0.92, popular_category: "Техника для красоты и здоровья" },
  { id: 8, probability: 0.49, profit: 8, promo_share: 0.3, popular_category: "Кухонная посуда" },
];

function members(rule: SegmentRule, rows = ROWS, promoCut?: number): number[] {
  const input = inputOf(rows);
  const c = customersOf(input);
  const cuts = computeCuts(c, input.threshold, {
    profitQuantile: 0.5,
    topProfitQuantile: 0.75,
    ...(promoCut === undefined ? {} : { promoCut }),
  });
  const mask = membership(rule, c, cuts);
  return c.id.filter((_, i) => mask[i]).map(Number);
}

const byId = (rules: readonly SegmentRule[], id: string) => rules.find((r) => r.id === id)!;

Deno.test("the risk × profit cells split customers at the threshold (≥) and the median profit (≥)", () => {
  assert.deepEqual(members(byId(MATRIX_RULES, "retain_first")), [5, 7]);
  assert.deepEqual(members(byId(MATRIX_RULES, "retain_cheaply")), [1, 3]);
  assert.deepEqual(members(byId(MATRIX_RULES, "keep_and_grow")), [6, 8]);
  assert.deepEqual(members(byId(MATRIX_RULES, "maintain")), [2, 4]);
});

Deno.test("store segments: promo at risk, technics, children, for oneself, most profitable at risk", () => {
  assert.deepEqual(members(byId(STORE_RULES, "promo_at_risk")), [1, 7]); // 4 has promo 0.9 but low risk
  assert.deepEqual(members(byId(STORE_RULES, "promo_at_risk"), ROWS, 0.2), [1, 5, 7]);
  assert.deepEqual(members(byId(STORE_RULES, "technics")), [3, 4, 7]);
  assert.deepEqual(members(byId(STORE_RULES, "kids")), [1, 6]);
  assert.deepEqual(members(byId(STORE_RULES, "self")), [2, 4, 7]);
  assert.deepEqual(members(byId(STORE_RULES, "top_profit_at_risk")), [7]); // profit ≥ 6.25 and p ≥ 0.5
});

Deno.test("definitions quote the data's cut points", () => {
  const r = buildSegments(inputOf(ROWS));
  const def = (id: string) => r.segments.find((s) => s.id === id)!.definition;
  assert.equal(
    def("retain_first"),
    "вероятность снижения активности ≥ 0,50 (порог модели) и прибыль в месяц ≥ 4,50 (медиана)",
  );
  assert.match(def("promo_at_risk"), /доля акционных покупок ≥ 0,90 \(.*Оцу/);
  assert.match(def("top_profit_at_risk"), /прибыль в месяц ≥ 6,25 \(верхний квартиль\)/);
  const flat = buildSegments(inputOf(ROWS.map((r) => ({ ...r, promo_share: 0.3 }))));
  const promo = flat.segments.find((s) => s.id === "promo_at_risk")!;
  assert.equal(promo.size, 0);
  assert.match(promo.definition, /у всех одинакова, верхней группы нет/);
  assert.match(def("technics"), /«Мелкая бытовая техника и электроника» или «Техника для красоты и здоровья»/);
});

Deno.test("segment sizes and money add up", () => {
  const r = buildSegments(inputOf(ROWS));
  const cells = r.segments.filter((s) => s.kind === "matrix");
  assert.equal(cells.reduce((n, s) => n + s.size, 0), ROWS.length);
  assert.ok(Math.abs(cells.reduce((n, s) => n + s.profitShare, 0) - 1) < 1e-12);
  assert.ok(Math.abs(cells.reduce((n, s) => n + s.profitAtRiskShare, 0) - 1) < 1e-12);
  const top = r.segments.find((s) => s.id === "top_profit_at_risk")!;
  assert.deepEqual([top.size, top.meanProbability], [1, 0.8]);
  assert.ok(Math.abs(top.profitAtRisk - 0.8 * 7 * 3) < 1e-12);
  assert.ok(Math.abs(top.profitShare - 7 / 36) < 1e-12);
});
