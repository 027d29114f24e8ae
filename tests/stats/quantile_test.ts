import assert from "node:assert/strict";
import fc from "fast-check";
import { quantile, quantileSorted } from "../../src/stats/quantile.ts";

Deno.test("quantiles interpolate like numpy.quantile (linear, type 7)", () => {
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantile([3, 1, 4, 1, 5, 9, 2, 6], 0.25), 1.75);
  assert.equal(quantile([3, 1, 4, 1, 5, 9, 2, 6], 0.75), 5.25);
  // pandas' describe() of [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8.5]: 25 % 2.75, 50 % 4.5, 75 % 5.25.
  const s = Float64Array.of(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8.5).sort();
  assert.deepEqual([0.25, 0.5, 0.75].map((q) => quantileSorted(s, q)), [2.75, 4.5, 5.25]);
  assert.equal(quantile([7], 0.3), 7);
  assert.deepEqual([quantile([2, 9, 4], 0), quantile([2, 9, 4], 1)], [2, 9]);
});

Deno.test("quantile leaves its input alone and refuses what has no quantile", () => {
  const values = [3, 1, 2];
  quantile(values, 0.5);
  assert.deepEqual(values, [3, 1, 2]);
  assert.throws(() => quantile([], 0.5), /Quantile of an empty sample/);
  assert.throws(() => quantile([1], 1.5), /Quantile level must be in \[0, 1\], got "1.5"/);
  assert.throws(() => quantileSorted([1], NaN), /got "NaN"/);
});

Deno.test("quantiles grow with the level and stay within the sample (property)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (x, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const qa = quantile(x, lo), qb = quantile(x, hi);
        assert.ok(qa <= qb + 1e-9 * Math.max(1, Math.abs(qb)), `${qa} > ${qb}`);
        assert.ok(qa >= Math.min(...x) && qb <= Math.max(...x));
      },
    ),
    { seed: 3, numRuns: 300 },
  );
});
