import assert from "node:assert/strict";
import {
  brierScore,
  confusion,
  evaluate,
  reliabilityCurve,
  repeatedCvInterval,
  studentT975,
  thresholdForRecall,
} from "../../src/selection/evaluate.ts";

const y = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
const p = [0.9, 0.8, 0.7, 0.4, 0.2, 0.6, 0.3, 0.3, 0.1, 0.05];

Deno.test("confusion, precision, recall, F1 and Brier at a threshold", () => {
  assert.deepEqual(confusion(y, p, 0.5), { tp: 3, fp: 1, tn: 4, fn: 2 });
  const e = evaluate(y, p, 0.5);
  assert.equal(e.precision, 0.75);
  assert.equal(e.recall, 0.6);
  assert.ok(Math.abs(e.f1 - 2 * 0.75 * 0.6 / 1.35) < 1e-12);
  assert.ok(Math.abs(brierScore([1, 0], [0.75, 0.25]) - 0.0625) < 1e-12);
  assert.equal(e.auc, 0.84); // 21 of 25 positive–negative pairs ranked right
});

Deno.test("threshold rule: the highest threshold with recall ≥ the target", () => {
  assert.equal(thresholdForRecall(y, p, 0.8), 0.4); // 4 of 5 positives at ≥ 0.4
  assert.equal(thresholdForRecall(y, p, 0.6), 0.7);
  assert.equal(thresholdForRecall(y, p, 1), 0.2);
  assert.equal(confusion(y, p, thresholdForRecall(y, p, 0.8)).tp, 4);
});

Deno.test("reliability curve bins probabilities and counts outcomes", () => {
  const bins = reliabilityCurve([1, 0, 1, 1], [0.05, 0.08, 0.95, 0.91], 10);
  assert.deepEqual(bins.map((b) => [b.from, b.count, b.observedRate]), [[0, 2, 0.5], [0.9, 2, 1]]);
});

Deno.test("Student t quantile and the corrected repeated-CV interval", () => {
  assert.ok(Math.abs(studentT975(24) - 2.0638985616280205) < 1e-4);
  assert.ok(Math.abs(studentT975(9) - 2.2621571627409915) < 2e-3);
  const scores = [0.9, 0.92, 0.88, 0.91, 0.89];
  const r = repeatedCvInterval(scores, 0.2);
  assert.ok(Math.abs(r.mean - 0.9) < 1e-12);
  const se = Math.sqrt((1 / 5 + 0.25) * 0.00025);
  assert.ok(Math.abs(r.interval[1] - 0.9 - studentT975(4) * se) < 1e-12);
});
