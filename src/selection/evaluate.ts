/**
 * Evaluation of probabilities against labels: ROC and PR curves, the
 * confusion matrix and its rates at a threshold, Brier score, reliability
 * curve; the threshold rule; and the interval for repeated cross-validation.
 *
 * @module
 */
import { rocAuc, rocCurve, type RocPoint } from "./roc_auc.ts";

/** Counts at a threshold (predicted positive when p ≥ threshold). */
export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** One bin of a reliability curve. */
export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/** Everything the report shows about a model on held-out rows. */
export interface Evaluation {
  auc: number;
  threshold: number;
  confusion: Confusion;
  precision: number;
  recall: number;
  f1: number;
  brier: number;
  roc: RocPoint[];
  pr: { threshold: number; precision: number; recall: number }[];
  reliability: ReliabilityBin[];
}

/** Confusion counts at a threshold. */
export function confusion(y: ArrayLike<number>, p: ArrayLike<number>, threshold: number): Confusion {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < y.length; i++) {
    const yes = p[i]! >= threshold;
    if (y[i] === 1) yes ? c.tp++ : c.fn++;
    else yes ? c.fp++ : c.tn++;
  }
  return c;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** Mean squared difference between probability and outcome. */
export function brierScore(y: ArrayLike<number>, p: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (p[i]! - y[i]!) ** 2;
  return s / y.length;
}

/** Observed positive rate per equal-width probability bin (empty bins omitted). */
export function reliabilityCurve(y: ArrayLike<number>, p: ArrayLike<number>, bins = 10): ReliabilityBin[] {
  const sum = new Float64Array(bins), pos = new Float64Array(bins), n = new Float64Array(bins);
  for (let i = 0; i < y.length; i++) {
    const b = Math.min(bins - 1, Math.floor(p[i]! * bins));
    sum[b]! += p[i]!, pos[b]! += y[i]!, n[b]!++;
  }
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    if (n[b]! > 0) {
      out.push({
        from: b / bins,
        to: (b + 1) / bins,
        count: n[b]!,
        meanPredicted: sum[b]! / n[b]!,
        observedRate: pos[b]! / n[b]!,
      });
    }
  }
  return out;
}

/**
 * The threshold rule: the highest threshold at which recall is at least
 * `minRecall` — catch at least that share of the customers whose activity
 * drops, with as few false alarms as that allows. It is computed on
 * out-of-fold predictions of the training rows, never on the hold-out.
 */
export function thresholdForRecall(y: ArrayLike<number>, p: ArrayLike<number>, minRecall: number): number {
  const pts = rocCurve(y, p); // thresholds descending, recall (tpr) rising
  const hit = pts.find((q) => q.tpr >= minRecall && Number.isFinite(q.threshold));
  return hit ? hit.threshold : 0;
}

/** Evaluates probabilities `p` on labels `y` at a threshold. */
export function evaluate(y: ArrayLike<number>, p: ArrayLike<number>, threshold: number): Evaluation {
  const c = confusion(y, p, threshold);
  const precision = ratio(c.tp, c.tp + c.fp), recall = ratio(c.tp, c.tp + c.fn);
  const roc = rocCurve(y, p);
  let P = 0;
  for (let i = 0; i < y.length; i++) P += y[i]!;
  return {
    auc: rocAuc(y, p),
    threshold,
    confusion: c,
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    brier: brierScore(y, p),
    roc,
    pr: roc.slice(1).map((q) => {
      const tp = q.tpr * P, fp = q.fpr * (y.length - P);
      return { threshold: q.threshold, precision: ratio(tp, tp + fp), recall: q.tpr };
    }),
    reliability: reliabilityCurve(y, p),
  };
}

/**
 * Mean and 95 % interval of repeated k-fold CV scores with the Nadeau–Bengio
 * correction: folds share training rows, so the naive standard error is too
 * small; the variance is scaled by (1/J + n_test/n_train) instead of 1/J.
 */
export function repeatedCvInterval(scores: readonly number[], testShare: number): {
  mean: number;
  std: number;
  interval: [number, number];
} {
  const J = scores.length;
  const mean = scores.reduce((a, b) => a + b, 0) / J;
  const variance = scores.reduce((a, b) => a + (b - mean) ** 2, 0) / (J - 1);
  const se = Math.sqrt((1 / J + testShare / (1 - testShare)) * variance);
  const t = studentT975(J - 1);
  return { mean, std: Math.sqrt(variance), interval: [mean - t * se, mean + t * se] };
}

/**
 * 97.5 % quantile of Student's t with ν degrees of freedom (Cornish–Fisher
 * expansion around the normal; error < 1e-4 for ν ≥ 5).
 */
export function studentT975(nu: number): number {
  const z = 1.959963984540054;
  const z3 = z ** 3, z5 = z ** 5, z7 = z ** 7;
  return z + (z3 + z) / (4 * nu) + (5 * z5 + 16 * z3 + 3 * z) / (96 * nu ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * nu ** 3);
}
