/**
 * Calibration: parity with scikit-learn 1.2.1 (CalibratedClassifierCV with
 * _SigmoidCalibration and IsotonicRegression(out_of_bounds="clip"),
 * brier_score_loss) on the fixture written by bench/calibration_reference.py,
 * the choice rule, and the calibrator as plain JSON.
 */
import assert from "node:assert/strict";
import {
  brierDifferenceError,
  calibrate,
  calibrateAll,
  calibrateProbability,
  type Calibrator,
  chooseMethod,
  crossValidatedBrier,
  fitIsotonic,
  fitSigmoid,
  isCalibrator,
} from "../../src/models/calibration.ts";
import { brierScore, type ReliabilityBin } from "../../src/selection/evaluate.ts";
import type { Split } from "../../src/selection/split.ts";
import { Rng, seedKey } from "../../src/util/random.ts";

interface Case {
  name: string;
  p: number[];
  y: number[];
  folds: number[];
  query: number[];
  sigmoid: { a: number; b: number; predict: number[]; cvBrier: number; foldBrier: number[] };
  isotonic: { x: number[]; y: number[]; predict: number[]; cvBrier: number; foldBrier: number[] };
  brierBefore: number;
}
const reference = JSON.parse(
  await Deno.readTextFile(new URL("./calibration_reference.json", import.meta.url)),
) as { sklearn: string; cases: Case[] };

const foldsOf = (fold: number[]): Split[] =>
  [...new Set(fold)].sort().map((f) => ({
    train: Int32Array.from(fold.flatMap((g, i) => (g === f ? [] : [i]))),
    test: Int32Array.from(fold.flatMap((g, i) => (g === f ? [i] : []))),
  }));

const close = (actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string) => {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= tol, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
};

for (const c of reference.cases) {
  Deno.test(`sigmoid matches scikit-learn's _SigmoidCalibration (${c.name})`, () => {
    const cal = fitSigmoid(c.p, c.y);
    // scikit-learn stops BFGS at a gradient of 1e-5, ours Newton at 1e-10: measured gaps ≤ 7e-8 (a, b), 1e-8 (p).
    close([cal.a, cal.b], [c.sigmoid.a, c.sigmoid.b], 1e-6, "a, b");
    close(calibrateAll(cal, c.query), c.sigmoid.predict, 1e-7, "predict_proba");
  });

  Deno.test(`isotonic matches scikit-learn's IsotonicRegression(out_of_bounds="clip") (${c.name})`, () => {
    const cal = fitIsotonic(c.p, c.y);
    close(cal.x, c.isotonic.x, 0, "X_thresholds_");
    close(cal.y, c.isotonic.y, 1e-12, "y_thresholds_");
    close(calibrateAll(cal, c.query), c.isotonic.predict, 1e-12, "predict_proba");
  });

  Deno.test(`Brier scores and the choice on the fixture's folds match scikit-learn (${c.name})`, () => {
    assert.ok(Math.abs(brierScore(c.y, c.p) - c.brierBefore) < 1e-15);
    const cv = crossValidatedBrier(c.p, c.y, foldsOf(c.folds));
    assert.ok(Math.abs(cv.brier.sigmoid - c.sigmoid.cvBrier) < 1e-8, `${cv.brier.sigmoid} vs ${c.sigmoid.cvBrier}`);
    assert.ok(Math.abs(cv.brier.isotonic - c.isotonic.cvBrier) < 1e-12);
    close(cv.foldBrier.sigmoid, c.sigmoid.foldBrier, 1e-8, "sigmoid's fold Brier");
    close(cv.foldBrier.isotonic, c.isotonic.foldBrier, 1e-12, "isotonic's fold Brier");
    // The one-standard-error rule on scikit-learn's own figures.
    const d = c.sigmoid.foldBrier.map((s, f) => s - c.isotonic.foldBrier[f]!);
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    const se = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / (d.length - 1) / d.length);
    const result = calibrate(c.p, c.y, { folds: foldsOf(c.folds), minIsotonicRows: 0 });
    assert.ok(Math.abs(result.innerStandardError - se) < 1e-8);
    assert.equal(result.method, c.sigmoid.cvBrier - c.isotonic.cvBrier > se ? "isotonic" : "sigmoid");
    assert.deepEqual(result.crossValidated, cv.predictions[result.method]);
    assert.equal(result.training.after.brier, cv.brier[result.method]);
  });
}

Deno.test("the fixture exercises both outcomes of the choice", () => {
  const chosen = reference.cases.map((c) =>
    calibrate(c.p, c.y, { folds: foldsOf(c.folds), minIsotonicRows: 0 }).method
  );
  assert.deepEqual(chosen, ["sigmoid", "isotonic", "sigmoid"]);
});

Deno.test("ties, and differences within one standard error, go to Platt, the simpler method", () => {
  assert.equal(chooseMethod({ sigmoid: 0.125, isotonic: 0.125 }), "sigmoid");
  assert.equal(chooseMethod({ sigmoid: 0.125, isotonic: 0.125 - 1e-14 }), "sigmoid");
  assert.equal(chooseMethod({ sigmoid: 0.125, isotonic: 0.124 }), "isotonic");
  assert.equal(chooseMethod({ sigmoid: 0.124, isotonic: 0.125 }), "sigmoid");
  assert.equal(chooseMethod({ sigmoid: 0.125, isotonic: 0.124 }, 0.002), "sigmoid");
  assert.equal(chooseMethod({ sigmoid: 0.125, isotonic: 0.122 }, 0.002), "isotonic");
  assert.equal(brierDifferenceError({ sigmoid: [0.2, 0.3], isotonic: [0.1, 0.3] }), 0.05);
  assert.equal(brierDifferenceError({ sigmoid: [0.2], isotonic: [0.1] }), 0);
});

/** Over-confident probabilities: the truth is p pulled halfway to 0.5. */
function overconfident(n: number, seed: number): { p: Float64Array; y: Uint8Array } {
  const rng = new Rng().reset(seedKey(seed));
  const p = new Float64Array(n), y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    p[i] = rng.next();
    y[i] = rng.next() < 0.25 + p[i]! / 2 ? 1 : 0;
  }
  return { p, y };
}

Deno.test("calibration lowers the Brier score of over-confident probabilities, on the hold-out too", () => {
  const train = overconfident(800, 1), test = overconfident(400, 2);
  const r = calibrate(train.p, train.y, { k: 5, seed: 7, holdout: { p: test.p, y: test.y } });
  assert.ok(r.training.after.brier < r.training.before.brier - 0.01, JSON.stringify(r.training));
  assert.ok(r.holdout!.after.brier < r.holdout!.before.brier - 0.01, JSON.stringify(r.holdout));
  assert.equal(r.holdout!.before.brier, brierScore(test.y, test.p));
  // The reliability curve moves towards the diagonal: the count-weighted gap between prediction and rate shrinks.
  const gap = (bins: ReliabilityBin[]) =>
    bins.reduce((s, b) => s + b.count * Math.abs(b.meanPredicted - b.observedRate), 0) / 400;
  const { before, after } = r.holdout!;
  assert.ok(
    gap(after.reliability) < gap(before.reliability) / 2,
    `${gap(after.reliability)} ${gap(before.reliability)}`,
  );
  assert.equal(after.reliability.reduce((s, b) => s + b.count, 0), 400);
  assert.equal(r.folds, 5);
  assert.match(r.rule, /one standard error/);
});

Deno.test("the same inputs and seed give the same calibrator; another seed other inner folds", () => {
  const { p, y } = overconfident(300, 3);
  const a = calibrate(p, y, { k: 5, seed: 1 }), b = calibrate(p, y, { k: 5, seed: 1 });
  assert.deepEqual(a, b);
  const c = calibrate(p, y, { k: 5, seed: 2 });
  assert.notDeepEqual(a.innerBrier, c.innerBrier);
});

Deno.test("isotonic output is non-decreasing, within [0, 1] and clipped outside the fitted range", () => {
  const { p, y } = overconfident(500, 4);
  const cal = fitIsotonic(p, y);
  const grid = Array.from({ length: 201 }, (_, i) => -0.5 + i / 100);
  const out = calibrateAll(cal, grid);
  for (let i = 1; i < out.length; i++) assert.ok(out[i]! >= out[i - 1]!);
  assert.ok(out.every((v) => v >= 0 && v <= 1));
  assert.equal(calibrateProbability(cal, -3), cal.y[0]);
  assert.equal(calibrateProbability(cal, 3), cal.y.at(-1));
});

Deno.test("a calibrator survives JSON and is checked as model.json's reader would", () => {
  const { p, y } = overconfident(200, 5);
  for (const cal of [fitSigmoid(p, y), fitIsotonic(p, y)] as Calibrator[]) {
    const back = JSON.parse(JSON.stringify(cal));
    assert.ok(isCalibrator(back));
    assert.deepEqual(calibrateAll(back, p), calibrateAll(cal, p));
  }
  assert.equal(isCalibrator({ method: "sigmoid", a: 1 }), false);
  assert.equal(isCalibrator({ method: "sigmoid", a: 1, b: null }), false);
  assert.equal(isCalibrator({ method: "sigmoid", a: 1, b: 2, c: 3 }), false);
  assert.equal(isCalibrator({ method: "isotonic", x: [], y: [] }), false);
  assert.equal(isCalibrator({ method: "isotonic", x: [0.1, 0.1], y: [0, 1] }), false);
  assert.equal(isCalibrator({ method: "isotonic", x: [0.1, 0.2], y: [0.6, 0.5] }), false);
  assert.equal(isCalibrator({ method: "isotonic", x: [0.1, 0.2], y: [0.5, 1.5] }), false);
  assert.equal(isCalibrator({ method: "beta", a: 1, b: 2 }), false);
  assert.ok(isCalibrator({ method: "isotonic", x: [0.3], y: [0.4] }));
  assert.equal(calibrateProbability({ method: "isotonic", x: [0.3], y: [0.4] }, 0.9), 0.4);
});

Deno.test("folds that leave a row out are refused", () => {
  const folds: Split[] = [{ train: Int32Array.of(1, 2), test: Int32Array.of(0) }];
  assert.throws(() => crossValidatedBrier([0.1, 0.5, 0.9], [0, 1, 1], folds), /cover every row/);
});

Deno.test("below the fewest rows isotonic needs, Platt is used whatever the inner folds say", () => {
  const c = reference.cases[1]!; // the case where isotonic wins on the inner folds
  assert.equal(calibrate(c.p, c.y, { folds: foldsOf(c.folds), minIsotonicRows: 0 }).method, "isotonic");
  const small = calibrate(c.p, c.y, { folds: foldsOf(c.folds), minIsotonicRows: c.y.length + 1 });
  assert.equal(small.method, "sigmoid");
  assert.equal(small.calibrator.method, "sigmoid");
  assert.match(small.rule, /with fewer, Platt/);
});
