import assert from "node:assert/strict";
import fc from "fast-check";
import { chiSquareTest } from "../../src/segments/chi_square.ts";
import { computeCuts, twoClassCut } from "../../src/segments/cuts.ts";
import { chi2Sf, normalSf } from "../../src/segments/distributions.ts";
import { mannWhitneyU } from "../../src/segments/mann_whitney.ts";
import { benjaminiHochberg } from "../../src/segments/multiple_testing.ts";
import { profile } from "../../src/segments/profile.ts";
import { close } from "./fixtures.ts";

// Reference numbers from scipy 1.10.1 (stats.norm.sf, stats.chi2.sf, mannwhitneyu(method="asymptotic",
// use_continuity=True), chi2_contingency, contingency.association(method="cramer")) and numpy.quantile.

Deno.test("normal and chi-square tails match scipy far into the tail", () => {
  for (
    const [z, p] of [[1.959963984540054, 0.025], [5, 2.866515718791933e-7], [-1, 0.8413447460685429], [
      10,
      7.61985302416047e-24,
    ], [0, 0.5]]
  ) assert.ok(close(normalSf(z!), p!, 1e-12), `sf(${z}) = ${normalSf(z!)}`);
  for (
    const [x, k, p] of [
      [3.841458820694124, 1, 0.04999999999999989],
      [10, 3, 0.01856613546304325],
      [50, 5, 1.3857973367009573e-9],
      [0.5, 2, 0.7788007830714049],
      [200, 10, 1.6139305336977317e-37],
    ]
  ) assert.ok(close(chi2Sf(x!, k!), p!, 1e-12), `chi2 sf(${x}, ${k}) = ${chi2Sf(x!, k!)}`);
});

Deno.test("Mann–Whitney U, p and Cliff's δ match scipy, ties included", () => {
  const cases: [number[], number[], number, number, number][] = [
    [[3, 4, 5], [1, 2, 3], 8.5, 0.12118327283746319, 0.8888888888888888],
    [[1, 2, 2, 3, 3, 3, 4, 5, 5, 6], [0, 1, 1, 2, 2, 2, 3, 4, 4, 4, 7, 8], 69, 0.570216498762648, 0.15],
    [
      Array.from({ length: 40 }, (_, i) => (i * 7) % 13 + 5),
      Array.from({ length: 50 }, (_, i) => (i * 5) % 11),
      1728,
      3.1990153541335983e-9,
      0.728,
    ],
    [[0.5, 1.5], [1], 1, 1, 0],
  ];
  for (const [x, y, u, p, delta] of cases) {
    const r = mannWhitneyU(x, y);
    assert.equal(r.u, u);
    assert.ok(close(r.p, p, 1e-10), `p ${r.p} vs ${p}`);
    assert.ok(Math.abs(r.delta - delta) < 1e-12);
  }
  // Swapping the samples flips δ and keeps the two-sided p.
  const a = mannWhitneyU(cases[2]![0], cases[2]![1]), b = mannWhitneyU(cases[2]![1], cases[2]![0]);
  assert.ok(Math.abs(a.delta + b.delta) < 1e-12 && close(a.p, b.p, 1e-12));
});

Deno.test("Mann–Whitney with every value tied has no information", () => {
  assert.deepEqual(mannWhitneyU([2, 2], [2, 2, 2]), { u: 3, p: 1, delta: 0 });
  assert.throws(() => mannWhitneyU([], [1]), /non-empty/);
});

Deno.test("chi-square (Yates for 2×2) and Cramér's V match scipy; empty levels are dropped", () => {
  const cases: [number[][], number, number, number][] = [
    [[[10, 20], [30, 5]], 16.57848214285714, 4.667763281513949e-5, 0.5367450401216932],
    [[[12, 5, 9], [7, 14, 3]], 8.512567476383268, 0.014174882222918836, 0.41261525605297894],
    [[[40, 60], [45, 55]], 0.3273657289002557, 0.5672143749904137, 0.05057217374241736],
    // scipy on [[5, 3], [2, 8]]: the zero column carries nothing.
    [[[5, 0, 3], [2, 0, 8]], 1.8262987012987018, 0.17656535073105556, 0.4332001127219818],
  ];
  for (const [t, chi2, p, v] of cases) {
    const r = chiSquareTest(t);
    assert.ok(close(r.chi2, chi2, 1e-12) && close(r.p, p, 1e-10) && close(r.cramersV, v, 1e-12), JSON.stringify(r));
  }
  assert.deepEqual(chiSquareTest([[3, 0], [4, 0]]), { chi2: 0, dof: 0, p: 1, cramersV: 0 });
});

Deno.test("Benjamini–Hochberg matches R's p.adjust(·, 'BH') and skips NaN", () => {
  const got = benjaminiHochberg([0.01, 0.04, 0.03, 0.2, 0.001, 0.04]);
  [0.03, 0.048, 0.048, 0.2, 0.006, 0.048].forEach((q, i) => assert.ok(close(got[i]!, q, 1e-12)));
  const withNaN = benjaminiHochberg([0.02, NaN, 0.01]);
  assert.ok(Number.isNaN(withNaN[1]!) && close(withNaN[0]!, 0.02) && close(withNaN[2]!, 0.02));
});

Deno.test("the two-class cut falls between the modes; profit cuts are numpy's quantiles", () => {
  assert.equal(twoClassCut([0.1, 0.15, 0.2, 0.9, 0.95]), 0.9);
  assert.equal(twoClassCut([0.12, 0.2, 0.25, 0.3, 0.35, 0.6, 0.92, 0.95, 0.99]), 0.6);
  assert.equal(twoClassCut([0.3, 0.3]), Infinity);
  assert.throws(() => twoClassCut([]), /empty/);
  const cuts = computeCuts({ profit: [1, 2, 3, 4], promoShare: [0.1, 0.9, 0.2, 0.8] }, 0.4, {
    profitQuantile: 0.5,
    topProfitQuantile: 0.75,
  });
  assert.deepEqual(
    [cuts.profitCut, cuts.topProfitCut, cuts.promoCut, cuts.promoRule],
    [2.5, 3.25, 0.8, "two-class cut (Otsu)"],
  );
});

Deno.test("a difference is notable only when significant after BH and large enough", () => {
  const n = 2000;
  const mask = Uint8Array.from({ length: 2 * n }, (_, i) => i < n ? 1 : 0);
  const column = (shift: number) => Float64Array.from({ length: 2 * n }, (_, i) => i < n ? i : i - n + shift);
  const o = { exclude: [], alpha: 0.05, minDelta: 0.147, minCramersV: 0.1 };
  // A shift of 7.5 % of the range: p ≈ 1e-6 but |δ| ≈ 0.144 < 0.147 — significant, not meaningful.
  const [small] = profile({ rows: 2 * n, numeric: { service_errors: column(150) }, categorical: {} }, mask, o);
  assert.ok(small!.pAdjusted! < 1e-5 && Math.abs(small!.effect!) < 0.147 && !small!.notable);
  const [large] = profile({ rows: 2 * n, numeric: { service_errors: column(400) }, categorical: {} }, mask, o);
  assert.ok(large!.notable && large!.effect! < -0.147);
  // Large effect, four customers: not significant.
  const tiny = profile(
    { rows: 4, numeric: { service_errors: Float64Array.of(9, 8, 1, 2) }, categorical: {} },
    Uint8Array.of(1, 1, 0, 0),
    o,
  );
  assert.ok(tiny[0]!.effect === 1 && !tiny[0]!.notable);
  // Features the rule reads are described but not tested.
  const excluded = profile(
    { rows: 4, numeric: { profit: Float64Array.of(9, 8, 1, 2) }, categorical: {} },
    Uint8Array.of(1, 1, 0, 0),
    {
      ...o,
      exclude: ["profit"],
    },
  );
  assert.deepEqual(excluded[0], {
    feature: "profit",
    label: "Прибыль в месяц",
    type: "number",
    meanIn: 8.5,
    meanOut: 1.5,
    effect: null,
    p: null,
    pAdjusted: null,
    notable: false,
  });
});

Deno.test("Cliff's δ equals its pairwise definition and p stays in [0, 1] (property)", () => {
  const sample = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 25 });
  fc.assert(
    fc.property(sample, sample, (x, y) => {
      let d = 0;
      for (const a of x) for (const b of y) d += Math.sign(a - b);
      const r = mannWhitneyU(x, y);
      return Math.abs(r.delta - d / (x.length * y.length)) < 1e-12 && r.p >= 0 && r.p <= 1;
    }),
    { seed: 11, numRuns: 300 },
  );
});
