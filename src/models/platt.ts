/**
 * Platt scaling as LIBSVM does it for scikit-learn's `SVC(probability=True)`
 * (`svm_binary_svc_probability`, `sigmoid_train`, `svm_predict_probability`):
 * decision values cross-validated over 5 folds of a shuffle, a sigmoid fitted
 * to them, and its clipped, pairwise-coupled probability.
 *
 * LIBSVM shuffles with C `rand()`. In libsvm-js that is musl's generator inside
 * the wasm instance: never seeded, not exported, advancing with every
 * probability fit, so probabilities would depend on what ran before in the
 * process. The shuffle is therefore done here, from a seeded {@linkcode Rng}.
 *
 * @module
 */
import type { Rng } from "../util/random.ts";
import type { Labels } from "./estimator.ts";

/** Folds of Platt scaling's cross-validation (fixed in LIBSVM). */
const PLATT_FOLDS = 5;
/** LIBSVM clips pairwise probabilities to [MIN_PROB, 1 − MIN_PROB]. */
const MIN_PROB = 1e-7;

/** Platt parameters in scikit-learn's convention: P(class 0) = 1 / (1 + exp(−probA·f + probB)), f = decision. */
export interface PlattParams {
  probA: number;
  probB: number;
}

/**
 * Cross-validated decision values (5 folds of a shuffle drawn from `rng`), then
 * a sigmoid fitted to them. `foldDecisions(train, held)` fits the classifier on
 * the rows `train` and returns its decision values (larger: class 1) at the
 * rows `held`; it is not called for a fold whose training rows hold one class
 * (LIBSVM then predicts that class with value ±1).
 *
 * @example
 * ```ts
 * import { Rng } from "../util/random.ts";
 * const x = [-2, -1.5, -1, -0.5, 0.2, -0.2, 0.5, 1, 1.5, 2];
 * const y = Uint8Array.from(x, (v) => v > 0 ? 1 : 0);
 * const { probA } = plattScaling(y, new Rng().reset(1), (_, held) => Float64Array.from(held, (r) => x[r]!));
 * probA > 0; // true: larger decision values, more likely class 1
 * ```
 */
export function plattScaling(
  y: Labels,
  rng: Rng,
  foldDecisions: (train: Int32Array, held: Int32Array) => Float64Array,
): PlattParams {
  const n = y.length;
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rng.next() * (n - i));
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  const dec = new Float64Array(n); // oriented to class 0, as LIBSVM's in scikit-learn
  for (let f = 0; f < PLATT_FOLDS; f++) {
    const begin = Math.floor(f * n / PLATT_FOLDS), end = Math.floor((f + 1) * n / PLATT_FOLDS);
    const rest = Int32Array.from([...perm.subarray(0, begin), ...perm.subarray(end)]);
    const held = perm.subarray(begin, end);
    const ones = rest.reduce((s, r) => s + y[r]!, 0);
    if (ones === 0 || ones === rest.length) {
      // One class left in training: LIBSVM predicts it with value ±1.
      for (const r of held) dec[r] = rest.length === 0 ? 0 : ones === 0 ? 1 : -1;
      continue;
    }
    const f1 = foldDecisions(rest, held);
    held.forEach((r, i) => dec[r] = -f1[i]!);
  }
  const [probA, probB] = sigmoidTrain(dec, Uint8Array.from(y, (v) => v === 0 ? 1 : 0));
  return { probA, probB };
}

/** LIBSVM's `sigmoid_train` (Platt with Lin, Lin & Weng's safeguards): A, B of 1 / (1 + exp(A·dec + B)). */
function sigmoidTrain(dec: Float64Array, positive: Uint8Array): [number, number] {
  const l = dec.length;
  let prior1 = 0;
  for (let i = 0; i < l; i++) prior1 += positive[i]!;
  const prior0 = l - prior1;
  const maxIter = 100, minStep = 1e-10, sigma = 1e-12, eps = 1e-5;
  const hi = (prior1 + 1) / (prior1 + 2), lo = 1 / (prior0 + 2);
  const t = Float64Array.from(positive, (p) => p ? hi : lo);
  const objective = (A: number, B: number) => {
    let f = 0;
    for (let i = 0; i < l; i++) {
      const fApB = dec[i]! * A + B;
      f += fApB >= 0 ? t[i]! * fApB + Math.log(1 + Math.exp(-fApB)) : (t[i]! - 1) * fApB + Math.log(1 + Math.exp(fApB));
    }
    return f;
  };
  let A = 0, B = Math.log((prior0 + 1) / (prior1 + 1));
  let fval = objective(A, B);
  for (let iter = 0; iter < maxIter; iter++) {
    let h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
    for (let i = 0; i < l; i++) {
      const fApB = dec[i]! * A + B;
      let p, q;
      if (fApB >= 0) p = Math.exp(-fApB) / (1 + Math.exp(-fApB)), q = 1 / (1 + Math.exp(-fApB));
      else p = 1 / (1 + Math.exp(fApB)), q = Math.exp(fApB) / (1 + Math.exp(fApB));
      const d2 = p * q, d1 = t[i]! - p;
      h11 += dec[i]! * dec[i]! * d2, h22 += d2, h21 += dec[i]! * d2;
      g1 += dec[i]! * d1, g2 += d1;
    }
    if (Math.abs(g1) < eps && Math.abs(g2) < eps) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det, dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    while (step >= minStep) {
      const newA = A + step * dA, newB = B + step * dB, newf = objective(newA, newB);
      if (newf < fval + 0.0001 * step * gd) {
        A = newA, B = newB, fval = newf;
        break;
      }
      step /= 2;
    }
    if (step < minStep) break; // line search failed (LIBSVM only logs it)
  }
  return [A, B];
}

/**
 * P(class 1) from a decision value as scikit-learn's `predict_proba`: LIBSVM's
 * clipped sigmoid for class 0, then its `multiclass_probability` iteration
 * (which, for two classes, stops within 0.0025 of the sigmoid).
 *
 * @example
 * ```ts
 * plattProbability(0, 1, 0); // 0.5
 * ```
 */
export function plattProbability(f: number, A: number, B: number): number {
  const fApB = -f * A + B;
  const s = fApB >= 0 ? Math.exp(-fApB) / (1 + Math.exp(-fApB)) : 1 / (1 + Math.exp(fApB));
  const r01 = Math.min(Math.max(s, MIN_PROB), 1 - MIN_PROB), r10 = 1 - r01;
  // multiclass_probability with k = 2: Q = [[r10², −r10·r01], [−r10·r01, r01²]].
  const k = 2, eps = 0.005 / k;
  const Q = [[r10 * r10, -r10 * r01], [-r10 * r01, r01 * r01]] as const;
  const p = [1 / k, 1 / k], Qp = [0, 0];
  for (let iter = 0; iter < 100; iter++) {
    let pQp = 0;
    for (let t = 0; t < k; t++) {
      Qp[t] = Q[t]![0]! * p[0]! + Q[t]![1]! * p[1]!;
      pQp += p[t]! * Qp[t]!;
    }
    if (Math.max(Math.abs(Qp[0]! - pQp), Math.abs(Qp[1]! - pQp)) < eps) break;
    for (let t = 0; t < k; t++) {
      const diff = (-Qp[t]! + pQp) / Q[t]![t]!;
      p[t]! += diff;
      pQp = (pQp + diff * (diff * Q[t]![t]! + 2 * Qp[t]!)) / (1 + diff) / (1 + diff);
      for (let j = 0; j < k; j++) {
        Qp[j] = (Qp[j]! + diff * Q[t]![j]!) / (1 + diff);
        p[j]! /= 1 + diff;
      }
    }
  }
  return p[1]!;
}
