/**
 * Support-vector classification as scikit-learn's `SVC`. LIBSVM (libsvm-js, a
 * wasm build of the library `SVC` wraps) solves the dual problem, given rows
 * in scikit-learn's order, so the solutions agree to rounding. Decision values
 * and Platt probabilities are computed here from the support vectors and dual
 * coefficients with LIBSVM's formulas: libsvm-js returns no decision values,
 * and its serialisation prints gamma and rho with 6 digits. A fitted model is
 * thus plain data: no wasm memory to free, exact JSON round trips.
 *
 * Training hands LIBSVM a precomputed Gram matrix when it fits in
 * `cacheSizeMb`; {@linkcode fitSvcGrid} computes X·Xᵀ once and one Gram matrix
 * per kernel for all C, and Platt's cross-validation reuses it.
 *
 * LIBSVM's Platt scaling shuffles with C `rand()`. In libsvm-js that is musl's
 * generator inside the wasm instance: never seeded, not exported, advancing
 * with every probability fit, so probabilities would depend on what ran before
 * in the process. The cross-validation is therefore done here, as LIBSVM's
 * `svm_binary_svc_probability` does it, with a seeded shuffle.
 *
 * @module
 */
import process from "node:process";
import { DataError } from "../data/errors.ts";
import { Rng, seedKey } from "../util/random.ts";
import {
  type Classifier,
  type FitOptions,
  type FittedClassifier,
  type Labels,
  type Matrix,
  type ModelJSON,
  takeLabels,
  takeRows,
} from "./estimator.ts";

/** Parameters of {@linkcode SVC} (scikit-learn's names; plain data, for a search to vary). */
export type SvcParams = {
  kernel: "linear" | "rbf" | "poly" | "sigmoid";
  /** Penalty of the C-SVC, > 0. */
  C: number;
  /** "scale": 1 / (features · variance of all entries of X); "auto": 1 / features. */
  gamma?: "scale" | "auto" | number;
  /** Degree of the "poly" kernel. */
  degree?: number;
  /** Added inside the "poly" and "sigmoid" kernels. */
  coef0?: number;
  /** LIBSVM's stopping tolerance on the KKT violation. */
  tol?: number;
  /** Memory for kernel values, in MB (LIBSVM's cache; also bounds the precomputed Gram matrix). */
  cacheSizeMb?: number;
  /** Seed of the shuffle of Platt scaling's internal 5-fold cross-validation (scikit-learn's `random_state`). */
  seed?: number;
};

/** scikit-learn's defaults; `seed` is ours. */
export const SVC_DEFAULTS = { gamma: "scale", degree: 3, coef0: 0, tol: 1e-3, cacheSizeMb: 200, seed: 0 } as const;
/** Folds of Platt scaling's cross-validation (fixed in LIBSVM). */
const PLATT_FOLDS = 5;
/** LIBSVM clips pairwise probabilities to [MIN_PROB, 1 − MIN_PROB]. */
const MIN_PROB = 1e-7;

/** The state of a fitted {@linkcode SVC}: LIBSVM's model, at full precision. */
export interface SvcState {
  /** The gamma used (resolved from "scale" / "auto"). */
  gamma: number;
  /** Support vectors, one row each. */
  supportVectors: number[][];
  /** LIBSVM's `sv_coef`: y·alpha per support vector. */
  dualCoef: number[];
  /** LIBSVM's `rho`: its decision value is Σ dualCoef·K(sv, x) − rho. */
  rho: number;
  /** LIBSVM's class order (first seen; `fit` puts class 0 first): its values are positive for `labelOrder[0]`. */
  labelOrder: [number, number];
  /** Platt parameters in scikit-learn's convention: P(class 0) = 1 / (1 + exp(−probA·f + probB)), f = decision. */
  probA?: number;
  probB?: number;
}

/**
 * A C-support-vector classifier with scikit-learn's semantics (`sklearn.svm.SVC`).
 *
 * @example
 * ```ts
 * import { matrix } from "./estimator.ts";
 * const X = matrix([[0, 0], [1, 0], [0, 1], [2, 2], [3, 2], [2, 3]]);
 * const y = new Uint8Array([0, 0, 0, 1, 1, 1]);
 * const model = new SVC({ kernel: "rbf", C: 1 }).fit(X, y);
 * model.decisionFunction(matrix([[3, 3]]))[0]! > 0; // true
 * ```
 */
export class SVC implements Classifier {
  readonly family = "svc" as const;
  readonly params: SvcParams;

  constructor(params: SvcParams) {
    this.params = checkParams(params);
  }

  /** Fits on rows `X`, labels `y`; `{ probability: true }` also fits Platt scaling (6 LIBSVM fits instead of 1). */
  fit(X: Matrix, y: Labels, options: FitOptions = {}): FittedSVC {
    return fitSvcGrid(X, y, [this.params], options)[0]!;
  }
}

/**
 * Fits one SVC per parameter set on the same rows, sharing the work that does
 * not depend on the parameters: X·Xᵀ once, then one Gram matrix per kernel
 * (shared by every C). On the store's data a grid of 4 kernels × 3 C takes
 * ~40% less time than 12 separate fits; LIBSVM's solver is the rest. Returns
 * the models in the order of `params`.
 *
 * @example
 * ```ts
 * import { matrix } from "./estimator.ts";
 * const X = matrix([[0, 0], [1, 0], [0, 1], [2, 2], [3, 2], [2, 3]]);
 * const y = new Uint8Array([0, 0, 0, 1, 1, 1]);
 * const models = fitSvcGrid(X, y, [{ kernel: "rbf", C: 0.1 }, { kernel: "rbf", C: 10 }]);
 * models.length; // 2
 * ```
 */
export function fitSvcGrid(
  X0: Matrix,
  y0: Labels,
  params: readonly SvcParams[],
  options: FitOptions = {},
): FittedSVC[] {
  const out = new Array<FittedSVC>(params.length);
  trainGrid(X0, y0, params, ({ index, given, p, problem, trained }) => {
    const { X, kernel } = problem;
    const state: SvcState = {
      gamma: kernel.gamma,
      supportVectors: Array.from(trained.sv, (r) => Array.from(X.data.subarray(r * X.cols, (r + 1) * X.cols))),
      dualCoef: Array.from(trained.coef),
      rho: trained.rho,
      labelOrder: trained.labelOrder,
    };
    if (options.probability) Object.assign(state, plattScaling(problem, new Rng().reset(seedKey(p.seed))));
    out[index] = new FittedSVC(given, state);
  });
  return out;
}

/**
 * Decision values at `query` of every parameter set of a grid, for a search
 * that only ranks: the same models as {@linkcode fitSvcGrid}, but the kernel
 * between query and training rows is computed once per kernel (not once per
 * model), and no fitted objects are built. Values agree with
 * `fitSvcGrid(...)[i].decisionFunction(query)` to rounding (kernels come from
 * dot products here, LIBSVM evaluates rbf from differences).
 */
export function svcGridScores(X0: Matrix, y0: Labels, params: readonly SvcParams[], query: Matrix): Float64Array[] {
  const out = new Array<Float64Array>(params.length);
  let cross: { key: string; K: Float64Array } | undefined;
  trainGrid(X0, y0, params, ({ index, key, problem, trained }) => {
    const { X, kernel } = problem, n = X.rows;
    if (cross?.key !== key) cross = { key, K: crossKernel(query, X, kernel) };
    const K = cross.K, sign = trained.labelOrder[0] === 1 ? 1 : -1;
    const scores = new Float64Array(query.rows);
    for (let i = 0; i < query.rows; i++) {
      let sum = 0;
      for (let s = 0; s < trained.sv.length; s++) sum += trained.coef[s]! * K[i * n + trained.sv[s]!]!;
      scores[i] = sign * (sum - trained.rho);
    }
    out[index] = scores;
  });
  return out;
}

/** One trained model of a grid, handed to the caller of {@linkcode trainGrid}. */
interface GridFit {
  index: number;
  /** Models with equal keys share a kernel (and come one after another). */
  key: string;
  given: SvcParams;
  p: Required<SvcParams>;
  problem: Problem;
  trained: Trained;
}

/** Trains LIBSVM for every parameter set, computing each distinct kernel's Gram matrix once. */
function trainGrid(X0: Matrix, y0: Labels, params: readonly SvcParams[], each: (fit: GridFit) => void): void {
  checkTrainingData(X0, y0);
  // LIBSVM groups rows by class in order of first appearance, scikit-learn's
  // copy of it class 0 first; the solver's path depends on that order, so rows
  // go in class 0 first, giving scikit-learn's problem exactly (and its solution).
  const order = [...y0.keys()].sort((a, b) => y0[a]! - y0[b]! || a - b);
  const X = takeRows(X0, order), y = takeLabels(y0, order), n = X.rows;
  // gamma from the caller's rows: the summation order is part of scikit-learn's value.
  const jobs = params.map((raw) => {
    const given = checkParams(raw), p = { ...SVC_DEFAULTS, ...given };
    const kernel: Kernel = { type: p.kernel, gamma: resolveGamma(X0, p.gamma), degree: p.degree, coef0: p.coef0 };
    // A precomputed problem takes 16 bytes of wasm per Gram entry (plus 8 in JS).
    const precompute = 16 * n * (n + 2) <= p.cacheSizeMb * 2 ** 20;
    return { given, p, kernel, key: JSON.stringify(kernel), precompute };
  });
  let dots: Float64Array | null = null;
  for (const key of new Set(jobs.map((j) => j.key))) {
    const group = jobs.map((j, i) => [j, i] as const).filter(([j]) => j.key === key);
    const { kernel, precompute } = group[0]![0];
    const gram = precompute ? gramFromDots(dots ??= dotMatrix(X), n, kernel) : null;
    for (const [{ given, p }, index] of group) {
      const problem: Problem = { X, y, kernel, gram, C: p.C, tol: p.tol, cacheSizeMb: p.cacheSizeMb };
      each({ index, key, given, p, problem, trained: trainLibsvm(problem, null) });
    }
  }
}

/** K(query row, training row) for every pair, from dot products (rbf via ‖q‖² + ‖x‖² − 2q·x). */
function crossKernel(Q: Matrix, X: Matrix, k: Kernel): Float64Array {
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

/** A fitted {@linkcode SVC}: support vectors and coefficients, no wasm memory. */
export class FittedSVC implements FittedClassifier {
  readonly family = "svc" as const;
  readonly #sv: Float64Array;
  readonly #coef: Float64Array;
  readonly #kernel: Kernel;
  readonly #sign: number;

  constructor(readonly params: SvcParams, readonly state: Readonly<SvcState>) {
    this.#sv = Float64Array.from(state.supportVectors.flat());
    this.#coef = Float64Array.from(state.dualCoef);
    const p = { ...SVC_DEFAULTS, ...params };
    this.#kernel = { type: p.kernel, gamma: state.gamma, degree: p.degree, coef0: p.coef0 };
    this.#sign = state.labelOrder[0] === 1 ? 1 : -1; // LIBSVM's values are positive for its first label
  }

  /** LIBSVM's decision values, oriented so that larger means class 1 (as scikit-learn's). */
  decisionFunction(X: Matrix): Float64Array {
    const cols = this.state.supportVectors[0]?.length ?? 0;
    if (X.cols !== cols) throw new Error(`X has ${X.cols} columns, expected ${cols} as in training`);
    return decisionValues(X, this.#sv, this.#coef, this.state.rho, this.#kernel, this.#sign);
  }

  /** P(class 1) by Platt scaling, mapped as LIBSVM and scikit-learn do; needs `fit(X, y, { probability: true })`. */
  predictProba(X: Matrix): Float64Array {
    const { probA, probB } = this.state;
    if (probA === undefined || probB === undefined) {
      throw new Error("SVC was fitted without probabilities: fit it with { probability: true } to use predictProba");
    }
    return this.decisionFunction(X).map((f) => plattProbability(f, probA, probB));
  }

  toJSON(): ModelJSON {
    return { family: "svc", params: { ...this.params }, state: structuredClone(this.state) };
  }
}

/**
 * Rebuilds a model from {@linkcode FittedSVC.toJSON} (also after a JSON round
 * trip); its decision values and probabilities are identical.
 *
 * @example
 * ```ts
 * import { matrix } from "./estimator.ts";
 * const model = new SVC({ kernel: "linear", C: 1 }).fit(matrix([[0], [1], [3], [4]]), new Uint8Array([0, 0, 1, 1]));
 * const copy = svcFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
 * copy.decisionFunction(matrix([[2.5]]))[0] === model.decisionFunction(matrix([[2.5]]))[0]; // true
 * ```
 */
export function svcFromJSON(json: ModelJSON): FittedSVC {
  if (json.family !== "svc") throw bad("family", json.family, '"svc"');
  const params = checkParams(json.params as SvcParams);
  const s = (json.state ?? {}) as Record<string, unknown>;
  const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
  const numbers = (v: unknown): v is number[] => Array.isArray(v) && v.every(finite);
  if (!finite(s.gamma) || s.gamma <= 0) throw bad("state.gamma", s.gamma, "a positive number");
  if (!numbers(s.dualCoef) || s.dualCoef.length === 0) throw bad("state.dualCoef", s.dualCoef, "finite numbers");
  const sv = s.supportVectors;
  if (
    !Array.isArray(sv) || sv.length !== s.dualCoef.length || !sv.every((r) => numbers(r) && r.length === sv[0].length)
  ) {
    throw bad("state.supportVectors", "…", "one row of finite numbers per dual coefficient");
  }
  if (!finite(s.rho)) throw bad("state.rho", s.rho, "a finite number");
  const order = s.labelOrder;
  if (!Array.isArray(order) || !((order[0] === 0 && order[1] === 1) || (order[0] === 1 && order[1] === 0))) {
    throw bad("state.labelOrder", JSON.stringify(order), "[0, 1] or [1, 0]");
  }
  const state: SvcState = {
    gamma: s.gamma,
    supportVectors: sv as number[][],
    dualCoef: s.dualCoef,
    rho: s.rho,
    labelOrder: [order[0], order[1]],
  };
  if (s.probA !== undefined || s.probB !== undefined) {
    if (!finite(s.probA) || !finite(s.probB)) {
      throw bad("state.probA/probB", `${s.probA}/${s.probB}`, "two finite numbers");
    }
    Object.assign(state, { probA: s.probA, probB: s.probB });
  }
  return new FittedSVC(params, state);
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
export function resolveGamma(X: Matrix, gamma: SvcParams["gamma"] = SVC_DEFAULTS.gamma): number {
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

/**
 * Bytes of libsvm-js's wasm heap, for leak checks: it grows on demand and
 * never shrinks, and every fit frees what it allocates, so it stays constant
 * over repeated fits of one size.
 *
 * @example
 * ```ts
 * libsvmHeapBytes() >= 16 * 2 ** 20; // true: libsvm-js starts with 16 MB
 * ```
 */
export function libsvmHeapBytes(): number {
  return libsvm.HEAPU8.length;
}

// ---------------------------------------------------------------------------
// Kernels, with LIBSVM's formulas and evaluation order.

interface Kernel {
  type: SvcParams["kernel"];
  gamma: number;
  degree: number;
  coef0: number;
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

/** X·Xᵀ (n × n), each entry summed in feature order as LIBSVM's `dot`. */
function dotMatrix(X: Matrix): Float64Array {
  const { rows: n, cols: p, data } = X;
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) D[i * n + j] = D[j * n + i] = dotRows(data, i * p, data, j * p, p);
  }
  return D;
}

/** The training kernel matrix from X·Xᵀ, as LIBSVM's training `Kernel` (rbf via ‖x‖² + ‖y‖² − 2x·y). */
function gramFromDots(D: Float64Array, n: number, k: Kernel): Float64Array {
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

function dotRows(a: Float64Array, ao: number, b: Float64Array, bo: number, p: number): number {
  let s = 0;
  for (let c = 0; c < p; c++) s += a[ao + c]! * b[bo + c]!;
  return s;
}

/** sign · (Σ_s coef_s · K(x, sv_s) − rho) per row, summed in support-vector order as LIBSVM's `svm_predict_values`. */
function decisionValues(
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

// ---------------------------------------------------------------------------
// LIBSVM via libsvm-js.

/** The training set and settings shared by the main fit and Platt's cross-validation fits. */
interface Problem {
  X: Matrix;
  y: Labels;
  kernel: Kernel;
  /** The training Gram matrix, or null to let LIBSVM compute kernels. */
  gram: Float64Array | null;
  C: number;
  tol: number;
  cacheSizeMb: number;
}

/** A trained LIBSVM model, support vectors as indices into the problem's rows. */
interface Trained {
  sv: Int32Array;
  coef: Float64Array;
  rho: number;
  labelOrder: [number, number];
}

/** The emscripten module of libsvm-js: the exports used here. */
interface Libsvm {
  HEAPU8: Uint8Array;
  HEAP32: Int32Array;
  HEAPF64: Float64Array;
  load(): Promise<void>;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  _create_svm_nodes(rows: number, cols: number): number;
  _add_instance(problem: number, values: number, cols: number, label: number, row: number): void;
  _free_problem(problem: number): void;
  _libsvm_train_problem(problem: number, command: number): number;
  _svm_get_nr_class(model: number): number;
  _svm_get_nr_sv(model: number): number;
  _svm_get_labels(model: number, out: number): void;
  _svm_get_sv_indices(model: number, out: number): void;
  _svm_free_model(model: number): void;
}

/**
 * Byte offsets in LIBSVM's `struct svm_model` on wasm32 (svm_parameter is 96
 * bytes): libsvm-js exports no getter for the coefficients and rho.
 */
const MODEL = { svmType: 0, kernelType: 4, gamma: 16, C: 48, nrClass: 96, l: 100, svCoef: 108, rho: 112 } as const;
const KERNEL_CODE = { linear: 0, poly: 1, rbf: 2, sigmoid: 3, precomputed: 4 } as const;

const { libsvm } = await loadLibsvm();

/**
 * Loads libsvm-js's wasm build, working around what its environment sniffing
 * does in Deno. Returned wrapped: the emscripten module has a `then` method,
 * so resolving a promise with it recurses forever.
 */
async function loadLibsvm(): Promise<{ libsvm: Libsvm }> {
  // With `self` defined it takes the browser path (script-tag URLs, fails);
  // with `fetch` it tries to stream-compile a file path and logs an error.
  const g = globalThis as Record<string, unknown>;
  const hidden = (["self", "fetch"] as const).map((k) => [k, Object.getOwnPropertyDescriptor(g, k)] as const);
  const listeners = new Set(process.listeners("unhandledRejection"));
  let mod: { default?: Libsvm } & Partial<Libsvm>;
  try {
    for (const [k] of hidden) delete g[k];
    mod = await import("libsvm-js/out/wasm/libsvm.js");
  } finally {
    for (const [k, d] of hidden) if (d) Object.defineProperty(g, k, d);
    // Its Node glue makes every unhandled rejection exit the process silently.
    for (const l of process.listeners("unhandledRejection")) {
      if (!listeners.has(l)) process.off("unhandledRejection", l);
    }
  }
  const m = (mod.default ?? mod) as Libsvm;
  await m.load();
  return { libsvm: m };
}

/**
 * Trains LIBSVM's C-SVC on the problem's rows `rows` (in that order; null: all
 * rows in order) and frees every wasm allocation before returning.
 */
function trainLibsvm(pr: Problem, subset: Int32Array | null): Trained {
  const m = libsvm, { X, gram, kernel: k } = pr;
  const rows = subset ?? Int32Array.from({ length: X.rows }, (_, i) => i), n = rows.length;
  const N = X.rows, cols = gram ? n + 1 : X.cols;
  const command = gram
    ? `-s 0 -t 4 -c ${pr.C} -e ${pr.tol} -m ${pr.cacheSizeMb} -h 1 -b 0 -q 1`
    : `-s 0 -t ${KERNEL_CODE[k.type]} -d ${k.degree} -g ${k.gamma} -r ${k.coef0} -c ${pr.C} -e ${pr.tol} ` +
      `-m ${pr.cacheSizeMb} -h 1 -b 0 -q 1`;
  const cmd = new TextEncoder().encode(command + "\0");
  if (cmd.length > 256) throw new Error(`libsvm-js: command longer than its 256-byte buffer: ${command}`);
  const problem = m._create_svm_nodes(n, cols);
  const buf = m._malloc(8 * cols);
  const cmdPtr = m._malloc(cmd.length);
  const out = m._malloc(4 * Math.max(n, 2));
  let model = 0;
  try {
    for (let a = 0; a < n; a++) {
      const r = rows[a]!, heap = m.HEAPF64, o = buf >> 3;
      if (gram) {
        // A precomputed row: its 1-based serial number, then K(row, every row of the problem).
        heap[o] = a + 1;
        if (!subset) heap.set(gram.subarray(r * N, r * N + N), o + 1);
        else for (let b = 0; b < n; b++) heap[o + 1 + b] = gram[r * N + rows[b]!]!;
      } else heap.set(X.data.subarray(r * X.cols, (r + 1) * X.cols), o);
      m._add_instance(problem, buf, cols, pr.y[r]!, a);
    }
    m.HEAPU8.set(cmd, cmdPtr);
    model = m._libsvm_train_problem(problem, cmdPtr);
    const l = m._svm_get_nr_sv(model), nrClass = m._svm_get_nr_class(model);
    m._svm_get_labels(model, out);
    const labelOrder: [number, number] = [m.HEAP32[out >> 2]!, m.HEAP32[(out >> 2) + 1]!];
    m._svm_get_sv_indices(model, out);
    const sv = m.HEAP32.slice(out >> 2, (out >> 2) + l).map((i) => rows[i - 1]!); // 1-based problem rows
    const H32 = m.HEAP32, F64 = m.HEAPF64, at = (off: number) => H32[(model + off) >> 2]!;
    if (
      nrClass !== 2 || at(MODEL.nrClass) !== 2 || at(MODEL.l) !== l || at(MODEL.svmType) !== 0 ||
      at(MODEL.kernelType) !== (gram ? 4 : KERNEL_CODE[k.type]) || F64[(model + MODEL.C) >> 3] !== pr.C ||
      (!gram && F64[(model + MODEL.gamma) >> 3] !== k.gamma)
    ) throw new Error("libsvm-js: unexpected svm_model layout (not the LIBSVM 3.2x struct this file reads)");
    const coefPtr = H32[at(MODEL.svCoef) >> 2]!;
    const coef = F64.slice(coefPtr >> 3, (coefPtr >> 3) + l);
    return { sv, coef, rho: F64[at(MODEL.rho) >> 3]!, labelOrder };
  } finally {
    if (model) m._svm_free_model(model);
    m._free_problem(problem);
    m._free(buf), m._free(cmdPtr), m._free(out);
  }
}

/** Decision values (larger: class 1) of a trained model at the problem's rows `rows`. */
function decisionsAt(pr: Problem, t: Trained, rows: Int32Array): Float64Array {
  const { X, gram } = pr, N = X.rows, sign = t.labelOrder[0] === 1 ? 1 : -1;
  if (!gram) return decisionValues(takeRows(X, rows), takeRows(X, t.sv).data, t.coef, t.rho, pr.kernel, sign);
  return Float64Array.from(rows, (r) => {
    let sum = 0;
    for (let s = 0; s < t.sv.length; s++) sum += t.coef[s]! * gram[r * N + t.sv[s]!]!;
    return sign * (sum - t.rho);
  });
}

// ---------------------------------------------------------------------------
// Platt scaling, as LIBSVM's svm_binary_svc_probability / sigmoid_train / svm_predict_probability.

/**
 * Cross-validated decision values (5 folds of a seeded shuffle), then a sigmoid
 * fitted to them. Parameters in scikit-learn's convention (class 0 is LIBSVM's
 * first label there): P(class 0) = 1 / (1 + exp(probA·(−f) + probB)).
 */
function plattScaling(pr: Problem, rng: Rng): { probA: number; probB: number } {
  const n = pr.y.length;
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
    const ones = rest.reduce((s, r) => s + pr.y[r]!, 0);
    if (ones === 0 || ones === rest.length) {
      // One class left in training: LIBSVM predicts it with value ±1.
      for (const r of held) dec[r] = rest.length === 0 ? 0 : ones === 0 ? 1 : -1;
      continue;
    }
    const f1 = decisionsAt(pr, trainLibsvm(pr, rest), held);
    held.forEach((r, i) => dec[r] = -f1[i]!);
  }
  const [probA, probB] = sigmoidTrain(dec, Uint8Array.from(pr.y, (v) => v === 0 ? 1 : 0));
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
 */
function plattProbability(f: number, A: number, B: number): number {
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

// ---------------------------------------------------------------------------
// Checks.

function checkParams(params: SvcParams): SvcParams {
  const { kernel, C, gamma, degree, coef0, tol, cacheSizeMb, seed } = params ?? {};
  if (!(kernel in { linear: 1, rbf: 1, poly: 1, sigmoid: 1 }) || typeof kernel !== "string") {
    throw bad("kernel", kernel, '"linear", "rbf", "poly" or "sigmoid"');
  }
  const positive = (v: unknown) => typeof v === "number" && v > 0 && Number.isFinite(v);
  if (!positive(C)) throw bad("C", C, "a positive finite number");
  if (gamma !== undefined && gamma !== "scale" && gamma !== "auto" && !positive(gamma)) {
    throw bad("gamma", gamma, '"scale", "auto" or a positive number');
  }
  if (degree !== undefined && !(Number.isInteger(degree) && degree >= 0)) {
    throw bad("degree", degree, "a non-negative integer");
  }
  if (coef0 !== undefined && !Number.isFinite(coef0)) throw bad("coef0", coef0, "a finite number");
  if (tol !== undefined && !positive(tol)) throw bad("tol", tol, "a positive number");
  if (cacheSizeMb !== undefined && !positive(cacheSizeMb)) throw bad("cacheSizeMb", cacheSizeMb, "a positive number");
  if (seed !== undefined && !Number.isInteger(seed)) throw bad("seed", seed, "an integer");
  const optional = { gamma, degree, coef0, tol, cacheSizeMb, seed };
  return {
    kernel,
    C,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}

function checkTrainingData(X: Matrix, y: Labels): void {
  if (X.rows !== y.length) throw new Error(`X has ${X.rows} rows but y has ${y.length} labels`);
  const label = y.findIndex((v) => v > 1);
  if (label >= 0) throw new Error(`Labels must be 0 or 1, got ${y[label]} at row ${label}`);
  if (!y.includes(0) || !y.includes(1)) throw new Error("SVC needs both classes (0 and 1) in the training labels");
  const i = X.data.findIndex((v) => !Number.isFinite(v));
  if (i >= 0) throw new Error(`Non-finite training value ${X.data[i]} at row ${Math.floor(i / X.cols)}`);
}

const bad = (column: string, value: unknown, expected: string) =>
  new DataError([{ column: `svc ${column}`, value: String(value), expected }]);
