import assert from "node:assert/strict";
import fc from "fast-check";
import { mannWhitneyMasked, mannWhitneyU, rankColumn } from "../../src/segments/mann_whitney.ts";
import { profile } from "../../src/segments/profile.ts";

Deno.test("Mann–Whitney from the column's ranks equals the two-sample test, ties included (property)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.boolean()), { minLength: 2, maxLength: 60 }),
      (rows) => {
        fc.pre(rows.some(([, m]) => m) && rows.some(([, m]) => !m));
        const values = rows.map(([v]) => v), mask = Uint8Array.from(rows, ([, m]) => m ? 1 : 0);
        const inside = values.filter((_, i) => mask[i]), rest = values.filter((_, i) => !mask[i]);
        assert.deepEqual(mannWhitneyMasked(rankColumn(values), mask), mannWhitneyU(inside, rest));
      },
    ),
    { seed: 7, numRuns: 300 },
  );
});

Deno.test("Mann–Whitney from ranks refuses an empty side and a mask of another length", () => {
  const column = rankColumn([1, 2, 3]);
  assert.throws(() => mannWhitneyMasked(column, Uint8Array.of(1, 1, 1)), /two non-empty samples/);
  assert.throws(() => mannWhitneyMasked(column, Uint8Array.of(1, 0)), /Expected 3 mask values/);
});

Deno.test("profile: one ranking per column gives what a test per segment gives", () => {
  const n = 400;
  const x = Float64Array.from({ length: n }, (_, i) => (i * 37) % 23);
  const cat = Array.from({ length: n }, (_, i) => ["a", "b", "c"][(i * 7) % 3]!);
  const columns = { rows: n, numeric: { pages_per_visit: x }, categorical: { popular_category: cat } };
  const o = { exclude: [], alpha: 0.05, minDelta: 0.147, minCramersV: 0.1 };
  for (const k of [2, 3, 5]) {
    const mask = Uint8Array.from({ length: n }, (_, i) => (i % k === 0 ? 1 : 0));
    const diffs = profile(columns, mask, o);
    const num = diffs.find((d) => d.type === "number"), category = diffs.find((d) => d.type === "category");
    const inside = Array.from(x).filter((_, i) => mask[i]), rest = Array.from(x).filter((_, i) => !mask[i]);
    const mw = mannWhitneyU(inside, rest);
    assert.equal(num!.p, mw.p);
    assert.equal(num!.effect, mw.delta);
    assert.equal(num!.type === "number" && num!.meanIn, inside.reduce((s, v) => s + v, 0) / inside.length);
    const shares = category!.type === "category" ? category!.levels : [];
    for (const l of shares) {
      const cin = cat.filter((v, i) => mask[i] && v === l.value).length / inside.length;
      const cout = cat.filter((v, i) => !mask[i] && v === l.value).length / rest.length;
      assert.deepEqual([l.shareIn, l.shareOut], [cin, cout]);
    }
  }
});
