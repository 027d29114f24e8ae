/**
 * Support-vector classification as scikit-learn's `SVC`. LIBSVM (libsvm-js, a
 * wasm build of the library `SVC` wraps; see `libsvm_binding.ts`) solves the
 * dual problem, given rows in scikit-learn's order, so the solutions agree to
 * rounding. Decision values (`svc_kernel.ts`) and Platt probabilities
 * (`platt.ts`) are computed from the support vectors and dual coefficients with
 * LIBSVM's formulas, so a fitted model is plain data: no wasm memory to free,
 * exact JSON round trips, and rebuilding one from JSON needs no wasm at all.
 *
 * Fitting does need the wasm module, which is loaded on demand, not at import:
 * `await ensureSvcRuntime()` once (per isolate) before fitting; the model stage
 * and the search do so. Fits stay synchronous.
 *
 * Training hands LIBSVM a precomputed Gram matrix when it fits in
 * `cacheSizeMb`; {@linkcode fitSvcGrid} computes X·Xᵀ once and one Gram matrix
 * per kernel for all C, and Platt's cross-validation reuses it.
 *
 * @module
 */
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
import { loadLibsvm, type Problem, type Trained, trainLibsvm } from "./libsvm_binding.ts";
import { plattProbability, plattScaling } from "./platt.ts";
import { crossKernel, decisionValues, dotMatrix, gramFromDots, type Kernel, resolveGamma } from "./svc_kernel.ts";

export { resolveGamma } from "./svc_kernel.ts";

/**
 * Loads what fitting an SVC needs (libsvm-js's wasm build) once per isolate;
 * later calls return at once. Fitting before it has resolved throws an error
 * that names this function. Loading a fitted model ({@linkcode svcFromJSON})
 * and predicting need nothing.
 *
 * @example
 * ```ts
 * import { matrix } from "./estimator.ts";
 * await ensureSvcRuntime();
 * new SVC({ kernel: "linear", C: 1 }).fit(matrix([[0], [1]]), new Uint8Array([0, 1]));
 * ```
 */
export function ensureSvcRuntime(): Promise<void> {
  return loadLibsvm();
}

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
  /**
   * Seed of the shuffle of Platt scaling's internal 5-fold cross-validation
   * (scikit-learn's `random_state`); without it, the fit's `seed` option (the
   * run's seed), else {@linkcode SVC_DEFAULTS}.
   */
  seed?: number;
};

/** scikit-learn's defaults; `seed` (for a fit given neither a seed parameter nor option) is ours. */
export const SVC_DEFAULTS = { gamma: "scale", degree: 3, coef0: 0, tol: 1e-3, cacheSizeMb: 200, seed: 0 } as const;

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
 * await ensureSvcRuntime();
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

  /**
   * Fits on rows `X`, labels `y`; `{ probability: true }` also fits Platt
   * scaling (6 LIBSVM fits instead of 1), shuffled by the `seed` parameter or
   * option. Needs {@linkcode ensureSvcRuntime}.
   */
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
 * await ensureSvcRuntime();
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
  trainGrid(X0, y0, params, ({ index, given, problem, trained }) => {
    const { X, kernel } = problem;
    const state: SvcState = {
      gamma: kernel.gamma,
      supportVectors: Array.from(trained.sv, (r) => Array.from(X.data.subarray(r * X.cols, (r + 1) * X.cols))),
      dualCoef: Array.from(trained.coef),
      rho: trained.rho,
      labelOrder: trained.labelOrder,
    };
    if (options.probability) {
      const rng = new Rng().reset(seedKey(given.seed ?? options.seed ?? SVC_DEFAULTS.seed));
      Object.assign(
        state,
        plattScaling(problem.y, rng, (rest, held) => decisionsAt(problem, trainLibsvm(problem, rest), held)),
      );
    }
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
      each({ index, key, given, problem, trained: trainLibsvm(problem, null) });
    }
  }
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
 * await ensureSvcRuntime();
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
