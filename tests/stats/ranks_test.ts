import assert from "node:assert/strict";
import fc from "fast-check";
import { midranks, tieSum } from "../../src/stats/ranks.ts";

Deno.test("midranks match scipy.stats.rankdata(method='average'); tieSum matches tiecorrect's term", () => {
  const x = [1, 2, 2, 3, 4, 5, 5, 6, 7, 7, 7, 10];
  assert.deepEqual(Array.from(midranks(x)), [1, 2.5, 2.5, 4, 5, 6.5, 6.5, 8, 10, 10, 10, 12]);
  assert.deepEqual(Array.from(midranks([10, 20, 20, 30])), [1, 2.5, 2.5, 4]);
  assert.deepEqual(Array.from(midranks([3, -1, 3])), [2.5, 1, 2.5]);
  assert.deepEqual(Array.from(midranks([])), []);
  // scipy.stats.tiecorrect(rankdata(x)) = 1 − Σ(t³ − t) / (n³ − n) = 1 − 36 / 1716.
  assert.equal(tieSum(midranks(x)), 36);
  assert.equal(1 - tieSum(midranks(x)) / (12 ** 3 - 12), 0.9790209790209791);
  assert.equal(tieSum(midranks([5, 4, 3])), 0);
});

Deno.test("each mid-rank is 1 + the values below + half the other values equal to it (property)", () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 30 }), (x) => {
      const r = midranks(x);
      x.forEach((v, i) => {
        const below = x.filter((w) => w < v).length, same = x.filter((w) => w === v).length - 1;
        assert.equal(r[i], 1 + below + same / 2);
      });
      assert.equal(r.reduce((s, v) => s + v, 0), (x.length * (x.length + 1)) / 2);
    }),
    { seed: 5, numRuns: 300 },
  );
});
