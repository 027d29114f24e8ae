import assert from "node:assert/strict";
import fc from "fast-check";
import { type Labels, type Matrix, matrix } from "../../src/models/estimator.ts";
import { KNeighbors, knnFromJSON, type KnnParams, knnScores, nearestNeighbours } from "../../src/models/knn.ts";

const labels = (ys: number[]): Labels => Uint8Array.from(ys);
const proba = (params: Partial<KnnParams>, X: Matrix, y: Labels, Q: Matrix) =>
  Array.from(new KNeighbors(params).fit(X, y).predictProba(Q));
const assertClose = (actual: ArrayLike<number>, expected: readonly number[], tol = 1e-12) => {
  assert.equal(actual.length, expected.length);
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i]! - e) <= tol, `at ${i}: ${actual[i]} vs ${e}`));
};

// 1-D: from 1.5 the training rows 1 and 2 are tied at 0.5 (row 1 first), then row 0 at 1.5, row 3 at 7.5.
const line = matrix([[0], [1], [2], [9]]);
const lineY = labels([0, 0, 1, 1]);

Deno.test("uniform weights: the class-1 share of the k nearest", () => {
  assert.deepEqual(proba({ k: 1 }, line, lineY, matrix([[1.5]])), [0]); // row 1 wins the tie with row 2
  assert.deepEqual(proba({ k: 2 }, line, lineY, matrix([[1.5]])), [0.5]);
  assert.deepEqual(proba({ k: 3 }, line, lineY, matrix([[1.5]])), [1 / 3]);
  assert.deepEqual(proba({ k: 4 }, line, lineY, matrix([[1.5], [100]])), [0.5, 0.5]);
});

Deno.test("distance weights: neighbours weighted by 1 / distance", () => {
  // weights 2 (class 0), 2 (class 1), 1 / 1.5 (class 0)
  assertClose(proba({ k: 3, weights: "distance" }, line, lineY, matrix([[1.5]])), [2 / (2 + 2 + 1 / 1.5)]);
  // from 8: 1 / 6 (class 1, row 2), 1 / 1 (class 1, row 3), 1 / 7 (class 0, row 1)
  assertClose(proba({ k: 3, weights: "distance" }, line, lineY, matrix([[8]])), [(1 + 1 / 6) / (1 + 1 / 6 + 1 / 7)]);
});

Deno.test("distance weights: neighbours at distance 0 are the only ones counted", () => {
  assert.deepEqual(proba({ k: 3, weights: "distance" }, line, lineY, matrix([[2]])), [1]);
  // two exact matches with different labels share the vote; the third neighbour is ignored
  const X = matrix([[0], [0], [0.5]]);
  assert.deepEqual(proba({ k: 3, weights: "distance" }, X, labels([1, 0, 1]), matrix([[0]])), [0.5]);
  assert.deepEqual(proba({ k: 3, weights: "uniform" }, X, labels([1, 0, 1]), matrix([[0]])), [2 / 3]);
});

Deno.test("manhattan and euclidean rank neighbours differently", () => {
  // From the origin: row 0 at (2, 2) is nearer in euclidean (2.83 < 3), row 1 at (3, 0) in manhattan (3 < 4).
  const X = matrix([[2, 2], [3, 0]]);
  const y = labels([1, 0]);
  const origin = matrix([[0, 0]]);
  assert.deepEqual(proba({ k: 1, metric: "euclidean" }, X, y, origin), [1]);
  assert.deepEqual(proba({ k: 1, metric: "manhattan" }, X, y, origin), [0]);
  assertClose(proba({ k: 2, weights: "distance", metric: "manhattan" }, X, y, origin), [(1 / 4) / (1 / 4 + 1 / 3)]);
  assert.deepEqual(Array.from(nearestNeighbours(X, origin, "manhattan", 2).dist), [3, 4]);
  assertClose(nearestNeighbours(X, origin, "euclidean", 2).dist, [Math.sqrt(8), 3]);
});

Deno.test("ties in distance are broken by training-row order", () => {
  const X = matrix([[2], [1], [-1], [1], [-1]]);
  const nb = nearestNeighbours(X, matrix([[0]]), "euclidean", 5);
  assert.deepEqual(Array.from(nb.index), [1, 2, 3, 4, 0]);
  assert.deepEqual(Array.from(nb.dist), [1, 1, 1, 1, 2]);
  const y = labels([0, 1, 0, 0, 1]);
  assert.deepEqual([1, 2, 3, 4].map((k) => knnScores(nb, y, k, "uniform")[0]), [1, 0.5, 1 / 3, 0.5]);
});

Deno.test("nearestNeighbours equals a full sort by distance, then index", () => {
  const data = fc.record({
    n: fc.integer({ min: 1, max: 12 }),
    q: fc.integer({ min: 1, max: 4 }),
    f: fc.integer({ min: 1, max: 3 }),
  })
    .chain(({ n, q, f }) =>
      fc.record({
        // small integers: many exact ties
        train: fc.array(fc.integer({ min: -2, max: 2 }), { minLength: n * f, maxLength: n * f }),
        query: fc.array(fc.integer({ min: -2, max: 2 }), { minLength: q * f, maxLength: q * f }),
        kMax: fc.integer({ min: 1, max: n }),
        manhattan: fc.boolean(),
        shape: fc.constant({ n, q, f }),
      })
    );
  fc.assert(
    fc.property(data, ({ train, query, kMax, manhattan, shape: { n, q, f } }) => {
      const T: Matrix = { rows: n, cols: f, data: Float64Array.from(train) };
      const Q: Matrix = { rows: q, cols: f, data: Float64Array.from(query) };
      const nb = nearestNeighbours(T, Q, manhattan ? "manhattan" : "euclidean", kMax);
      for (let r = 0; r < q; r++) {
        const d = Array.from({ length: n }, (_, t) => {
          let s = 0;
          for (let c = 0; c < f; c++) {
            s += manhattan
              ? Math.abs(train[t * f + c]! - query[r * f + c]!)
              : (train[t * f + c]! - query[r * f + c]!) ** 2;
          }
          return manhattan ? s : Math.sqrt(s);
        });
        const want = d.map((_, t) => t).sort((a, b) => d[a]! - d[b]! || a - b).slice(0, kMax);
        assert.deepEqual(Array.from(nb.index.subarray(r * kMax, (r + 1) * kMax)), want);
        assert.deepEqual(Array.from(nb.dist.subarray(r * kMax, (r + 1) * kMax)), want.map((t) => d[t]!));
      }
    }),
    { seed: 20240611, numRuns: 300 },
  );
});

// A fixed data set and scikit-learn 1.2.1's answers:
// KNeighborsClassifier(k, weights=w, metric=m, algorithm="brute").fit(X, y).predict_proba(Q)[:, 1]
const skX = matrix([
  [0.0, 0.3, -0.27],
  [-0.89, -0.45, -0.99],
  [0.06, 1.34, -0.49],
  [-0.62, 0.49, 0.36],
  [0.11, -0.93, -0.03],
  [0.7, -1.34, -0.46],
  [-1.9, -1.29, -1.84],
  [-0.24, -1.27, 0.27],
  [0.16, -0.19, -2.52],
  [-0.54, -0.05, 0.11],
  [-1.53, -0.48, -0.98],
  [-0.81, 1.06, -0.81],
]);
const skY = labels([1, 0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 0]);
// The last query row is training row 5: distance 0.
const skQ = matrix([
  [-0.03, 0.88, -0.58],
  [-0.11, 0.11, 0.06],
  [-1.23, 0.08, 1.36],
  [-1.55, 0.86, 0.12],
  [0.7, -1.34, -0.46],
]);
const skExpected: [KnnParams, number[]][] = [
  [{ k: 3, weights: "uniform", metric: "euclidean" }, [2 / 3, 2 / 3, 2 / 3, 1 / 3, 2 / 3]],
  [{ k: 3, weights: "distance", metric: "euclidean" }, [
    0.7506360430150534,
    0.645478715647917,
    0.6519221018046478,
    0.3829787301815466,
    1,
  ]],
  [{ k: 3, weights: "distance", metric: "manhattan" }, [
    0.7592017012923278,
    0.6084095063985375,
    0.6291943308738511,
    0.3814672712475294,
    1,
  ]],
  [{ k: 5, weights: "uniform", metric: "manhattan" }, [0.6, 0.6, 0.6, 0.6, 0.6]],
  [{ k: 5, weights: "distance", metric: "euclidean" }, [
    0.6915759952891143,
    0.6012941491917091,
    0.607946566783439,
    0.577415525534275,
    1,
  ]],
  [{ k: 5, weights: "distance", metric: "manhattan" }, [
    0.7076366803783761,
    0.5664303417819019,
    0.5879013244372938,
    0.5803110783852323,
    1,
  ]],
];

Deno.test("agrees with scikit-learn's KNeighborsClassifier.predict_proba", () => {
  for (const [params, expected] of skExpected) assertClose(proba(params, skX, skY, skQ), expected);
  // scikit-learn's neighbour order for k = 5, distance, euclidean
  const nb = nearestNeighbours(skX, skQ, "euclidean", 5);
  assert.deepEqual(Array.from(nb.index.subarray(0, 10)), [2, 0, 11, 3, 9, 0, 9, 3, 4, 2]);
});

Deno.test("knnScores over shared neighbours equals fitting each model separately", () => {
  for (const metric of ["euclidean", "manhattan"] as const) {
    const nb = nearestNeighbours(skX, skQ, metric, 12);
    for (let k = 1; k <= 12; k++) {
      for (const weights of ["uniform", "distance"] as const) {
        const fitted = new KNeighbors({ k, weights, metric }).fit(skX, skY);
        assert.deepEqual(knnScores(nb, skY, k, weights), fitted.predictProba(skQ));
        assert.deepEqual(fitted.decisionFunction(skQ), fitted.predictProba(skQ));
      }
    }
  }
});

Deno.test("toJSON / knnFromJSON round-trip", () => {
  const model = new KNeighbors({ k: 4, weights: "distance", metric: "manhattan" }).fit(skX, skY);
  const json = JSON.parse(JSON.stringify(model.toJSON()));
  assert.deepEqual(json.params, { k: 4, weights: "distance", metric: "manhattan" });
  const back = knnFromJSON(json);
  assert.deepEqual(back.predictProba(skQ), model.predictProba(skQ));
  assert.deepEqual(back.toJSON(), model.toJSON());
});

Deno.test("rejects bad parameters and inputs", () => {
  assert.throws(() => new KNeighbors({ k: 0 }), /k must be a positive integer/);
  assert.throws(() => new KNeighbors({ k: 5 }).fit(line, lineY), /exceeds the 4 training rows/);
  assert.throws(() => new KNeighbors().fit(line, labels([0, 1])), /4 rows but y has 2/);
  assert.throws(() => new KNeighbors({ k: 1 }).fit(line, lineY).predictProba(matrix([[NaN]])), /Non-finite query/);
  assert.throws(() => knnFromJSON({ family: "tree", params: {}, state: {} }), /Expected a "knn" model/);
});
