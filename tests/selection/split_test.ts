import assert from "node:assert/strict";
import { holdoutSplit, stratifiedKFold } from "../../src/selection/split.ts";

/** 1000 rows, 38 % positive, with 30 pairs of rows sharing a group. */
function data() {
  const y = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37) % 100 < 38 ? 1 : 0);
  const groups = Float64Array.from({ length: 1000 }, (_, i) => i);
  for (let p = 0; p < 30; p++) groups[500 + p] = groups[10 * p]!, y[500 + p] = y[10 * p]!;
  return { y, groups };
}
const share = (y: Uint8Array, idx: Int32Array) => idx.reduce((n, i) => n + y[i]!, 0) / idx.length;

Deno.test("hold-out split: 25 %, stratified, disjoint, complete, deterministic for a seed", () => {
  const { y, groups } = data();
  const s = holdoutSplit(y, groups, { testSize: 0.25, seed: 42 });
  assert.equal(s.test.length, 250);
  assert.equal(s.train.length + s.test.length, 1000);
  assert.equal(new Set([...s.train, ...s.test]).size, 1000);
  assert.ok(Math.abs(share(y, s.test) - share(y, s.train)) < 0.01);
  assert.deepEqual(holdoutSplit(y, groups, { testSize: 0.25, seed: 42 }), s);
  assert.notDeepEqual(holdoutSplit(y, groups, { testSize: 0.25, seed: 43 }).test, s.test);
});

Deno.test("splits keep each duplicate group on one side", () => {
  const { y, groups } = data();
  const sides = (test: Int32Array) => {
    const inTest = new Set(test);
    for (let p = 0; p < 30; p++) assert.equal(inTest.has(10 * p), inTest.has(500 + p), `group ${p}`);
  };
  for (let seed = 0; seed < 5; seed++) {
    sides(holdoutSplit(y, groups, { testSize: 0.25, seed }).test);
    for (const f of stratifiedKFold(y, groups, { k: 5, seed })) sides(f.test);
  }
});

Deno.test("k folds: each row tested once, class shares within a row of the whole", () => {
  const { y, groups } = data();
  const folds = stratifiedKFold(y, groups, { k: 5, seed: 1 });
  const tested = folds.flatMap((f) => [...f.test]).sort((a, b) => a - b);
  assert.deepEqual(tested, Array.from({ length: 1000 }, (_, i) => i));
  for (const f of folds) {
    assert.equal(f.train.length + f.test.length, 1000);
    assert.ok(Math.abs(f.test.length - 200) <= 2);
    const positives = f.test.reduce((n, i) => n + y[i]!, 0);
    assert.ok(Math.abs(positives - 76) <= 2, `positives ${positives}`);
  }
});

Deno.test("k folds over a subset use that subset's row numbers", () => {
  const { y, groups } = data();
  const idx = Int32Array.from({ length: 400 }, (_, i) => 2 * i);
  const folds = stratifiedKFold(y, groups, { k: 4, seed: 3, idx });
  assert.deepEqual(folds.flatMap((f) => [...f.test]).sort((a, b) => a - b), [...idx]);
});
