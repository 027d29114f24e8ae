import assert from "node:assert/strict";
import fc from "fast-check";
import { midranks, rankData, tieSum } from "../../src/stats/ranks.ts";

/** midranks as it was: an index array sorted with a JS comparator (the reference the native sort must equal). */
function comparatorMidranks(x: number[]): Float64Array {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]! || a - b);
  const out = new Float64Array(n);
  for (let lo = 0; lo < n;) {
    let hi = lo;
    while (hi + 1 < n && x[order[hi + 1]!] === x[order[lo]!]) hi++;
    for (let k = lo; k <= hi; k++) out[order[k]!] = (lo + hi) / 2 + 1;
    lo = hi + 1;
  }
  return out;
}

Deno.test("rankData: the comparator sort's mid-ranks and tieSum's term, from one native sort (property)", () => {
  const value = fc.oneof(fc.integer({ min: -4, max: 4 }), fc.constantFrom(-0, 0.1, 0.30000000000000004, 1e-300));
  fc.assert(
    fc.property(fc.array(value, { maxLength: 60 }), (x) => {
      const { ranks, ties } = rankData(x);
      assert.deepEqual(ranks, comparatorMidranks(x));
      assert.deepEqual(midranks(x), ranks);
      assert.equal(ties, tieSum(ranks));
    }),
    { seed: 21, numRuns: 500 },
  );
});

Deno.test("rankData of a column with one value and of none", () => {
  assert.deepEqual(rankData([7, 7, 7]), { ranks: Float64Array.of(2, 2, 2), ties: 24 });
  assert.deepEqual(rankData([]), { ranks: new Float64Array(0), ties: 0 });
});
