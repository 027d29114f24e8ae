/**
 * ROC-AUC as the probability that a random positive outranks a random
 * negative, ties counting one half (the Mann–Whitney statistic, as
 * scikit-learn's roc_auc_score computes it).
 *
 * @module
 */
import { midranks } from "../stats/ranks.ts";

/**
 * Area under the ROC curve; tied scores get averaged ranks.
 *
 * @example
 * ```ts
 * rocAuc(new Uint8Array([0, 0, 1, 1]), new Float64Array([0.1, 0.4, 0.35, 0.8])); // 0.75
 * ```
 */
export function rocAuc(y: ArrayLike<number>, score: ArrayLike<number>): number {
  const n = y.length;
  if (score.length !== n) throw new Error(`rocAuc: ${n} labels but ${score.length} scores`);
  const ranks = midranks(score);
  let positives = 0, rankSum = 0; // exact: ranks are halves
  for (let i = 0; i < n; i++) if (y[i] === 1) positives++, rankSum += ranks[i]!;
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN; // undefined with one class
  return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
}

/** One point of a ROC curve. */
export interface RocPoint {
  threshold: number;
  fpr: number;
  tpr: number;
}

/**
 * ROC curve points at every distinct score (descending thresholds), starting
 * at (0, 0) with threshold +∞.
 */
export function rocCurve(y: ArrayLike<number>, score: ArrayLike<number>): RocPoint[] {
  const order = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => score[b]! - score[a]!);
  let P = 0;
  for (let i = 0; i < y.length; i++) P += y[i] === 1 ? 1 : 0;
  const N = y.length - P;
  const points: RocPoint[] = [{ threshold: Infinity, fpr: 0, tpr: 0 }];
  let tp = 0, fp = 0;
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    if (y[r] === 1) tp++;
    else fp++;
    const next = order[i + 1];
    if (next === undefined || score[next] !== score[r]) {
      points.push({ threshold: score[r]!, fpr: N ? fp / N : 0, tpr: P ? tp / P : 0 });
    }
  }
  return points;
}
