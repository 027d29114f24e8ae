import assert from "node:assert/strict";
import { FEATURES } from "../../src/data/labels.ts";
import { buildSegments } from "../../src/segments/build_segments.ts";
import { conclude } from "../../src/segments/conclusion.ts";
import type { NumericDifference } from "../../src/segments/profile.ts";
import type { Segment } from "../../src/segments/segment.ts";
import { inputOf, type Row } from "./fixtures.ts";

const O = { threshold: 0.46, alpha: 0.05 };

function difference(notable: boolean, tested = true): NumericDifference {
  return {
    feature: "pages_per_visit",
    label: FEATURES.pages_per_visit!.label,
    type: "number",
    meanIn: 9,
    meanOut: 7,
    effect: tested ? 0.4 : null,
    p: tested ? 1e-6 : null,
    pAdjusted: tested ? 1e-5 : null,
    notable,
  };
}

function segment(o: Partial<Segment>): Segment {
  return {
    id: "s",
    kind: "store",
    name: "Тестовый",
    definition: "",
    size: 100,
    customerShare: 0.1,
    profitShare: 0.1,
    meanProbability: 0.2,
    flagged: 0,
    meanProbabilityRest: 0.4,
    profitAtRisk: 10,
    profitAtRiskShare: 0.05,
    horizonMonths: 3,
    profile: [difference(false)],
    composition: { categories: [], dynamics: [] },
    ...o,
  };
}

const one = (s: Segment) => conclude([s], [], O)[0]!;

Deno.test("a segment with a recommendation gets no conclusion; one without gets exactly one", () => {
  const s = segment({});
  assert.deepEqual(conclude([s], [{ segment: "s" }], O), []);
  assert.equal(conclude([s, { ...s, id: "t" }], [{ segment: "s" }], O).map((c) => c.segment).join(), "t");
});

Deno.test("low risk: below the threshold and below the rest, with the numbers it rests on", () => {
  const c = one(segment({ meanProbability: 0.104, meanProbabilityRest: 0.506 }));
  assert.equal(c.reason, "low_risk");
  assert.match(
    c.text,
    /^Риск низкий: средняя вероятность снижения 10\u00A0% против 51\u00A0% у остальных, ниже порога модели \(0,46\)/,
  );
  assert.doesNotMatch(c.text, /не ниже порога/, "nobody flagged: no word about flagged customers");
  const flagged = one(segment({ meanProbability: 0.25, meanProbabilityRest: 0.42, flagged: 70 }));
  assert.match(flagged.text, /Тем 70\u00A0покупателям сегмента, у кого вероятность не ниже порога/);
  const notable = one(segment({ profile: [difference(true)] }));
  assert.match(notable.text, /отличия от остальных \(заметных — 1\) не указывают на проблему/);
});

Deno.test("not low risk and no notable difference: says how many comparisons found nothing at which α", () => {
  const c = one(segment({ meanProbability: 0.381, meanProbabilityRest: 0.369, flagged: 141 }));
  assert.equal(c.reason, "no_difference");
  assert.match(c.text, /^Отличий, на которые можно опереться в предложении, не найдено: ни одно из 1\u00A0сравнения/);
  assert.match(c.text, /p с поправкой < 0,05/);
  assert.match(conclude([segment({ meanProbability: 0.5 })], [], { ...O, alpha: 0.01 })[0]!.text, /< 0,01\)/);
  assert.match(c.text, /38\u00A0% против 37\u00A0%/);
  assert.match(c.text, /Тем 141\u00A0покупателю сегмента/);
});

Deno.test("notable differences without a lever, an empty segment and a segment of everyone", () => {
  assert.equal(one(segment({ meanProbability: 0.6, profile: [difference(true)] })).reason, "no_lever");
  assert.equal(one(segment({ size: 0, meanProbability: NaN })).reason, "empty");
  const all = one(segment({ meanProbabilityRest: NaN, profile: [difference(false, false)] }));
  assert.equal(all.reason, "everyone");
});

Deno.test("on a constructed frame every segment ends in recommendations or a conclusion, never both", () => {
  // 60 customers: the at-risk half leaves more items unpaid; nothing else differs.
  const rows: Row[] = Array.from({ length: 60 }, (_, i) => ({
    id: i + 1,
    probability: i < 30 ? 0.8 : 0.2,
    profit: 2 + (i % 5),
    promo_share: [0.15, 0.2, 0.25, 0.9][i % 4]!,
    unpaid_items_quarter: (i % 4) + (i < 30 ? 3 : 0),
  }));
  const r = buildSegments(inputOf(rows));
  for (const s of r.segments) {
    const recs = r.recommendations.filter((x) => x.segment === s.id).length;
    const conclusions = r.conclusions.filter((x) => x.segment === s.id).length;
    assert.equal(recs > 0 ? 0 : 1, conclusions, s.id);
  }
  assert.equal(r.conclusions.find((c) => c.segment === "keep_and_grow")?.reason, "low_risk");
});
