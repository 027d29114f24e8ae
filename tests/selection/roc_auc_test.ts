import assert from "node:assert/strict";
import fc from "fast-check";
import { rocAuc, rocCurve } from "../../src/selection/roc_auc.ts";

const auc = (y: number[], s: number[]) => rocAuc(Uint8Array.from(y), Float64Array.from(s));

Deno.test("ROC-AUC on hand-computed cases, ties counting one half (values from scikit-learn)", () => {
  assert.equal(auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.75);
  // pairs: (pos .5 vs negs .5,.5,.2) = .5+.5+1; (.9) = 3; (.2) = 0+0+.5 → 5.5 / 9
  assert.equal(auc([0, 1, 0, 1, 1, 0], [0.5, 0.5, 0.5, 0.9, 0.2, 0.2]), 0.6111111111111112);
  assert.equal(auc([1, 0, 1, 0, 0, 1, 1], [3, 3, 3, 1, 2, 2, 5]), 0.7916666666666666);
  assert.equal(auc([1, 0], [1, 1]), 0.5);
  assert.ok(Number.isNaN(auc([1, 1], [0.2, 0.3])));
});

Deno.test("ROC-AUC equals the pairwise definition (property)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 5 })), {
        minLength: 2,
        maxLength: 40,
      }),
      (pairs) => {
        const y = pairs.map((p) => p[0]), s = pairs.map((p) => p[1]);
        let num = 0, den = 0;
        for (let i = 0; i < y.length; i++) {
          for (let j = 0; j < y.length; j++) {
            if (y[i] === 1 && y[j] === 0) num += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0, den++;
          }
        }
        const got = auc(y, s);
        if (den === 0) return Number.isNaN(got);
        return Math.abs(got - num / den) < 1e-12;
      },
    ),
    { seed: 7, numRuns: 300 },
  );
});

Deno.test("ROC curve runs from (0,0) to (1,1) with one point per distinct score", () => {
  const pts = rocCurve([0, 1, 0, 1], [0.2, 0.8, 0.8, 0.9]);
  assert.deepEqual(pts, [
    { threshold: Infinity, fpr: 0, tpr: 0 },
    { threshold: 0.9, fpr: 0, tpr: 0.5 },
    { threshold: 0.8, fpr: 0.5, tpr: 1 },
    { threshold: 0.2, fpr: 1, tpr: 1 },
  ]);
});
