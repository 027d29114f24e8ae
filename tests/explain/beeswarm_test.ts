import assert from "node:assert/strict";
import { beeswarmData } from "../../src/explain/beeswarm.ts";
import type { Explanation } from "../../src/explain/explanation.ts";
import type { FeatureTable } from "../../src/features/feature_table.ts";

const rows: FeatureTable = {
  rows: 4,
  numeric: { marketing_6m: Float64Array.of(3, 1, 3, 10) },
  categorical: { service_type: ["стандарт", "премиум", "стандарт", "стандарт"] },
};
const expl: Explanation = {
  output: "probability",
  features: ["marketing_6m", "service_type"],
  base: 0.3,
  phi: Float64Array.of(0.1, 0.01, -0.2, 0.02, 0.05, 0.03, 0.3, 0.04),
  rows: 4,
  value: Float64Array.of(0.41, 0.12, 0.38, 0.64),
  method: "constructed",
};

Deno.test("beeswarmData: one point per customer and feature with raw values and φ", () => {
  const points = beeswarmData(expl, rows);
  assert.equal(points.length, 8);
  assert.deepEqual(points[1], {
    feature: "marketing_6m",
    label: "Маркетинг, среднее за 6 мес.",
    phi: -0.2,
    value: 1,
    valueRank: 0,
  });
  assert.deepEqual(points.filter((p) => p.feature === "service_type").map((p) => [p.value, p.phi]), [
    ["стандарт", 0.01],
    ["премиум", 0.02],
    ["стандарт", 0.03],
    ["стандарт", 0.04],
  ]);
});

Deno.test("beeswarmData: numbers coloured by mid-rank (ties shared, outliers not stretching), categories by sorted order", () => {
  const points = beeswarmData(expl, rows);
  // Values 3, 1, 3, 10 → ranks 1.5, 0, 1.5, 3 of 3.
  assert.deepEqual(points.slice(0, 4).map((p) => p.valueRank), [0.5, 0, 0.5, 1]);
  assert.deepEqual(points.slice(4).map((p) => p.valueRank), [1, 0, 1, 1]);
  const single = beeswarmData({ ...expl, phi: expl.phi.subarray(0, 2), rows: 1, value: expl.value.subarray(0, 1) }, {
    rows: 1,
    numeric: { marketing_6m: Float64Array.of(3) },
    categorical: { service_type: ["стандарт"] },
  });
  assert.deepEqual(single.map((p) => p.valueRank), [0.5, 0.5]);
});

Deno.test("beeswarmData: the table must match the explanation", () => {
  assert.throws(() => beeswarmData(expl, { ...rows, rows: 3 }), /4 rows, the table 3/);
  assert.throws(() => beeswarmData({ ...expl, features: ["profit", "service_type"] }, rows), /no column "profit"/);
});
