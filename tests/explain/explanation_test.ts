import assert from "node:assert/strict";
import { type Explanation, globalImportance, topReasons } from "../../src/explain/explanation.ts";

// Two customers, three features; customer 0 has a tie in |φ| between the first two.
const expl: Explanation = {
  output: "probability",
  features: ["marketing_6m", "popular_category", "minutes_current"],
  base: 0.4,
  phi: Float64Array.of(0.1, -0.1, 0.05, -0.3, 0.02, 0.2),
  rows: 2,
  value: Float64Array.of(0.45, 0.32),
  method: "constructed",
};

Deno.test("topReasons: largest |φ| first, ties in feature order, direction by sign, Russian labels", () => {
  assert.deepEqual(topReasons(expl, 0, 2), [
    { feature: "marketing_6m", label: "Маркетинг, среднее за 6 мес.", phi: 0.1, direction: "up" },
    { feature: "popular_category", label: "Популярная категория", phi: -0.1, direction: "down" },
  ]);
  assert.deepEqual(topReasons(expl, 1).map((r) => [r.feature, r.direction]), [
    ["marketing_6m", "down"],
    ["minutes_current", "up"],
    ["popular_category", "up"],
  ]);
});

Deno.test("globalImportance: mean |φ| per feature, largest first", () => {
  const g = globalImportance(expl);
  assert.deepEqual(g.map((x) => x.feature), ["marketing_6m", "minutes_current", "popular_category"]);
  assert.ok(Math.abs(g[0]!.meanAbs - 0.2) < 1e-15);
  assert.ok(Math.abs(g[1]!.meanAbs - 0.125) < 1e-15);
  assert.ok(Math.abs(g[2]!.meanAbs - 0.06) < 1e-15);
  assert.equal(g[1]!.label, "Минут на сайте, текущий месяц");
});
