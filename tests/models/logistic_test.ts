import assert from "node:assert/strict";
import fc from "fast-check";
import { DataError } from "../../src/data/errors.ts";
import { type Labels, type Matrix, matrix, sigmoid } from "../../src/models/estimator.ts";
import {
  fitLogisticPath,
  logisticFromJSON,
  type LogisticModel,
  LogisticRegression,
} from "../../src/models/logistic.ts";
import { Rng } from "../../src/util/random.ts";
import { SKLEARN_CASES, X_ROWS, Y_DIGITS } from "./logistic_fixture.ts";

const X = matrix(X_ROWS);
const y: Labels = Uint8Array.from(Y_DIGITS, Number);
const TIGHT = 1e-10;

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((m, v, j) => Math.max(m, Math.abs(v - b[j]!)), 0);

/** The optimality violation of a fit, recomputed independently (per sample, as `tol`). */
function violation(X: Matrix, y: Labels, m: LogisticModel): number {
  const C = m.params.C, r = m.predictProba(X).map((p, i) => p - y[i]!);
  let v = Math.abs(C * r.reduce((s, x) => s + x, 0));
  m.coef.forEach((w, j) => {
    let g = 0;
    for (let i = 0; i < X.rows; i++) g += C * r[i]! * X.data[i * X.cols + j]!;
    const e = m.params.penalty === "l2"
      ? Math.abs(g + w)
      : w !== 0
      ? Math.abs(g + Math.sign(w))
      : Math.max(Math.abs(g) - 1, 0);
    v = Math.max(v, e);
  });
  return v / (C * X.rows);
}

/** Seeded Gaussian features and labels from a logistic model. */
function synthetic(n: number, coef: readonly number[], intercept: number, seed: number): { X: Matrix; y: Labels } {
  const rng = new Rng().reset(seed), p = coef.length;
  const data = new Float64Array(n * p), labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let z = intercept;
    for (let j = 0; j < p; j++) z += coef[j]! * (data[i * p + j] = rng.normal());
    labels[i] = rng.next() < sigmoid(z) ? 1 : 0;
  }
  return { X: { rows: n, cols: p, data }, y: labels };
}

for (const c of SKLEARN_CASES.filter((c) => c.violation < 1e-9)) {
  Deno.test(`matches scikit-learn ${c.solver}: ${c.penalty}, C = ${c.C}`, () => {
    const m = new LogisticRegression({ penalty: c.penalty, C: c.C, tol: TIGHT }).fit(X, y);
    assert.ok(m.converged);
    assert.ok(maxDiff(m.coef, c.coef) < 1e-8, `coef ${m.coef} vs ${c.coef}`);
    assert.ok(Math.abs(m.intercept - c.intercept) < 1e-8, `intercept ${m.intercept} vs ${c.intercept}`);
  });
}

Deno.test("matches scikit-learn lbfgs within its early stop (scipy's ftol)", () => {
  for (const c of SKLEARN_CASES.filter((c) => c.solver === "lbfgs")) {
    const m = new LogisticRegression({ penalty: c.penalty, C: c.C, tol: TIGHT }).fit(X, y);
    assert.ok(maxDiff([...m.coef, m.intercept], [...c.coef, c.intercept]) < 1e-4, `C = ${c.C}`);
  }
});

Deno.test("L1 zeroes exactly the coefficients saga zeroes", () => {
  for (const c of SKLEARN_CASES.filter((c) => c.penalty === "l1")) {
    const m = new LogisticRegression({ penalty: "l1", C: c.C, tol: TIGHT }).fit(X, y);
    const zeros = Array.from(m.coef, (w) => w === 0);
    assert.deepEqual(zeros, c.coef.map((w) => w === 0), `C = ${c.C}`);
  }
  // The sparse cases the fixture is made for: all zero, then one and two features in.
  const count = (C: number) =>
    new LogisticRegression({ penalty: "l1", C }).fit(X, y).coef.filter((w) => w !== 0).length;
  assert.deepEqual([0.01, 0.05, 0.1].map(count), [0, 1, 2]);
});

Deno.test("the intercept is not penalised: a tiny C leaves the base rate's log-odds", () => {
  // 5 % positives: a penalised intercept (liblinear) would be pulled to 0 instead.
  const { X: Xi, y: yi } = synthetic(1000, [0.8, -0.5, 0.3], -3, 11);
  const rate = yi.reduce((s, v) => s + v, 0) / yi.length;
  assert.ok(rate > 0.02 && rate < 0.1, `rate ${rate}`);
  const logOdds = Math.log(rate / (1 - rate));
  const l1 = new LogisticRegression({ penalty: "l1", C: 1e-4, tol: TIGHT }).fit(Xi, yi);
  assert.deepEqual(Array.from(l1.coef), [0, 0, 0]);
  assert.ok(Math.abs(l1.intercept - logOdds) < 1e-10);
  const l2 = new LogisticRegression({ penalty: "l2", C: 1e-7, tol: TIGHT }).fit(Xi, yi);
  assert.ok(maxDiff(l2.coef, [0, 0, 0]) < 1e-4);
  assert.ok(Math.abs(l2.intercept - logOdds) < 1e-4);
  // The fixture's C = 0.01 L1 case, where saga stops early: the exact optimum.
  const m = new LogisticRegression({ penalty: "l1", C: 0.01, tol: TIGHT }).fit(X, y);
  assert.ok(Math.abs(m.intercept - Math.log(82 / 118)) < 1e-12);
});

Deno.test("a separable problem is learnt: right sign, every positive ranked above every negative", () => {
  const rows = [-3, -2, -1.5, -1, 1, 1.5, 2, 3].map((x, i) => [x, (i * 7) % 5 - 2]);
  const yS = new Uint8Array([0, 0, 0, 0, 1, 1, 1, 1]);
  for (const penalty of ["l1", "l2"] as const) {
    const m = new LogisticRegression({ penalty, C: 10 }).fit(matrix(rows), yS);
    assert.ok(m.converged && m.coef[0]! > 0);
    const score = m.decisionFunction(matrix(rows));
    assert.ok(Math.max(...score.slice(0, 4)) < Math.min(...score.slice(4)));
  }
});

Deno.test("a path gives the independent fits, in the order of Cs", () => {
  const Cs = [1, 0.01, 10, 0.1, 0.05];
  for (const penalty of ["l1", "l2"] as const) {
    const path = fitLogisticPath(X, y, penalty, Cs, { tol: TIGHT });
    assert.deepEqual(path.map((m) => m.params), Cs.map((C) => ({ penalty, C, tol: TIGHT })));
    path.forEach((m, k) => {
      const alone = new LogisticRegression({ penalty, C: Cs[k]!, tol: TIGHT }).fit(X, y);
      assert.ok(m.converged);
      assert.ok(maxDiff([...m.coef, m.intercept], [...alone.coef, alone.intercept]) < 1e-8, `C = ${Cs[k]}`);
    });
  }
});

Deno.test("JSON round trip: identical predictions", () => {
  for (const penalty of ["l1", "l2"] as const) {
    const m = new LogisticRegression({ penalty, C: 0.1, maxIter: 50 }).fit(X, y);
    const back = logisticFromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    assert.deepEqual(back.toJSON(), m.toJSON());
    assert.deepEqual(back.predictProba(X), m.predictProba(X));
    assert.deepEqual(back.params, { penalty, C: 0.1, maxIter: 50 });
  }
  const json = new LogisticRegression({ penalty: "l2", C: 1 }).fit(X, y).toJSON();
  assert.throws(() => logisticFromJSON({ ...json, family: "svc" }), DataError);
  assert.throws(() => logisticFromJSON({ ...json, state: { coef: [1, "x"], intercept: 0 } }), DataError);
});

Deno.test("non-convergence is reported, not hidden", () => {
  const capped = new LogisticRegression({ penalty: "l2", C: 10, maxIter: 1 }).fit(X, y);
  assert.deepEqual([capped.converged, capped.iterations], [false, 1]);
  const full = new LogisticRegression({ penalty: "l2", C: 10 }).fit(X, y);
  assert.ok(full.converged && full.iterations > 1 && violation(X, y, full) <= 1e-6);
});

Deno.test("property: fits converge and satisfy the optimality conditions", () => {
  const problem = fc.integer({ min: 2, max: 5 }).chain((p) =>
    fc.record({
      rows: fc.array(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: p, maxLength: p }), {
        minLength: 4,
        maxLength: 40,
      }),
      labels: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
      penalty: fc.constantFrom("l1" as const, "l2" as const),
      C: fc.double({ min: 1e-3, max: 100, noNaN: true }),
    })
  );
  fc.assert(
    fc.property(problem, ({ rows, labels, penalty, C }) => {
      const yP = Uint8Array.from(rows, (_, i) => i < 2 ? i : Number(labels[i]!)); // both classes present
      const Xp = matrix(rows);
      const m = new LogisticRegression({ penalty, C, tol: 1e-9 }).fit(Xp, yP);
      assert.ok(m.converged, `not converged after ${m.iterations} steps`);
      assert.ok(violation(Xp, yP, m) <= 1e-8, `violation ${violation(Xp, yP, m)}`);
    }),
    { seed: 20240611, numRuns: 200 },
  );
});

Deno.test("unscaled columns (as with the passthrough scaler) still converge", () => {
  const { X: Xs, y: ys } = synthetic(500, [1, -0.5, 0.5, 0], 0.2, 5);
  const scale = [1, 1e3, 1e-2, 5e4];
  const data = Xs.data.map((v, k) => v * scale[k % 4]! + (k % 4 === 3 ? 1e5 : 0));
  const Xu = { ...Xs, data };
  for (const penalty of ["l1", "l2"] as const) {
    const m = new LogisticRegression({ penalty, C: 1, tol: 1e-9 }).fit(Xu, ys);
    assert.ok(m.converged && violation(Xu, ys, m) <= 1e-8, penalty);
  }
});

Deno.test("collinear columns (a duplicate, a full one-hot set beside the intercept) still converge", () => {
  const { X: Xs, y: ys } = synthetic(300, [1, -0.5], 0.3, 9);
  const rows = Array.from({ length: Xs.rows }, (_, i) => {
    const [a, b] = [Xs.data[2 * i]!, Xs.data[2 * i + 1]!];
    return [a, a, b, ...[0, 1, 2].map((k) => (i % 3 === k ? 1 : 0))];
  });
  for (const penalty of ["l1", "l2"] as const) {
    for (const C of [0.1, 10, 1000]) {
      const m = new LogisticRegression({ penalty, C, tol: 1e-9 }).fit(matrix(rows), ys);
      assert.ok(m.converged && violation(matrix(rows), ys, m) <= 1e-8, `${penalty}, C = ${C}`);
    }
  }
});

Deno.test("bad parameters and data raise a DataError naming the value", () => {
  assert.throws(() => new LogisticRegression({ penalty: "l2", C: 0 }), /C/);
  assert.throws(() => new LogisticRegression({ penalty: "l3" as "l2", C: 1 }), DataError);
  assert.throws(() => new LogisticRegression({ penalty: "l2", C: 1, maxIter: 1.5 }), DataError);
  const est = new LogisticRegression({ penalty: "l1", C: 1 });
  assert.throws(() => est.fit(matrix([[1], [2]]), new Uint8Array([1, 1])), /both classes/);
  assert.throws(() => est.fit(matrix([[1], [NaN]]), new Uint8Array([0, 1])), /finite/);
  assert.throws(() => est.fit(matrix([[1], [2]]), new Uint8Array([0, 1, 1])), DataError);
  const m = est.fit(X, y);
  assert.throws(() => m.decisionFunction(matrix([[1, 2]])), /columns/);
});

Deno.test("fitting leaves its inputs unchanged", () => {
  const [data, labels] = [X.data.slice(), y.slice()];
  fitLogisticPath(X, y, "l1", [0.1, 1]);
  assert.deepEqual([X.data, y], [data, labels]);
});
