/**
 * Logistic regression as scikit-learn defines it: minimise R(w) + C·Σ logloss
 * with R = ‖w‖²/2 (L2) or ‖w‖₁ (L1); the intercept is not penalised.
 *
 * Both penalties take Newton steps on the full (p+1)² Hessian, which is cheap
 * for the store's ~20 features and, unlike first-order methods, indifferent to
 * unscaled columns. L2 solves the Newton system by Cholesky; L1 minimises the
 * quadratic model plus ‖w‖₁ exactly by an active-set method (proximal Newton,
 * as newGLMNET in liblinear), which gives exact zeros. A backtracking line
 * search makes every step lower the objective, a Hessian is kept while steps
 * converge fast, and a path over C starts each fit from the previous solution.
 * The (p+1)² Cholesky factorisations and solves are ml-matrix's. Its object
 * overhead at this size was measured against the former hand-written code: the
 * search's logistic tasks on the store's data (one thread, median of 5
 * interleaved runs) 0.095 → 0.130 s, i.e. under 1 % of the search's ~2.5 s
 * (`deno run -A bench/search_bench.ts --data DIR --workers 2`: median 2.87 →
 * 2.49 s, within that shared machine's noise); every search result is unchanged.
 *
 * @module
 */
import { CholeskyDecomposition, Matrix as DenseMatrix } from "ml-matrix";
import { DataError } from "../data/errors.ts";
import {
  type Classifier,
  type FittedClassifier,
  type Labels,
  type Matrix,
  type ModelJSON,
  sigmoid,
} from "./estimator.ts";

/** Default tolerance on the optimality violation per sample (see {@linkcode LogisticParams}). */
export const DEFAULT_TOL = 1e-6;
/** Default cap on Newton steps. */
export const DEFAULT_MAX_ITER = 100;
/** Armijo constant: a step must achieve this share of the predicted decrease. */
const ARMIJO = 1e-4;
/** Step halvings before the line search gives up. */
const MAX_HALVINGS = 50;
/** Cap on active-set moves per L1 subproblem, per coefficient. */
const MAX_MOVES = 4;
/** Objective changes below this share of its value are rounding noise: accept the step. */
const ROUNDING = 1e-12;
/** Keep the Hessian while full steps cut the optimality violation at least this much. */
const REUSE_HESSIAN = 0.1;

/** Parameters of {@linkcode LogisticRegression} (plain data, for a search to vary). */
export type LogisticParams = {
  penalty: "l1" | "l2";
  /** Inverse penalty strength, > 0: minimise R(w) + C·Σ logloss, as scikit-learn. */
  C: number;
  /**
   * Stop when the optimality violation is at most this: the largest entry of
   * the (least-norm sub)gradient of Σ logloss / n + R(w) / (C·n).
   */
  tol?: number;
  /** Most Newton steps; a fit that needs more reports `converged: false`. */
  maxIter?: number;
};

/** Options of {@linkcode fitLogisticPath}: the parameters shared by all C. */
export type LogisticPathOptions = Pick<LogisticParams, "tol" | "maxIter">;

/**
 * Logistic regression with an L1 or L2 penalty on the coefficients.
 *
 * @example
 * ```ts
 * import { matrix } from "./estimator.ts";
 * const X = matrix([[-2], [-1], [1], [2]]);
 * const model = new LogisticRegression({ penalty: "l2", C: 1 }).fit(X, new Uint8Array([0, 0, 1, 1]));
 * model.coef[0]! > 0; // true
 * model.predictProba(X); // four probabilities, rising with x
 * ```
 */
export class LogisticRegression implements Classifier {
  readonly family = "logistic" as const;
  readonly params: LogisticParams;

  constructor(params: LogisticParams) {
    this.params = checkParams(params);
  }

  /** Fits on rows `X` and labels `y` (probabilities come free, so options are ignored). */
  fit(X: Matrix, y: Labels): LogisticModel {
    const { penalty, C, ...options } = this.params;
    return fitLogisticPath(X, y, penalty, [C], options)[0]!;
  }
}

/** A fitted logistic regression: the decision function is X·coef + intercept. */
export class LogisticModel implements FittedClassifier {
  readonly family = "logistic" as const;

  constructor(
    readonly params: LogisticParams,
    readonly coef: Float64Array,
    readonly intercept: number,
    /** Whether the optimality violation reached `tol` (false: `maxIter` or the line search stopped it). */
    readonly converged: boolean,
    /** Newton steps taken (from the warm start, in a path). */
    readonly iterations: number,
  ) {}

  decisionFunction(X: Matrix): Float64Array {
    const p = this.coef.length;
    if (X.cols !== p) throw bad("X", `${X.cols} columns`, `${p} columns, as in training`);
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      let z = this.intercept;
      for (let j = 0, o = i * p; j < p; j++) z += this.coef[j]! * X.data[o + j]!;
      out[i] = z;
    }
    return out;
  }

  predictProba(X: Matrix): Float64Array {
    return this.decisionFunction(X).map(sigmoid);
  }

  toJSON(): ModelJSON {
    const { coef, intercept, converged, iterations } = this;
    return {
      family: "logistic",
      params: { ...this.params },
      state: { coef: Array.from(coef), intercept, converged, iterations },
    };
  }
}

/**
 * Rebuilds a model from {@linkcode LogisticModel.toJSON} (after a JSON round trip
 * too); its predictions are identical.
 *
 * @example
 * ```ts
 * const json = { family: "logistic" as const, params: { penalty: "l2", C: 1 }, state: { coef: [2], intercept: 0 } };
 * logisticFromJSON(json).intercept; // 0
 * ```
 */
export function logisticFromJSON(json: ModelJSON): LogisticModel {
  if (json.family !== "logistic") throw bad("family", json.family, '"logistic"');
  const params = checkParams(json.params as LogisticParams);
  const s = (json.state ?? {}) as Record<string, unknown>;
  const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
  if (!Array.isArray(s.coef) || !s.coef.every(finite)) throw bad("state.coef", s.coef, "an array of finite numbers");
  if (!finite(s.intercept)) throw bad("state.intercept", s.intercept, "a finite number");
  const iterations = Number.isInteger(s.iterations) ? s.iterations as number : 0;
  return new LogisticModel(params, Float64Array.from(s.coef), s.intercept, s.converged !== false, iterations);
}

/**
 * Fits one model per C, solving in increasing C with each fit starting from the
 * previous solution (the path is smooth in C, so later fits take few steps).
 * Returns the models in the order of `Cs`.
 *
 * @example
 * ```ts
 * import { matrix } from "./estimator.ts";
 * const X = matrix([[-2, 1], [-1, 0], [1, 1], [2, 0]]);
 * const models = fitLogisticPath(X, new Uint8Array([0, 1, 0, 1]), "l1", [0.1, 1, 10]);
 * models.map((m) => m.converged); // [true, true, true]
 * models.map((m) => m.coef.filter((w) => w !== 0).length); // [0, 0, 1]: a larger C lets features in
 * ```
 */
export function fitLogisticPath(
  X: Matrix,
  y: Labels,
  penalty: LogisticParams["penalty"],
  Cs: readonly number[],
  options: LogisticPathOptions = {},
): LogisticModel[] {
  const params = Cs.map((C) => checkParams({ penalty, C, ...options }));
  const tol = options.tol ?? DEFAULT_TOL;
  const maxIter = options.maxIter ?? DEFAULT_MAX_ITER;
  const solver = new Solver(X, y);
  const order = Cs.map((_, k) => k).sort((a, b) => Cs[a]! - Cs[b]!);
  const out: LogisticModel[] = new Array(Cs.length);
  for (const k of order) {
    const { converged, iterations } = solver.solve(penalty, 1 / Cs[k]!, tol, maxIter);
    const p = solver.p;
    out[k] = new LogisticModel(params[k]!, solver.beta.slice(0, p), solver.beta[p]!, converged, iterations);
  }
  return out;
}

/**
 * Newton iterations for F(β) = Σ logloss + λ·R(w), λ = 1/C, on β = (w, b).
 * Buffers are allocated once per path; X is stored by columns so that every
 * inner loop is a contiguous dot product or axpy. The line search keeps the
 * accepted X·β and exp(−|X·β|), so each iteration calls `exp` once per row.
 */
class Solver {
  readonly n: number;
  readonly p: number;
  /** Current solution: p weights, then the intercept. */
  readonly beta: Float64Array;
  readonly #xt: Float64Array; // Xᵀ: column j is xt[j·n .. (j+1)·n)
  readonly #y: Labels;
  readonly #u: Float64Array; // the Newton target: beta + direction
  readonly #d: Float64Array; // u − beta
  readonly #g: Float64Array; // gradient of Σ logloss
  readonly #h: Float64Array; // Hessian of Σ logloss, (p+1)², row-major
  readonly #a: Float64Array; // a system to factor: H + λ·I_w (L2), H on the free set (L1)
  #factor: CholeskyDecomposition | null = null; // its Cholesky factor
  // L1 subproblem: gradient of the model, signs, free set, step and its right-hand side
  readonly #grad: Float64Array;
  readonly #sign: Float64Array;
  readonly #free: Int32Array;
  readonly #step: Float64Array;
  readonly #rhs: Float64Array;
  #hit = -1;
  #hasHessian = false;
  readonly #w: Float64Array; // p(1 − p) per row
  readonly #tmp: Float64Array;
  readonly #xd: Float64Array; // X·d + d_b
  #eta: Float64Array; // X·w + b at beta
  #e: Float64Array; // exp(−|eta|)
  #etaTry: Float64Array; // the same at a trial step (swapped in when accepted)
  #eTry: Float64Array;
  #loss = 0; // Σ logloss at beta
  #f = 0; // F(beta)

  constructor(X: Matrix, y: Labels) {
    const { rows: n, cols: p } = X;
    if (n === 0) throw bad("X", "0 rows", "at least one row");
    if (y.length !== n) throw bad("y", `${y.length} labels`, `${n} labels, one per row of X`);
    let ones = 0;
    for (let i = 0; i < n; i++) {
      if (y[i]! > 1) throw bad("y", y[i], "labels 0 or 1");
      ones += y[i]!;
    }
    if (ones === 0 || ones === n) throw bad("y", `only class ${y[0]}`, "both classes 0 and 1");
    this.n = n;
    this.p = p;
    this.#y = y;
    this.#xt = new Float64Array(n * p);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) {
        const v = X.data[i * p + j]!;
        if (!Number.isFinite(v)) throw bad(`X[${i}][${j}]`, v, "a finite number");
        this.#xt[j * n + i] = v;
      }
    }
    const q = p + 1;
    this.beta = new Float64Array(q);
    this.#u = new Float64Array(q);
    this.#d = new Float64Array(q);
    this.#g = new Float64Array(q);
    this.#h = new Float64Array(q * q);
    this.#a = new Float64Array(q * q);
    this.#grad = new Float64Array(q);
    this.#sign = new Float64Array(q);
    this.#free = new Int32Array(q);
    this.#step = new Float64Array(q);
    this.#rhs = new Float64Array(q);
    this.#w = new Float64Array(n);
    this.#tmp = new Float64Array(n);
    this.#xd = new Float64Array(n);
    this.#etaTry = new Float64Array(n);
    this.#eTry = new Float64Array(n);
    // Cold start at w = 0 and the base rate's log-odds: already optimal for a large penalty.
    const b = Math.log(ones / (n - ones));
    this.beta[p] = b;
    this.#eta = new Float64Array(n).fill(b);
    const e = Math.exp(-Math.abs(b));
    this.#e = new Float64Array(n).fill(e);
    this.#loss = ones * logloss(b, e, 1) + (n - ones) * logloss(b, e, 0);
  }

  /** Iterates from the current `beta` until the violation is at most tol. */
  solve(penalty: Penalty, lambda: number, tol: number, maxIter: number): { converged: boolean; iterations: number } {
    // Near a solution the Hessian hardly changes: keep it while full steps cut the violation tenfold
    // (such a step costs a third of one with a new Hessian). In a path the first step of the next C
    // keeps the last Hessian of the previous one, computed next to this warm start.
    let keep = this.#hasHessian, previous = Infinity, factored = false;
    for (let it = 0;; it++) {
      this.#refresh(penalty, lambda);
      const violation = this.#violation(penalty, lambda) / this.n;
      if (violation <= tol) return { converged: true, iterations: it };
      if (it >= maxIter) return { converged: false, iterations: it };
      if (!(keep && violation <= REUSE_HESSIAN * previous)) {
        this.#hessian();
        this.#hasHessian = true;
        factored = false;
      }
      if (penalty === "l2" && !factored) {
        if (!this.#factorL2(lambda)) return { converged: false, iterations: it };
        factored = true;
      }
      if (penalty === "l2") this.#newtonL2(lambda);
      // Zeros of the L1 subproblem need only be optimal to a fraction of the outer violation (inexact Newton).
      else if (!this.#newtonL1(lambda, Math.max(0.1 * tol, 0.01 * violation) * this.n)) {
        return { converged: false, iterations: it };
      }
      const t = this.#lineSearch(penalty, lambda);
      if (t === 0) return { converged: false, iterations: it }; // no step lowers F: stuck at rounding level
      [previous, keep] = [violation, t === 1];
    }
  }

  /** F, the gradient g and the weights p(1 − p) at `beta`, from the kept eta and exp(−|eta|). */
  #refresh(penalty: Penalty, lambda: number): void {
    const { n, p, beta } = this;
    const eta = this.#eta, e = this.#e, y = this.#y, g = this.#g, w = this.#w, r = this.#tmp;
    let gb = 0;
    for (let i = 0; i < n; i++) {
      // p − y as P(0) or −P(1), never 1 − P: well-separated rows keep their relative precision
      const ei = e[i]!, s = 1 / (1 + ei), up = eta[i]! >= 0;
      r[i] = y[i] === 1 ? -(up ? ei * s : s) : up ? s : ei * s;
      w[i] = ei * s * s;
      gb += r[i]!;
    }
    columnDots(this.#xt, n, r, 0, p, g, 0);
    g[p] = gb;
    this.#f = this.#loss + lambda * penaltyAt(penalty, beta, beta, 0, p);
  }

  /** Largest entry of the least-norm subgradient of F. */
  #violation(penalty: Penalty, lambda: number): number {
    const { p, beta } = this, g = this.#g;
    let v = Math.abs(g[p]!);
    for (let j = 0; j < p; j++) {
      const b = beta[j]!, gj = g[j]!;
      const e = penalty === "l2"
        ? Math.abs(gj + lambda * b)
        : b !== 0
        ? Math.abs(gj + lambda * Math.sign(b))
        : Math.max(Math.abs(gj) - lambda, 0);
      if (e > v) v = e;
    }
    return v;
  }

  /** H = [X 1]ᵀ·diag(w)·[X 1]: the upper triangle by columns, then mirrored. */
  #hessian(): void {
    const { n, p } = this, q = p + 1;
    const xt = this.#xt, w = this.#w, wx = this.#tmp, h = this.#h;
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let i = 0, o = j * n; i < n; i++) s += wx[i] = w[i]! * xt[o + i]!;
      h[j * q + p] = h[p * q + j] = s;
      columnDots(xt, n, wx, j, p, h, j * q);
      for (let k = j + 1; k < p; k++) h[k * q + j] = h[j * q + k]!;
    }
    let sw = 0;
    for (let i = 0; i < n; i++) sw += w[i]!;
    h[p * q + p] = Math.max(sw, 1e-12 * n); // all rows saturated: keep the intercept's curvature positive
  }

  /** Cholesky factor of H + λ·I_w, for this and the following steps that keep H. */
  #factorL2(lambda: number): boolean {
    const q = this.p + 1, a = this.#a;
    a.set(this.#h);
    for (let j = 0; j < this.p; j++) a[j * q + j]! += lambda;
    return (this.#factor = factorRidged(a, q)) !== null;
  }

  /** u = beta − (H + λ·I_w)⁻¹·∇F, the L2 Newton target. */
  #newtonL2(lambda: number): void {
    const { p, beta } = this, q = p + 1, g = this.#g, u = this.#u;
    for (let j = 0; j < q; j++) u[j] = -(g[j]! + (j < p ? lambda * beta[j]! : 0));
    choleskySolve(this.#factor!, u, q);
    for (let j = 0; j < q; j++) u[j]! += beta[j]!;
  }

  /**
   * u = argmin m(u) = gᵀ(u − β) + ½(u − β)ᵀH(u − β) + λ‖u_w‖₁ by feature-sign
   * search (Lee et al., 2007): fix the signs of the free coefficients, solve
   * the quadratic on them by Cholesky, move to the best point of the segment
   * before a coefficient would change sign (it becomes exactly 0), and once the
   * signs hold free the zero coefficient whose gradient most exceeds λ. Every
   * move lowers m, and the solves stay exact where H is ill-conditioned (near
   * separation, collinear columns), where coordinate descent crawls.
   */
  #newtonL1(lambda: number, kktTol: number): boolean {
    const { p, beta } = this, q = p + 1;
    const u = this.#u, sign = this.#sign, grad = this.#grad, step = this.#step;
    u.set(beta);
    for (let j = 0; j < p; j++) sign[j] = Math.sign(beta[j]!);
    sign[p] = NaN; // the intercept: always free, never penalised
    const isFree = (j: number) => sign[j] !== 0;
    for (let move = 0; move < MAX_MOVES * q; move++) {
      this.#modelGradient();
      // The minimiser of m with the signs fixed: one Newton step on the free set (m is quadratic there).
      const free = this.#free, rhs = this.#rhs, a = this.#a, h = this.#h;
      let k = 0;
      for (let j = 0; j < q; j++) if (isFree(j)) free[k++] = j;
      for (let r = 0; r < k; r++) {
        const j = free[r]!;
        for (let c = 0; c < k; c++) a[r * k + c] = h[j * q + free[c]!]!;
        rhs[r] = -(grad[j]! + (j < p ? lambda * sign[j]! : 0));
      }
      const factor = factorRidged(a, k);
      if (!factor) return false;
      choleskySolve(factor, rhs, k);
      step.fill(0);
      for (let r = 0; r < k; r++) step[free[r]!] = rhs[r]!;
      const t = this.#bestOnSegment(lambda), hit = this.#hit;
      let signsHold = hit < 0; // t = 0 (no lower point): optimal on the free set up to rounding
      for (let j = 0; j < q && t > 0; j++) {
        if (step[j] === 0) continue;
        u[j] = j === hit ? 0 : u[j]! + t * step[j]!;
        if (j < p && Math.sign(u[j]!) !== sign[j]) {
          sign[j] = Math.sign(u[j]!);
          signsHold = false;
        }
      }
      if (!signsHold) continue;
      // The signs hold: u is optimal on the free set. Free the zero most violating optimality, if any.
      this.#modelGradient();
      let worst = -1, excess = kktTol;
      for (let j = 0; j < p; j++) {
        const e = Math.abs(grad[j]!) - lambda;
        if (!isFree(j) && e > excess) {
          worst = j;
          excess = e;
        }
      }
      if (worst < 0) return true;
      sign[worst] = -Math.sign(grad[worst]!);
    }
    return true; // out of moves: u still lowers the model, so it is a descent direction
  }

  /** grad = g + H·(u − β), the gradient of the smooth part of the L1 model at u. */
  #modelGradient(): void {
    const q = this.p + 1, u = this.#u, beta = this.beta, h = this.#h, g = this.#g, grad = this.#grad;
    for (let j = 0; j < q; j++) {
      let s = g[j]!;
      for (let k = 0, o = j * q; k < q; k++) s += h[o + k]! * (u[k]! - beta[k]!);
      grad[j] = s;
    }
  }

  /**
   * The t in (0, 1] minimising m(u + t·step) among t = 1 and the points where a
   * coefficient reaches 0 (that one goes to `#hit`, else −1); 0 if none lowers m.
   */
  #bestOnSegment(lambda: number): number {
    const { p } = this, q = p + 1, u = this.#u, step = this.#step, grad = this.#grad, h = this.#h, sign = this.#sign;
    // With v = u + t·step and the signs θ: m(v) − m(u) = a·t + b·t²/2 + 2λ·Σ_{θ_j·v_j < 0} |v_j|, where
    // a = Σ (grad_j + λθ_j)·step_j. Summing grad_j + λθ_j first avoids the cancellation of two terms of size λ.
    let a = 0, b = 0;
    for (let j = 0; j < q; j++) {
      const sj = step[j]!;
      if (sj === 0) continue;
      a += (grad[j]! + (j < p ? lambda * sign[j]! : 0)) * sj;
      for (let k = 0, o = j * q; k < q; k++) b += sj * h[o + k]! * step[k]!;
    }
    let best = 0, lowest = 0;
    this.#hit = -1;
    for (let c = -1; c < p; c++) { // c = −1: the full step; else where coefficient c reaches 0
      const t = c < 0 ? 1 : -u[c]! / step[c]!;
      if (!(t > 0 && t <= 1)) continue;
      let wrong = 0;
      for (let j = 0; j < p; j++) {
        const v = u[j]! + t * step[j]!;
        if (step[j] !== 0 && sign[j]! * v < 0) wrong += Math.abs(v);
      }
      const m = a * t + 0.5 * b * t * t + 2 * lambda * wrong;
      if (m < lowest) {
        [best, lowest] = [t, m];
        this.#hit = c;
      }
    }
    return best;
  }

  /**
   * Backtracks from the full step to `u` until F falls enough (Armijo; for L1
   * as in newGLMNET) and moves there; returns the step size, 0 if none would do.
   */
  #lineSearch(penalty: Penalty, lambda: number): number {
    const { n, p, beta } = this;
    const u = this.#u, d = this.#d, g = this.#g, xt = this.#xt, xd = this.#xd, y = this.#y;
    const eta = this.#eta, etaTry = this.#etaTry, eTry = this.#eTry;
    // Predicted decrease: ∇Fᵀd (L2), or gᵀd plus the change of λ‖w‖₁ (L1, newGLMNET); summed per
    // coefficient, so that the gradient and the penalty's slope (both of size λ) cancel before adding up.
    let slope = 0;
    for (let j = 0; j <= p; j++) {
      const dj = d[j] = u[j]! - beta[j]!, b = beta[j]!, v = u[j]!;
      if (j === p) slope += g[j]! * dj;
      else if (penalty === "l2") slope += (g[j]! + lambda * b) * dj;
      else if (b !== 0 && Math.sign(v) === Math.sign(b)) slope += (g[j]! + lambda * Math.sign(b)) * dj;
      else slope += g[j]! * dj + lambda * (Math.abs(v) - Math.abs(b));
    }
    if (!(slope < 0)) return 0;
    xd.fill(d[p]!);
    for (let j = 0; j < p; j++) if (d[j] !== 0) axpy(d[j]!, xt, j * n, xd, n);
    const noise = Math.max(ROUNDING, n * Number.EPSILON) * Math.abs(this.#f);
    for (let k = 0, t = 1; k < MAX_HALVINGS; k++, t /= 2) {
      let loss = 0;
      for (let i = 0; i < n; i++) {
        const z = etaTry[i] = eta[i]! + t * xd[i]!, e = eTry[i] = Math.exp(-Math.abs(z));
        loss += logloss(z, e, y[i]!);
      }
      if (loss + lambda * penaltyAt(penalty, beta, d, t, p) > this.#f + ARMIJO * t * slope + noise) continue;
      // A full step copies u, so coefficients thresholded to 0 are exactly 0.
      if (t === 1) beta.set(u);
      else for (let j = 0; j <= p; j++) beta[j]! += t * d[j]!;
      [this.#eta, this.#etaTry, this.#e, this.#eTry] = [etaTry, eta, eTry, this.#e];
      this.#loss = loss;
      return t;
    }
    return 0;
  }
}

type Penalty = LogisticParams["penalty"];

/** R(w) at w = a + t·b over the first p entries (the intercept is not penalised); t = 0 gives R(a). */
function penaltyAt(penalty: Penalty, a: Float64Array, b: Float64Array, t: number, p: number): number {
  let s = 0;
  for (let j = 0; j < p; j++) {
    const v = a[j]! + t * b[j]!;
    s += penalty === "l2" ? 0.5 * v * v : Math.abs(v);
  }
  return s;
}

/**
 * out[at + k] = Σᵢ v[i]·xt[k·n + i] for columns from ≤ k < to, four columns per
 * pass so that v is read once for four products.
 */
function columnDots(
  xt: Float64Array,
  n: number,
  v: Float64Array,
  from: number,
  to: number,
  out: Float64Array,
  at: number,
): void {
  let k = from;
  for (; k + 3 < to; k += 4) {
    const o0 = k * n, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let i = 0; i < n; i++) {
      const vi = v[i]!;
      s0 += vi * xt[o0 + i]!;
      s1 += vi * xt[o1 + i]!;
      s2 += vi * xt[o2 + i]!;
      s3 += vi * xt[o3 + i]!;
    }
    out[at + k] = s0;
    out[at + k + 1] = s1;
    out[at + k + 2] = s2;
    out[at + k + 3] = s3;
  }
  for (; k < to; k++) {
    let s = 0;
    for (let i = 0, o = k * n; i < n; i++) s += v[i]! * xt[o + i]!;
    out[at + k] = s;
  }
}

/** out += s·a[ao .. ao + n) */
function axpy(s: number, a: Float64Array, ao: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i]! += s * a[ao + i]!;
}

/**
 * The Cholesky factorisation of a symmetric k×k A (row-major, the first k²
 * entries of `a`): of A itself, or failing that (collinear columns make A
 * singular) of A plus a ridge growing from 1e-12 of its largest diagonal
 * entry. Null if even a large ridge fails.
 */
function factorRidged(a: Float64Array, k: number): CholeskyDecomposition | null {
  let top = 0;
  for (let j = 0; j < k; j++) top = Math.max(top, a[j * k + j]!);
  const m = new DenseMatrix(k, k);
  for (const ridge of [0, 1e-12, 1e-9, 1e-6, 1e-3]) {
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) m.set(i, j, a[i * k + j]! + (i === j ? ridge * top : 0));
    }
    const factor = new CholeskyDecomposition(m);
    if (factor.isPositiveDefinite()) return factor;
  }
  return null;
}

/** Overwrites the first k entries of b by x with A·x = b, for A's factorisation from {@linkcode factorRidged}. */
function choleskySolve(factor: CholeskyDecomposition, b: Float64Array, k: number): void {
  const x = factor.solve(DenseMatrix.columnVector(b.subarray(0, k)));
  for (let i = 0; i < k; i++) b[i] = x.get(i, 0);
}

/**
 * −log P(y | z) given e = exp(−|z|), as log(1 + e) plus the margin on the wrong
 * side: no cancellation, so tiny losses of well-separated rows keep their
 * relative precision and F can be compared to ~n·ε of itself.
 */
function logloss(z: number, e: number, y: number): number {
  return Math.log1p(e) + (y === 1 ? (z < 0 ? -z : 0) : (z > 0 ? z : 0));
}

function checkParams(params: LogisticParams): LogisticParams {
  const { penalty, C, tol, maxIter } = params;
  if (penalty !== "l1" && penalty !== "l2") throw bad("penalty", penalty, '"l1" or "l2"');
  if (!(typeof C === "number" && C > 0 && Number.isFinite(C))) throw bad("C", C, "a positive finite number");
  if (tol !== undefined && !(typeof tol === "number" && tol > 0)) throw bad("tol", tol, "a positive number");
  if (maxIter !== undefined && !(Number.isInteger(maxIter) && maxIter >= 0)) {
    throw bad("maxIter", maxIter, "a non-negative integer");
  }
  return {
    penalty,
    C,
    ...(tol === undefined ? {} : { tol }),
    ...(maxIter === undefined ? {} : { maxIter }),
  };
}

const bad = (column: string, value: unknown, expected: string) =>
  new DataError([{ column: `logistic ${column}`, value: String(value), expected }]);
