import assert from "node:assert/strict";
import { FEATURES } from "../../src/data/labels.ts";
import { buildSegments } from "../../src/segments/build_segments.ts";
import type { CategoricalDifference, Difference, NumericDifference } from "../../src/segments/profile.ts";
import { LEVERS } from "../../src/segments/levers.ts";
import { compactP, recommend, RECOMMENDATION_RULES } from "../../src/segments/recommend.ts";
import type { Segment } from "../../src/segments/segment.ts";
import { inputOf, type Row } from "./fixtures.ts";

function segment(profile: Difference[]): Segment {
  return {
    id: "s",
    kind: "store",
    name: "Тестовый",
    definition: "",
    size: 200,
    customerShare: 0.2,
    profitShare: 0.25,
    meanProbability: 0.7,
    flagged: 150,
    meanProbabilityRest: 0.3,
    profitAtRisk: 1234.56,
    profitAtRiskShare: 0.4,
    horizonMonths: 3,
    profile,
    composition: { categories: [], dynamics: [] },
  };
}

function numeric(feature: string, meanIn: number, meanOut: number, effect: number, notable = true): NumericDifference {
  return {
    feature,
    label: FEATURES[feature]!.label,
    type: "number",
    meanIn,
    meanOut,
    effect,
    p: 1e-6,
    pAdjusted: 3.2e-5,
    notable,
  };
}

const consent = (yes: number): CategoricalDifference => ({
  feature: "allow_messages",
  label: FEATURES.allow_messages!.label,
  type: "category",
  levels: [{ value: "да", shareIn: yes, shareOut: 0.7 }, { value: "нет", shareIn: 1 - yes, shareOut: 0.3 }],
  effect: 0.02,
  p: 0.5,
  pAdjusted: 0.6,
  notable: false,
});

const fired = (s: Segment) => recommend([s]).map((r) => r.rule);

// rule → the feature it watches and the direction (+1: higher in the segment) that calls for it.
const SHIFT_RULES: [string, string, 1 | -1][] = [
  ["abandoned_cart", "unpaid_items_quarter", 1],
  ["service_errors", "service_errors", 1],
  ["promo_calendar", "promo_share", 1],
  ["site_engagement", "pages_per_visit", -1],
  ["site_engagement", "minutes_current", -1],
  ["cross_sell", "categories_per_visit", -1],
  ["more_contact", "marketing_6m", -1],
  ["onboarding", "duration_days", -1],
  ["reactivation", "revenue_current", -1],
];

Deno.test("each rule fires on its notable difference and cites the means, δ and p, and its lever", () => {
  for (const [rule, feature, sign] of SHIFT_RULES) {
    const [a, b] = sign > 0 ? [3.86, 2.63] : [2.41, 3.45];
    const s = segment([numeric(feature, a, b, 0.33 * sign), consent(0.75)]);
    assert.deepEqual(fired(s), [rule], `${rule} on ${feature}`);
    const r = recommend([s])[0]!;
    assert.ok(r.text.includes(`${String(a).replace(".", ",")} против ${String(b).replace(".", ",")}`), r.text);
    assert.ok(r.text.includes(`(δ ${sign > 0 ? "" : "\u2212"}0,33; p < 0,001)`), r.text);
    const lever = RECOMMENDATION_RULES.find((x) => x.id === rule)!.lever;
    assert.equal(r.lever, lever);
    assert.deepEqual(r.features, [feature]);
    assert.ok(r.text.includes(LEVERS[lever].segment!.advice), `${rule}: the catalogue's advice in ${r.text}`);
    assert.ok(r.text.includes(FEATURES[feature]!.label.toLowerCase()), r.text);
  }
});

Deno.test("a recommendation names neither the segment nor its money: the report states those once", () => {
  for (const [, feature, sign] of SHIFT_RULES) {
    const text = recommend([segment([numeric(feature, 3, 2, 0.33 * sign), consent(0.75)])])[0]!.text;
    for (const part of ["Тестовый", "1234,6", "40,0\u00A0%", "под риском"]) assert.ok(!text.includes(part), text);
  }
});

Deno.test("a corrected p-value is compact: below 0,001 it reads «p < 0,001»", () => {
  assert.equal(compactP(3.2e-5), "p < 0,001");
  assert.equal(compactP(0.001), "p = 0,001");
  assert.equal(compactP(0.0213), "p = 0,021");
});

Deno.test("no rule fires on the opposite direction, a non-notable difference or an untested feature", () => {
  for (const [, feature, sign] of SHIFT_RULES) {
    assert.deepEqual(fired(segment([numeric(feature, 1, 2, -0.33 * sign), consent(0.75)])), [], feature);
    assert.deepEqual(fired(segment([numeric(feature, 1, 2, 0.33 * sign, false), consent(0.75)])), [], feature);
  }
  assert.deepEqual(fired(segment([])), []);
});

Deno.test("more communication is recommended only when some of the segment allows messages", () => {
  const s = segment([numeric("marketing_current", 3, 4, -0.4), consent(0.6)]);
  assert.deepEqual(fired(s), ["more_contact"]);
  assert.match(recommend([s])[0]!.text, /60,0\u00A0% сегмента, около 120 чел\./);
  assert.deepEqual(fired(segment([numeric("marketing_current", 3, 4, -0.4), consent(0)])), []);
});

Deno.test("a category that is notably more popular in the segment gets a category offer", () => {
  const cat: CategoricalDifference = {
    feature: "popular_category",
    label: FEATURES.popular_category!.label,
    type: "category",
    levels: [
      { value: "Кухонная посуда", shareIn: 0.1, shareOut: 0.2 },
      { value: "Товары для детей", shareIn: 0.5, shareOut: 0.25 },
      { value: "Домашний текстиль", shareIn: 0.4, shareOut: 0.55 },
    ],
    effect: 0.21,
    p: 1e-4,
    pAdjusted: 4e-4,
    notable: true,
  };
  const text = recommend([segment([cat])])[0]!.text;
  assert.match(text, /«Товары для детей»: 50,0\u00A0% против 25,0\u00A0% \(V 0,21; p < 0,001\)/);
  assert.deepEqual(fired(segment([{ ...cat, notable: false }])), []);
});

Deno.test("on a constructed frame the abandoned-cart rule fires for the segment with more unpaid items", () => {
  // 60 customers; the at-risk half leaves 3 more items unpaid, nothing else differs with risk.
  const rows: Row[] = Array.from({ length: 60 }, (_, i) => ({
    id: i + 1,
    probability: i < 30 ? 0.8 : 0.2,
    profit: 2 + (i % 5),
    promo_share: [0.15, 0.2, 0.25, 0.9][i % 4]!,
    unpaid_items_quarter: (i % 4) + (i < 30 ? 3 : 0),
    service_errors: i % 7,
    pages_per_visit: 5 + (i % 6),
  }));
  const r = buildSegments(inputOf(rows));
  const rules = (id: string) => r.recommendations.filter((x) => x.segment === id).map((x) => x.rule);
  assert.deepEqual(rules("retain_first"), ["abandoned_cart"]);
  assert.deepEqual(rules("retain_cheaply"), ["abandoned_cart"]);
  assert.deepEqual(rules("keep_and_grow"), []); // fewer unpaid items: the opposite direction
  assert.deepEqual(rules("maintain"), []);
  const s = r.segments.find((s) => s.id === "retain_first")!;
  const d = s.profile.find((d) => d.feature === "unpaid_items_quarter") as NumericDifference;
  const text = r.recommendations.find((x) => x.segment === "retain_first" && x.rule === "abandoned_cart")!.text;
  assert.ok(
    text.includes(d.meanIn.toFixed(2).replace(".", ",")) && text.includes(d.meanOut.toFixed(2).replace(".", ",")),
  );
});

Deno.test("rule ids are unique", () => {
  const ids = RECOMMENDATION_RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
});
