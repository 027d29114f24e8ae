import assert from "node:assert/strict";
import { correlationRatio } from "../../src/eda/correlation_ratio.ts";
import { describe, standardizedDifference } from "../../src/eda/describe.ts";
import { histogramBins, histogramCounts } from "../../src/eda/histogram.ts";
import { spearman } from "../../src/eda/spearman.ts";
import { vif } from "../../src/eda/vif.ts";
import { close } from "./fixtures.ts";

// Reference numbers: pandas 2 / scipy / numpy on the same data (scratch script, not part of the repo).

Deno.test("describe matches pandas' describe()", () => {
  const d = describe([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8.5]);
  const ref = [12, 4.375, 2.6035378028576983, 1, 2.75, 4.5, 5.25, 9];
  const got = [d.count, d.mean, d.std, d.min, d.q1, d.median, d.q3, d.max];
  got.forEach((v, i) => assert.ok(close(v, ref[i]!), `${i}: ${v} vs ${ref[i]}`));
  const empty = describe([]);
  assert.equal(empty.count, 0);
  assert.ok(Number.isNaN(empty.mean) && Number.isNaN(empty.median) && Number.isNaN(empty.std));
});

Deno.test("Cohen's d uses the pooled sample SD, sign follows the first sample", () => {
  assert.equal(standardizedDifference(describe([2, 3, 4]), describe([0, 1, 2])), 2);
  assert.equal(standardizedDifference(describe([0, 1, 2]), describe([2, 3, 4])), -2);
  assert.ok(Number.isNaN(standardizedDifference(describe([1, 1]), describe([1, 1]))));
});

Deno.test("Spearman ρ matches scipy.stats.spearmanr with ties", () => {
  const a = [1, 2, 2, 3, 4, 5, 5, 6, 7, 7, 7, 10], b = [2, 1, 4, 3, 3, 6, 5, 7, 9, 8, 8, 8];
  assert.ok(close(spearman(a, b), 0.9269176936372692));
  assert.ok(Number.isNaN(spearman([1, 1, 1], [1, 2, 3])));
  assert.ok(close(spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1));
});

Deno.test("the correlation ratio η matches the ANOVA sums of squares (numpy)", () => {
  const cats = [..."xxyyzzxyzxxz"];
  const num = [2.5, 3.1, 4.0, 1.2, 5.5, 6.1, 2.2, 3.3, 4.4, 0.5, 7.7, 3.0];
  assert.ok(close(correlationRatio(cats, num), 0.40987315485290315));
  assert.equal(correlationRatio(["a", "a", "b", "b"], [1, 1, 3, 3]), 1);
  assert.ok(Number.isNaN(correlationRatio(["a", "b"], [2, 2])));
});

Deno.test("VIF matches 1/(1 − R²) from numpy least squares with an intercept", () => {
  const X = [
    [18, 11, 1, 18, 2, 16, 14, 9, 10, 14, 9, 17],
    [12, 15, 6, 0, 15, 6, 5, 10, 19, 12, 4, 12],
    [13, 16, 5, 9, 2, 6, 19, 11, 16, 6, 16, 2],
    [31, 26, 7, 19, 19, 23, 21, 21, 31, 27, 14, 30],
  ];
  const ref = [69.64434476337692, 67.46788318082118, 1.0524631459031977, 108.23666100410915];
  vif(X).forEach((v, i) => assert.ok(close(v, ref[i]!, 1e-9), `${i}: ${v} vs ${ref[i]}`));
  // An exact linear combination is infinitely inflated; a constant column has no VIF.
  const exact = vif([[1, 2, 3, 5], [2, 1, 0, 4], [3, 3, 3, 9], [7, 7, 7, 7]]);
  assert.deepEqual(exact.slice(0, 3), [Infinity, Infinity, Infinity]);
  assert.ok(Number.isNaN(exact[3]!));
  // Orthogonal columns: VIF 1.
  vif([[1, -1, 1, -1], [1, 1, -1, -1]]).forEach((v) => assert.ok(close(v, 1)));
});

Deno.test("histogram bins: one per integer value, else round edges; counts match numpy.histogram", () => {
  assert.deepEqual(histogramBins([[1, 2, 3], [3, 4]]), { edges: [0.5, 1.5, 2.5, 3.5, 4.5], unit: true });
  const h = [0.02, 0.13, 0.2, 0.2, 0.35, 0.5, 0.97, 0.4, 0.3];
  const { edges, unit } = histogramBins([h], { bins: 10 });
  assert.equal(unit, false);
  assert.deepEqual(edges, [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  assert.deepEqual(histogramCounts(h, edges), [1, 1, 2, 2, 1, 1, 0, 0, 0, 1]);
  // The last bin is closed on the right; values outside are not counted.
  assert.deepEqual(histogramCounts([0, 1, 2, 3], [0, 1, 2]), [1, 2]);
  // Wide integer ranges get round edges instead of one bin per value.
  const wide = histogramBins([[0, 1000]], { bins: 20 });
  assert.equal(wide.unit, false);
  assert.deepEqual([wide.edges[0], wide.edges[1], wide.edges.at(-1)], [0, 50, 1000]);
  assert.deepEqual(histogramBins([[]]).edges, []);
});
