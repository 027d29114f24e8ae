/**
 * Cross-validated calibration of a model's probabilities — what
 * scikit-learn's `CalibratedClassifierCV(ensemble=False)` does with the
 * out-of-fold probabilities the selection already has: a calibrator fitted on
 * probabilities from models that did not see the customer, applied to the
 * final model's probabilities.
 *
 * Two methods, as scikit-learn's:
 * - `sigmoid` (Platt): p' = 1 / (1 + exp(a·p + b)), fitted by maximum
 *   likelihood on Platt's smoothed targets ((n₊ + 1)/(n₊ + 2) and 1/(n₋ + 2)),
 *   as `_SigmoidCalibration`; the input is the probability itself, as
 *   scikit-learn does for a classifier without `decision_function`.
 * - `isotonic`: pool-adjacent-violators on the probabilities with ties
 *   averaged first, the thresholds where the fitted step changes kept,
 *   linear interpolation between them and clipping outside
 *   (`IsotonicRegression(out_of_bounds="clip")`).
 *
 * **The choice** is made on inner folds of the out-of-fold probabilities: each
 * method is fitted on k − 1 folds and predicts the k-th. Isotonic wins only
 * when its Brier score over all those held-out predictions is lower than
 * Platt's by more than one standard error of the per-fold difference (the
 * one-standard-error rule, as for the model's own choice); otherwise Platt
 * wins, ties included — the simpler curve: two parameters instead of a step
 * function with dozens of steps. The chosen method is then fitted on all
 * out-of-fold probabilities. Its inner-fold predictions are each training customer's
 * calibrated probability from a calibrator that did not see them — what the
 * segments should use, as the uncalibrated out-of-fold ones today.
 *
 * A calibrator is plain JSON (`method` and its parameters), so model.json can
 * carry it and `oneclick score` apply it.
 *
 * @module
 */
import { brierScore, type ReliabilityBin, reliabilityCurve } from "../selection/evaluate.ts";
import { type Split, stratifiedKFold } from "../selection/split.ts";

/** The calibration methods, simplest first (the first wins ties). */
export const CALIBRATION_METHODS = ["sigmoid", "isotonic"] as const;
/** One of {@linkcode CALIBRATION_METHODS}. */
export type CalibrationMethod = (typeof CALIBRATION_METHODS)[number];

/** Platt's sigmoid in scikit-learn's convention: p' = 1 / (1 + exp(a·p + b)). */
export interface SigmoidCalibrator {
  method: "sigmoid";
  a: number;
  b: number;
}

/**
 * A non-decreasing piecewise-linear map through the points (x[i], y[i]),
 * x increasing; constant beyond the ends (scikit-learn's `X_thresholds_`,
 * `y_thresholds_`).
 */
export interface IsotonicCalibrator {
  method: "isotonic";
  x: number[];
  y: number[];
}

/** A fitted calibrator, plain JSON. */
export type Calibrator = SigmoidCalibrator | IsotonicCalibrator;

/** Two Brier scores closer than this are a tie (float noise, not a difference). */
const TIE = 1e-12;
/** Newton's stopping rule on the gradient of the summed log-loss (scikit-learn's BFGS stops at 1e-5). */
const GRADIENT_TOL = 1e-10;
/** scikit-learn's `_make_unique` merges probabilities closer than float64's resolution. */
const RESOLUTION = 1e-15;

const expit = (t: number) => (t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t)));

/**
 * Platt's sigmoid fitted to probabilities `p` and labels `y` (0/1): the
 * maximum-likelihood (a, b) on Platt's smoothed targets, by Newton's method
 * with a backtracking line search (the log-loss is convex, so this reaches
 * the optimum scikit-learn's BFGS approaches).
 *
 * @example
 * ```ts
 * const cal = fitSigmoid([0.1, 0.2, 0.6, 0.9], [0, 1, 0, 1]);
 * cal.a < 0; // true: larger probabilities stay larger
 * ```
 */
export function fitSigmoid(p: ArrayLike<number>, y: ArrayLike<number>): SigmoidCalibrator {
  const n = p.length;
  let prior1 = 0;
  for (let i = 0; i < n; i++) prior1 += y[i]! > 0 ? 1 : 0;
  const prior0 = n - prior1;
  const hi = (prior1 + 1) / (prior1 + 2), lo = 1 / (prior0 + 2);
  const t = Float64Array.from({ length: n }, (_, i) => (y[i]! > 0 ? hi : lo));
  // Loss of P = expit(−(a·F + b)); with z = a·F + b: −T·log P − (1 − T)·log(1 − P) = log(1 + e^z) − (1 − T)·z.
  const loss = (a: number, b: number) => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      const z = a * p[i]! + b;
      f += z >= 0 ? t[i]! * z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)) - (1 - t[i]!) * z;
    }
    return f;
  };
  let a = 0, b = Math.log((prior0 + 1) / (prior1 + 1));
  let f = loss(a, b);
  for (let iter = 0; iter < 200; iter++) {
    let ga = 0, gb = 0, haa = 1e-12, hbb = 1e-12, hab = 0;
    for (let i = 0; i < n; i++) {
      const F = p[i]!, P = expit(-(a * F + b)); // P is the calibrated probability
      const d1 = t[i]! - P, d2 = P * (1 - P);
      ga += d1 * F, gb += d1, haa += d2 * F * F, hbb += d2, hab += d2 * F;
    }
    if (Math.abs(ga) < GRADIENT_TOL && Math.abs(gb) < GRADIENT_TOL) break;
    const det = haa * hbb - hab * hab;
    const da = -(hbb * ga - hab * gb) / det, db = -(haa * gb - hab * ga) / det;
    const slope = ga * da + gb * db;
    let step = 1, moved = false;
    while (step >= 1e-12) {
      const na = a + step * da, nb = b + step * db, nf = loss(na, nb);
      if (nf <= f + 1e-4 * step * slope) {
        moved = na !== a || nb !== b;
        a = na, b = nb, f = nf;
        break;
      }
      step /= 2;
    }
    if (!moved) break; // no further decrease in float64
  }
  return { method: "sigmoid", a, b };
}

/**
 * Isotonic regression of labels `y` on probabilities `p` as scikit-learn's
 * `IsotonicRegression(out_of_bounds="clip")`: equal probabilities merged
 * (mean label, summed weight), pool-adjacent-violators, and only the points
 * where the fitted values change kept.
 *
 * @example
 * ```ts
 * const cal = fitIsotonic([0.1, 0.2, 0.3, 0.4], [0, 1, 0, 1]);
 * cal.y; // [0, 0.5, 0.5, 1]
 * ```
 */
export function fitIsotonic(p: ArrayLike<number>, y: ArrayLike<number>): IsotonicCalibrator {
  const order = Array.from({ length: p.length }, (_, i) => i).sort((i, j) => p[i]! - p[j]! || y[i]! - y[j]!);
  // Merge equal probabilities (scikit-learn's _make_unique).
  const ux: number[] = [], uy: number[] = [], uw: number[] = [];
  for (const i of order) {
    const last = ux.length - 1;
    if (last >= 0 && p[i]! - ux[last]! < RESOLUTION) {
      uy[last]! += y[i]!, uw[last]!++;
    } else ux.push(p[i]!), uy.push(y[i]!), uw.push(1);
  }
  for (let k = 0; k < uy.length; k++) uy[k]! /= uw[k]!;
  // Pool adjacent violators: blocks of (Σ weight·label, Σ weight, first index); a block's value is their ratio.
  const wy: number[] = [], weight: number[] = [], start: number[] = [];
  const value = (b: number) => wy[b]! / weight[b]!;
  for (let k = 0; k < uy.length; k++) {
    wy.push(uy[k]! * uw[k]!), weight.push(uw[k]!), start.push(k);
    while (wy.length > 1 && value(wy.length - 2) >= value(wy.length - 1)) {
      const w = weight.pop()!, s = wy.pop()!;
      start.pop();
      wy[wy.length - 1]! += s, weight[weight.length - 1]! += w;
    }
  }
  const mean = wy.map((_, b) => value(b));
  const fitted = new Array<number>(ux.length);
  for (let b = 0; b < mean.length; b++) {
    const end = b + 1 < start.length ? start[b + 1]! : ux.length;
    for (let k = start[b]!; k < end; k++) fitted[k] = mean[b]!;
  }
  // Keep the ends and every point where the value changes on either side.
  const x: number[] = [], v: number[] = [];
  for (let k = 0; k < ux.length; k++) {
    const inner = k > 0 && k < ux.length - 1;
    if (!inner || fitted[k] !== fitted[k - 1] || fitted[k] !== fitted[k + 1]) x.push(ux[k]!), v.push(fitted[k]!);
  }
  return { method: "isotonic", x, y: v };
}

/**
 * Fits one method to probabilities `p` and labels `y`.
 *
 * @example
 * ```ts
 * fitCalibrator("isotonic", [0.2, 0.8], [0, 1]).method; // "isotonic"
 * ```
 */
export function fitCalibrator(method: CalibrationMethod, p: ArrayLike<number>, y: ArrayLike<number>): Calibrator {
  return method === "sigmoid" ? fitSigmoid(p, y) : fitIsotonic(p, y);
}

/**
 * The calibrated probability of `p`.
 *
 * @example
 * ```ts
 * calibrateProbability({ method: "isotonic", x: [0.2, 0.6], y: [0.1, 0.5] }, 0.4); // 0.3
 * calibrateProbability({ method: "sigmoid", a: 0, b: 0 }, 0.9); // 0.5
 * ```
 */
export function calibrateProbability(cal: Calibrator, p: number): number {
  if (cal.method === "sigmoid") return expit(-(cal.a * p + cal.b));
  const { x, y } = cal;
  const last = x.length - 1;
  if (last === 0 || p <= x[0]!) return y[0]!;
  if (p >= x[last]!) return y[last]!;
  let lo = 0, hi = last; // x[lo] ≤ p < x[hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! <= p) lo = mid;
    else hi = mid;
  }
  const x0 = x[lo]!, x1 = x[hi]!, y0 = y[lo]!, y1 = y[hi]!;
  return y0 + (y1 - y0) * (p - x0) / (x1 - x0);
}

/**
 * {@linkcode calibrateProbability} for every probability.
 *
 * @example
 * ```ts
 * calibrateAll({ method: "sigmoid", a: -4, b: 2 }, [0.5]); // Float64Array [0.5]
 * ```
 */
export function calibrateAll(cal: Calibrator, p: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: p.length }, (_, i) => calibrateProbability(cal, p[i]!));
}

/**
 * Each method's predictions for the rows of each fold's `test` from a
 * calibrator fitted on its `train`, the Brier score over all of them, and
 * each fold's own.
 *
 * @example
 * ```ts
 * const folds = [
 *   { train: Int32Array.of(2, 3), test: Int32Array.of(0, 1) },
 *   { train: Int32Array.of(0, 1), test: Int32Array.of(2, 3) },
 * ];
 * crossValidatedBrier([0.1, 0.8, 0.3, 0.7], [0, 1, 0, 1], folds).brier.sigmoid;
 * ```
 */
export function crossValidatedBrier(
  p: ArrayLike<number>,
  y: ArrayLike<number>,
  folds: readonly Split[],
): {
  brier: Record<CalibrationMethod, number>;
  foldBrier: Record<CalibrationMethod, number[]>;
  predictions: Record<CalibrationMethod, Float64Array>;
} {
  const take = (a: ArrayLike<number>, idx: Int32Array) => Float64Array.from(idx, (i) => a[i]!);
  const predictions = { sigmoid: new Float64Array(p.length), isotonic: new Float64Array(p.length) };
  const foldBrier: Record<CalibrationMethod, number[]> = { sigmoid: [], isotonic: [] };
  const covered = new Uint8Array(p.length);
  for (const f of folds) {
    for (const method of CALIBRATION_METHODS) {
      const cal = fitCalibrator(method, take(p, f.train), take(y, f.train));
      f.test.forEach((r) => predictions[method][r] = calibrateProbability(cal, p[r]!));
      foldBrier[method].push(brierScore(take(y, f.test), take(predictions[method], f.test)));
    }
    f.test.forEach((r) => covered[r] = 1);
  }
  if (covered.includes(0)) throw new Error("crossValidatedBrier: the folds' test parts must cover every row");
  return {
    brier: { sigmoid: brierScore(y, predictions.sigmoid), isotonic: brierScore(y, predictions.isotonic) },
    foldBrier,
    predictions,
  };
}

/**
 * One standard error of the mean per-fold difference of Brier scores
 * (Platt's − isotonic's): the standard deviation of the differences (n − 1)
 * over √folds; 0 with one fold.
 *
 * @example
 * ```ts
 * brierDifferenceError({ sigmoid: [0.2, 0.3], isotonic: [0.1, 0.3] }); // 0.05
 * ```
 */
export function brierDifferenceError(foldBrier: Record<CalibrationMethod, readonly number[]>): number {
  const d = foldBrier.sigmoid.map((s, f) => s - foldBrier.isotonic[f]!);
  const k = d.length;
  if (k < 2) return 0;
  const mean = d.reduce((a, b) => a + b, 0) / k;
  return Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / (k - 1) / k);
}

/**
 * The rule: isotonic only when its inner-fold Brier score is lower than
 * Platt's by more than `standardError` (one standard error of the per-fold
 * difference) and float noise (1e-12); Platt otherwise.
 *
 * @example
 * ```ts
 * chooseMethod({ sigmoid: 0.2, isotonic: 0.2 }); // "sigmoid"
 * chooseMethod({ sigmoid: 0.2, isotonic: 0.19 }); // "isotonic"
 * chooseMethod({ sigmoid: 0.2, isotonic: 0.19 }, 0.02); // "sigmoid": within one standard error
 * ```
 */
export function chooseMethod(brier: Record<CalibrationMethod, number>, standardError = 0): CalibrationMethod {
  return brier.sigmoid - brier.isotonic > Math.max(standardError, TIE) ? "isotonic" : "sigmoid";
}

/** Probabilities with their labels: the hold-out's, from the final model. */
export interface LabelledProbabilities {
  p: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** Options of {@linkcode calibrate}. */
export interface CalibrateOptions {
  /** Inner folds over the out-of-fold rows (default: stratified `k`-fold from `seed`). */
  folds?: readonly Split[];
  /** Inner folds when `folds` is not given (the run's `cv.folds`). */
  k?: number;
  /** Seed of the inner folds (the run's). */
  seed?: number;
  /** Duplicate groups of the out-of-fold rows, kept on one side of every inner fold. */
  groups?: ArrayLike<number>;
  /** The hold-out's uncalibrated probabilities and labels: Brier score and reliability before and after. */
  holdout?: LabelledProbabilities;
  /** Fewest rows isotonic is considered on (default {@linkcode CALIBRATION_DEFAULTS.minIsotonicRows}). */
  minIsotonicRows?: number;
}

/** Defaults of the calibration. */
export const CALIBRATION_DEFAULTS = {
  /**
   * Isotonic calibration is a step function with as many steps as the data
   * supports; scikit-learn's guide warns that on well under 1000 calibration
   * rows it overfits (its top step becomes a flat 100 %), so below this Platt
   * is used without a comparison.
   */
  minIsotonicRows: 1000,
} as const;

/** Brier score (lower is better) and reliability curve of one set of probabilities. */
export interface CalibrationQuality {
  brier: number;
  reliability: ReliabilityBin[];
}

/** The chosen calibrator and what it changed. */
export interface CalibrationResult {
  method: CalibrationMethod;
  /** Fitted on every out-of-fold probability: apply it to the final model's probabilities. */
  calibrator: Calibrator;
  /** Inner folds the choice was made on. */
  folds: number;
  /** Each method's Brier score on the inner folds' held-out predictions. */
  innerBrier: Record<CalibrationMethod, number>;
  /** One standard error of the per-fold difference of the two (the margin isotonic must beat). */
  innerStandardError: number;
  /** How the method was chosen, in words. */
  rule: string;
  /** Rows the calibration learned from, and the fewest isotonic is considered on. */
  rows: number;
  minIsotonicRows: number;
  /**
   * Each out-of-fold row's probability calibrated by the chosen method fitted
   * without it (the inner folds): calibrated and still unseen.
   */
  crossValidated: Float64Array;
  /** The out-of-fold probabilities before, and cross-validated after (`crossValidated`). */
  training: { before: CalibrationQuality; after: CalibrationQuality };
  /** The hold-out before and after `calibrator`, when given. */
  holdout?: { before: CalibrationQuality; after: CalibrationQuality };
}

/** The rule, stated once (the report and metrics.json can quote it). */
export const CALIBRATION_RULE = `with at least ${CALIBRATION_DEFAULTS.minIsotonicRows} training customers, isotonic ` +
  "when its Brier score on the inner folds' held-out predictions is lower than Platt's (sigmoid) by more than one " +
  "standard error of the per-fold difference, Platt otherwise (the simpler, ties included); with fewer, Platt " +
  "(isotonic overfits small sets); the chosen one is then fitted on all out-of-fold probabilities";

const quality = (y: ArrayLike<number>, p: ArrayLike<number>): CalibrationQuality => ({
  brier: brierScore(y, p),
  reliability: reliabilityCurve(y, p),
});

/**
 * Chooses and fits the calibration of out-of-fold probabilities `oof` with
 * their labels `y` (the training customers), and measures it.
 *
 * @example
 * ```ts
 * import type { ModelStage } from "../selection/select_model.ts";
 * import { takeLabels } from "./estimator.ts";
 * declare const stage: ModelStage;
 * const yTrain = takeLabels(stage.table.y, stage.split.train);
 * const groups = Array.from(stage.split.train, (i) => stage.table.groups[i]!);
 * const c = calibrate(stage.oof, yTrain, { k: 5, seed: 42, groups });
 * c.method; // "sigmoid" or "isotonic"
 * ```
 */
export function calibrate(
  oof: ArrayLike<number>,
  y: ArrayLike<number>,
  options: CalibrateOptions = {},
): CalibrationResult {
  const folds = options.folds ??
    stratifiedKFold(y, options.groups ?? Int32Array.from({ length: y.length }, (_, i) => i), {
      k: options.k ?? 5,
      seed: options.seed ?? 42,
    });
  const cv = crossValidatedBrier(oof, y, folds);
  const standardError = brierDifferenceError(cv.foldBrier);
  const minIsotonicRows = options.minIsotonicRows ?? CALIBRATION_DEFAULTS.minIsotonicRows;
  const enough = y.length >= minIsotonicRows;
  const method = enough ? chooseMethod(cv.brier, standardError) : "sigmoid";
  const calibrator = fitCalibrator(method, oof, y);
  const crossValidated = cv.predictions[method];
  const h = options.holdout;
  return {
    method,
    calibrator,
    folds: folds.length,
    innerBrier: cv.brier,
    innerStandardError: standardError,
    rule: CALIBRATION_RULE,
    rows: y.length,
    minIsotonicRows,
    crossValidated,
    training: { before: quality(y, oof), after: quality(y, crossValidated) },
    ...(h ? { holdout: { before: quality(h.y, h.p), after: quality(h.y, calibrateAll(calibrator, h.p)) } } : {}),
  };
}

/**
 * Whether `v` is a calibrator as {@linkcode Calibrator} describes (finite
 * numbers; isotonic points with x strictly and y weakly increasing, y in
 * [0, 1]) — what a reader of model.json checks.
 *
 * @example
 * ```ts
 * isCalibrator({ method: "sigmoid", a: -3, b: 1.5 }); // true
 * isCalibrator({ method: "isotonic", x: [0.5, 0.2], y: [0, 1] }); // false
 * ```
 */
export function isCalibrator(v: unknown): v is Calibrator {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  const finite = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);
  if (o.method === "sigmoid") return Object.keys(o).length === 3 && finite(o.a) && finite(o.b);
  if (o.method !== "isotonic" || Object.keys(o).length !== 3) return false;
  const { x, y } = o;
  if (!Array.isArray(x) || !Array.isArray(y) || x.length === 0 || x.length !== y.length) return false;
  return x.every((xi, i) => finite(xi) && (i === 0 || xi > x[i - 1])) &&
    y.every((yi, i) => finite(yi) && yi >= 0 && yi <= 1 && (i === 0 || yi >= y[i - 1]));
}
