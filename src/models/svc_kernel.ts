/**
 * The kernels of {@linkcode SVC}, with LIBSVM's formulas and evaluation order
 * (so that values computed here agree with LIBSVM's to the last bit where it
 * matters): training Gram matrices from X·Xᵀ, kernels between new and training
 * rows, and decision values from support vectors.
 *
 * @module
 */
import type { Matrix } from "./estimator.ts";

/** A kernel with its gamma resolved. */
export interface Kernel {
  type: "linear" | "rbf" | "poly" | "sigmoid";
  gamma: number;
  degree: number;
  coef0: number;
}

/**
 * gamma as scikit-learn resolves it: "scale" = 1 / (features · X.var()) over all
 * entries of X (1 if that variance is 0), "auto" = 1 / features.
 *
 * @example
 * ```ts
 * import { matrix } from "./estimator.ts";
 * resolveGamma(matrix([[0, 2], [2, 0]]), "scale"); // 1 / (2 · 1) = 0.5
 * ```
 */
export function resolveGamma(X: Matrix, gamma: "scale" | "auto" | number = "scale"): number {
  if (typeof gamma === "number") return gamma;
  if (gamma === "auto") return 1 / X.cols;
  const d = X.data;
  let sum = 0;
  for (let i = 0; i < d.length; i++) sum += d[i]!;
  const mean = sum / d.length;
  let ss = 0;
  for (let i = 0; i < d.length; i++) ss += (d[i]! - mean) ** 2;
  const variance = ss / d.length;
  return variance === 0 ? 1 : 1 / (X.cols * variance);
}

/** LIBSVM's `powi`: base^times by squaring (bit-for-bit as LIBSVM's poly kernel). */
function powi(base: number, times: number): number {
  let tmp = base, ret = 1;
  for (let t = times; t > 0; t = Math.floor(t / 2)) {
    if (t % 2 === 1) ret *= tmp;
    tmp *= tmp;
  }
  return ret;
}

/** The kernel from a dot product (or, for rbf, a squared distance). */
function fromDot(k: Kernel): (t: number) => number {
  const { gamma, degree, coef0 } = k;
  if (k.type === "linear") return (t) => t;
  if (k.type === "poly") return (t) => powi(gamma * t + coef0, degree);
  if (k.type === "sigmoid") return (t) => Math.tanh(gamma * t + coef0);
  return (d2) => Math.exp(-gamma * d2);
}

/**
 * X·Xᵀ (n × n), each entry summed in feature order as LIBSVM's `dot`.
 *
 * @example
 * ```ts
 * import { matrix } from "./estimator.ts";
 * dotMatrix(matrix([[1, 2], [3, 4]])); // Float64Array [5, 11, 11, 25]
 * ```
 */
export function dotMatrix(X: Matrix): Float64Array {
  const { rows: n, cols: p, data } = X;
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) D[i * n + j] = D[j * n + i] = dotRows(data, i * p, data, j * p, p);
  }
  return D;
}

/**
 * The training kernel matrix from X·Xᵀ, as LIBSVM's training `Kernel` (rbf via ‖x‖² + ‖y‖² − 2x·y).
 *
 * @example
 * ```ts
 * import { matrix } from "./estimator.ts";
 * const K = gramFromDots(dotMatrix(matrix([[0], [1]])), 2, { type: "rbf", gamma: 1, degree: 3, coef0: 0 });
 * K[1] === Math.exp(-1); // true
 * ```
 */
export function gramFromDots(D: Float64Array, n: number, k: Kernel): Float64Array {
  if (k.type === "linear") return D;
  const K = new Float64Array(n * n), g = k.gamma, f = fromDot(k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const t = D[i * n + j]!;
      K[i * n + j] = K[j * n + i] = k.type === "rbf" ? Math.exp(-g * (D[i * n + i]! + D[j * n + j]! - 2 * t)) : f(t);
    }
  }
  return K;
}

/**
 * K(query row, training row) for every pair (row-major, query rows × training
 * rows), from dot products (rbf via ‖q‖² + ‖x‖² − 2q·x).
 *
 * @example
 * ```ts
 * import { matrix } from "./estimator.ts";
 * crossKernel(matrix([[1]]), matrix([[2], [3]]), { type: "linear", gamma: 1, degree: 3, coef0: 0 }); // [2, 3]
 * ```
 */
export function crossKernel(Q: Matrix, X: Matrix, k: Kernel): Float64Array {
  const n = X.rows, p = X.cols, K = new Float64Array(Q.rows * n);
  const sq = (M: Matrix) => Float64Array.from({ length: M.rows }, (_, i) => dotRows(M.data, i * p, M.data, i * p, p));
  const qq = k.type === "rbf" ? sq(Q) : null, xx = k.type === "rbf" ? sq(X) : null;
  const f = fromDot(k);
  for (let i = 0; i < Q.rows; i++) {
    for (let j = 0; j < n; j++) {
      const t = dotRows(Q.data, i * p, X.data, j * p, p);
      K[i * n + j] = qq ? Math.exp(-k.gamma * Math.max(0, qq[i]! + xx![j]! - 2 * t)) : f(t);
    }
  }
  return K;
}

function dotRows(a: Float64Array, ao: number, b: Float64Array, bo: number, p: number): number {
  let s = 0;
  for (let c = 0; c < p; c++) s += a[ao + c]! * b[bo + c]!;
  return s;
}

/**
 * sign · (Σ_s coef_s · K(x, sv_s) − rho) per row of X, summed in support-vector
 * order as LIBSVM's `svm_predict_values`; `sv` holds the support vectors row by
 * row, with X's columns.
 *
 * @example
 * ```ts
 * import { matrix } from "./estimator.ts";
 * const linear = { type: "linear", gamma: 1, degree: 3, coef0: 0 } as const;
 * decisionValues(matrix([[2]]), Float64Array.of(1), Float64Array.of(0.5), 0.25, linear, 1); // [0.75]
 * ```
 */
export function decisionValues(
  X: Matrix,
  sv: Float64Array,
  coef: Float64Array,
  rho: number,
  k: Kernel,
  sign: number,
): Float64Array {
  const { rows, cols: p, data } = X;
  const nSv = coef.length, out = new Float64Array(rows);
  const g = fromDot(k);
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    if (k.type === "rbf") {
      for (let s = 0; s < nSv; s++) {
        let d2 = 0;
        for (let c = 0, a = i * p, b = s * p; c < p; c++) {
          const d = data[a + c]! - sv[b + c]!;
          d2 += d * d;
        }
        sum += coef[s]! * Math.exp(-k.gamma * d2);
      }
    } else {
      for (let s = 0; s < nSv; s++) sum += coef[s]! * g(dotRows(data, i * p, sv, s * p, p));
    }
    out[i] = sign * (sum - rho);
  }
  return out;
}
