import assert from "node:assert/strict";
import { LEVERS } from "../../src/segments/levers.ts";
import { RECOMMENDATION_RULES, recommendationHeadline } from "../../src/segments/recommend.ts";

Deno.test("the catalogue: every lever is keyed by its id and named in Russian", () => {
  for (const [key, lever] of Object.entries(LEVERS)) {
    assert.equal(lever.id, key);
    assert.match(lever.name, /^[А-ЯЁ][а-яё]/, key);
    assert.match(lever.receives, /^[А-ЯЁ].*\.$/, key);
    if (lever.segment) {
      assert.match(lever.segment.headline, /^[А-ЯЁ].*[^.]$/, key);
      assert.match(lever.segment.advice, /^[А-ЯЁ].*[^.]$/, `${key}: rules add the period`);
    }
  }
  assert.equal(new Set(Object.values(LEVERS).map((l) => l.name)).size, Object.keys(LEVERS).length, "names unique");
});

Deno.test("every recommendation rule proposes a lever the catalogue words for segments", () => {
  for (const rule of RECOMMENDATION_RULES) {
    assert.ok(LEVERS[rule.lever].segment, `${rule.id} → ${rule.lever}`);
    assert.equal(recommendationHeadline(rule.id), LEVERS[rule.lever].segment!.headline);
  }
  assert.equal(
    recommendationHeadline("abandoned_cart"),
    "Напоминать о брошенной корзине и давать промокод на её товары",
  );
  assert.equal(recommendationHeadline("no_such_rule"), "no_such_rule");
});
