import assert from "node:assert/strict";
import { fitDependence } from "../../src/explain/shap_dependence.ts";

// Two players: a number (column 0) and a three-level one-hot group (columns 1–2, "c" = both 0).
const players = {
  features: ["x", "cat"],
  columns: [Int32Array.of(0), Int32Array.of(1, 2)],
  playerOf: Int32Array.of(0, 1, 1),
};
const rows = [
  [0, 1, 0],
  [1, 1, 0],
  [2, 0, 1],
  [3, 0, 1],
  [10, 0, 0],
];
const X = { rows: 5, cols: 3, data: Float64Array.from(rows.flat()) };
// φ of x is 10·x; φ of the category: a → −1, b → 2, c → 5.
const phi = Float64Array.from(rows.flatMap(([x, a, b]) => [10 * x!, a ? -1 : b ? 2 : 5]));
const q = (...r: number[]) => ({ rows: 1, cols: 3, data: Float64Array.from(r) });

Deno.test("dependence surrogate: mean φ of the k nearest values, ties at the k-th distance included", () => {
  const s = fitDependence(X, phi, players, 2);
  const out = new Float64Array(2);
  s.predict(q(1.2, 1, 0), 0, out);
  assert.deepEqual(Array.from(out), [(10 + 20) / 2, -1]); // x = 1 and 2 are nearest
  s.predict(q(1.5, 0, 1), 0, out);
  assert.deepEqual(Array.from(out), [(10 + 20) / 2, 2]); // 1 and 2 tie at 0.5
  s.predict(q(2, 0, 0), 0, out);
  assert.deepEqual(Array.from(out), [(10 + 20 + 30) / 3, 5]); // 2 itself, then 1 and 3 tie at distance 1
  s.predict(q(50, 1, 1), 0, out); // a category none has: the overall mean
  assert.deepEqual(Array.from(out), [(30 + 100) / 2, (-1 - 1 + 2 + 2 + 5) / 5]);
});

Deno.test("dependence surrogate left out: what the others say of an explained row", () => {
  const s = fitDependence(X, phi, players, 2);
  const out = new Float64Array(2);
  s.predictLeftOut(0, out); // x = 0: nearest others 1 and 2; category a: the other a
  assert.deepEqual(Array.from(out), [(10 + 20) / 2, -1]);
  s.predictLeftOut(4, out); // x = 10: nearest others 3 and 2; category c: nobody else, the others' mean
  assert.deepEqual(Array.from(out), [(30 + 20) / 2, (-1 - 1 + 2 + 2) / 4]);
  assert.throws(() => fitDependence({ rows: 1, cols: 3, data: Float64Array.of(0, 1, 0) }, phi, players), /two/);
});
