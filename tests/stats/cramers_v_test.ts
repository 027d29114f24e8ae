import assert from "node:assert/strict";
import { contingency } from "../../src/stats/contingency.ts";
import { cramersV } from "../../src/stats/cramers_v.ts";

const close = (a: number, b: number, rel = 1e-12) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

// Reference numbers: scipy.stats.contingency.association(table, method="cramer").
Deno.test("Cramér's V matches scipy's association(method='cramer'), no bias correction", () => {
  const cases: [number[][], number][] = [
    [[[10, 20], [30, 5]], 0.5367450401216932],
    [[[12, 5, 9], [7, 14, 3]], 0.41261525605297894],
    [[[40, 60], [45, 55]], 0.05057217374241736],
    [[[5, 0, 3], [2, 0, 8]], 0.4332001127219818], // scipy on [[5, 3], [2, 8]]: an empty level carries nothing
  ];
  for (const [t, v] of cases) assert.ok(close(cramersV(t), v), `${JSON.stringify(t)}: ${cramersV(t)}`);
  const a = [..."xxyyzzxyzxxz"], b = [..."uuvvuvvuuvuu"];
  assert.ok(close(cramersV(contingency(a, b).counts), 0.32071349029490925));
  assert.ok(close(cramersV(contingency(b, a).counts), 0.32071349029490925));
});

Deno.test("Cramér's V: 1 for a perfect association, NaN with a single level", () => {
  assert.equal(cramersV(contingency(["a", "a", "b", "b"], ["x", "x", "y", "y"]).counts), 1);
  assert.equal(cramersV([[0, 3, 0], [0, 0, 4], [5, 0, 0]]), 1);
  assert.ok(Number.isNaN(cramersV(contingency(["a", "a"], ["x", "y"]).counts)));
  assert.ok(Number.isNaN(cramersV([[3, 0], [4, 0]])));
  assert.ok(Number.isNaN(cramersV([])));
});

Deno.test("contingency counts pairs of sorted levels", () => {
  assert.deepEqual(contingency(["x", "y", "x"], ["u", "u", "v"]), {
    rows: ["x", "y"],
    columns: ["u", "v"],
    counts: [[1, 1], [1, 0]],
  });
  assert.throws(() => contingency(["x"], []), /Samples differ in length: 1 and 0/);
});
