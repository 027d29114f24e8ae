/**
 * Explanations for every customer of a large export. Where an exact method
 * exists it is cheap per customer and everyone gets it (logistic: linear
 * SHAP against the training rows; tree: TreeSHAP against the k-means summary
 * of the training rows, see {@linkcode explainAtScale}). Where it does not (SVC, KNN, the ensemble:
 * permutation sampling, ≈ 10 ms per customer) the rule is:
 *
 * 1. explain a sample exactly — `explained` customers spread evenly over the
 *    range of risk (the customers sorted by probability, cut into equal
 *    strata, one seeded draw from each), so high- and low-risk customers are
 *    both covered;
 * 2. give every other customer φ from one of two cheap rules —
 *    - `dependence`: each feature's φ read off its SHAP-dependence curve (the
 *      mean φ of the explained customers nearest in that feature's value,
 *      `shap_dependence.ts`), or
 *    - `neighbour`: the φ of the nearest explained customer (Euclidean
 *      distance in the model's input space, each column divided by its
 *      standard deviation over the explained customers, first on ties);
 * 3. measure both on the sample, leave-one-out (each explained customer's
 *    exact reasons against what the rule gives it from the others): the
 *    share with the same top reason (feature and direction) and the mean
 *    overlap of the top three; use the rule that agrees more often on the top
 *    reason (the surrogate on ties).
 *
 * Either way a customer outside the sample gets reasons, not an additive
 * decomposition of their own probability: base + Σφ need not equal it.
 * `value` holds the probability passed in (the explained customers: the
 * model's output the exact method decomposed).
 *
 * @module
 */
import type { FeatureTable } from "../features/feature_table.ts";
import { takeTable } from "../features/feature_table.ts";
import type { Matrix } from "../models/estimator.ts";
import { LogisticModel } from "../models/logistic.ts";
import type { FittedPipeline } from "../models/pipeline.ts";
import { FittedDecisionTree } from "../models/tree.ts";
import { Rng, seedKey } from "../util/random.ts";
import { kmeansBackground } from "./background.ts";
import { EXPLAIN_DEFAULTS, type ExplainOptions, explainPipeline } from "./explain.ts";
import type { Explanation } from "./explanation.ts";
import { pipelinePlayers } from "./players.ts";
import { DEPENDENCE_NEIGHBOURS, fitDependence } from "./shap_dependence.ts";
import { treeShap } from "./tree_shap.ts";

/** Customers explained exactly by the sampling method when the family has no exact one. */
export const DEFAULT_EXPLAINED = 1000;

/** Stream of the strata draws in the seeded generator. */
const STREAM = 30_000;

/** Options of {@linkcode explainAtScale}. */
export interface ScaleExplainOptions extends ExplainOptions {
  /** Customers explained exactly when the family has no exact method (default {@linkcode DEFAULT_EXPLAINED}). */
  explained?: number;
}

/** How well a rule reproduces the exact reasons, on the explained sample (leave-one-out). */
export interface NeighbourAgreement {
  /** Explained customers the agreement is measured on. */
  customers: number;
  /** Share whose top reason (feature and direction) equals their nearest other explained customer's. */
  topReason: number;
  /** Mean share of the top-3 reasons (feature and direction) in common. */
  top3Overlap: number;
}

/** Explanations of every customer and how they were obtained. */
export interface ScaleExplanation {
  explanation: Explanation;
  /**
   * `exact`: every customer by the family's exact method; else a sample
   * exactly and the rest by the rule that agreed better on it: `dependence`
   * (SHAP-dependence surrogate) or `neighbour` (nearest explained customer).
   */
  rule: "exact" | "dependence" | "neighbour";
  /** Rows explained exactly (every row for `exact`). */
  explained: number;
  /** The chosen rule's agreement, measured on the sample; null for `exact`. */
  agreement: NeighbourAgreement | null;
  /** Both rules' agreements (absent for `exact`). */
  agreements?: { neighbour: NeighbourAgreement; dependence: NeighbourAgreement };
}

/**
 * Explains every row of `rows`: exactly for logistic pipelines (against
 * `background`) and trees (against its k-means summary of
 * `backgroundSize` centroids), else a risk-stratified sample exactly and the
 * rest by the cheaper rule that agrees better with it (see the module doc).
 *
 * @param pipeline the fitted pipeline
 * @param rows every customer to explain
 * @param background the training rows ("feature unknown")
 * @param probability each row's probability (stratifies the explained sample)
 *
 * @example
 * ```ts
 * import type { FeatureTable } from "../features/feature_table.ts";
 * import type { FittedPipeline } from "../models/pipeline.ts";
 * import { explainAtScale } from "./explain_at_scale.ts";
 * declare const pipeline: FittedPipeline, all: FeatureTable, train: FeatureTable;
 * const r = await explainAtScale(pipeline, all, train, pipeline.predictProba(all), { workers: 2 });
 * r.rule; r.agreement?.topReason;
 * ```
 */
export async function explainAtScale(
  pipeline: FittedPipeline,
  rows: FeatureTable,
  background: FeatureTable,
  probability: ArrayLike<number>,
  options: ScaleExplainOptions = {},
): Promise<ScaleExplanation> {
  const { explained: size = DEFAULT_EXPLAINED, ...explain } = options;
  const model = pipeline.model;
  if (model instanceof FittedDecisionTree) {
    const bg = options.backgroundSize ?? EXPLAIN_DEFAULTS.backgroundSize, seed = options.seed ?? EXPLAIN_DEFAULTS.seed;
    return { explanation: treeByRoute(pipeline, model, rows, background, bg, seed), ...EXACT(rows.rows) };
  }
  if (model instanceof LogisticModel || size >= rows.rows) {
    const explanation = await explainPipeline(pipeline, rows, background, explain);
    return { explanation, rule: "exact", explained: rows.rows, agreement: null };
  }
  if (probability.length !== rows.rows) {
    throw new Error(`Expected ${rows.rows} probabilities (one per row), got ${probability.length}`);
  }
  const chosen = riskStrata(probability, size, options.seed ?? 42);
  const sample = await explainPipeline(pipeline, takeTable(rows, chosen), background, explain);
  const X = pipeline.preprocess.transform(rows);
  const m = sample.features.length;
  const Xs = takeMatrixRows(X, chosen);
  const scale = columnScale(Xs);
  const S = scaledRows(Xs, scale);
  const players = pipelinePlayers(pipeline.preprocess);
  const surrogate = fitDependence(Xs, sample.phi, players);
  const agreements = {
    neighbour: agreementOf(sample, (k, out) => {
      const j = nearest(S, S.data.subarray(k * S.cols, (k + 1) * S.cols), k);
      out.set(sample.phi.subarray(j * m, (j + 1) * m));
    }),
    dependence: agreementOf(sample, (k, out) => surrogate.predictLeftOut(k, out)),
  };
  // The rule that reproduces the exact top reason more often on the sample (the surrogate on ties: cheaper).
  const rule = agreements.neighbour.topReason > agreements.dependence.topReason ? "neighbour" : "dependence";
  const phi = new Float64Array(rows.rows * m);
  const value = Float64Array.from(probability);
  chosen.forEach((r, k) => value[r] = sample.value[k]!);
  const own = new Int32Array(rows.rows).fill(-1);
  chosen.forEach((r, k) => own[r] = k);
  const q = new Float64Array(X.cols), est = new Float64Array(m);
  for (let i = 0; i < rows.rows; i++) {
    const k = own[i]!;
    if (k >= 0) phi.set(sample.phi.subarray(k * m, (k + 1) * m), i * m);
    else if (rule === "dependence") {
      surrogate.predict(X, i, est);
      phi.set(est, i * m);
    } else {
      for (let c = 0; c < X.cols; c++) q[c] = X.data[i * X.cols + c]! / scale[c]!;
      const j = nearest(S, q, -1);
      phi.set(sample.phi.subarray(j * m, (j + 1) * m), i * m);
    }
  }
  const how = rule === "dependence"
    ? `the mean φ of each feature among the ${DEPENDENCE_NEIGHBOURS} of them nearest in that feature's own value ` +
      "(the same category for a one-hot feature): a SHAP-dependence surrogate"
    : "the φ of the nearest of them (Euclidean distance in the model's input space, columns divided by their " +
      "standard deviation)";
  const explanation: Explanation = {
    ...sample,
    phi,
    rows: rows.rows,
    value,
    method: `${sample.method}; computed for ${chosen.length} customers spread over the range of risk (one seeded ` +
      `draw from each of ${chosen.length} equal strata of the probability); every other customer carries ${how} — ` +
      "their reasons, not an additive decomposition of their own probability",
  };
  return { explanation, rule, explained: chosen.length, agreement: agreements[rule], agreements };
}

const EXACT = (rows: number) => ({ rule: "exact" as const, explained: rows, agreement: null });

/**
 * Exact interventional TreeSHAP of everyone against the k-means summary of
 * the training rows (`backgroundSize` weighted centroids, the sampling
 * method's background) rather than every training row: its cost grows with
 * the background's distinct routes, and against 3000 rows a depth-10 tree
 * costs ≈ 6 ms per customer (100 minutes for a million; docs/scale.md). φ is
 * computed once per route: a customer enters TreeSHAP only through its turn
 * at each split, so customers with the same turns everywhere have the same φ
 * (bit for bit) — many for shallow trees.
 */
function treeByRoute(
  pipeline: FittedPipeline,
  tree: FittedDecisionTree,
  rows: FeatureTable,
  background: FeatureTable,
  backgroundSize: number,
  seed: number,
): Explanation {
  const pre = pipeline.preprocess, players = pipelinePlayers(pre);
  const X = pre.transform(rows);
  const splits = tree.nodes.filter((n) => n.feature >= 0);
  const routeOf = new Map<string, number>(), reps: number[] = [];
  const route = new Int32Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    let key = "";
    for (const n of splits) key += X.data[i * X.cols + n.feature]! <= n.threshold ? "0" : "1";
    let r = routeOf.get(key);
    if (r === undefined) routeOf.set(key, r = reps.push(i) - 1);
    route[i] = r;
  }
  const bg = kmeansBackground(pre.transform(background), players, backgroundSize, seed);
  const e = treeShap(tree, takeMatrixRows(X, Int32Array.from(reps)), bg, players);
  const m = e.features.length;
  const phi = new Float64Array(X.rows * m), value = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    const r = route[i]!;
    phi.set(e.phi.subarray(r * m, (r + 1) * m), i * m);
    value[i] = e.value[r]!;
  }
  return {
    ...e,
    phi,
    rows: X.rows,
    value,
    method: `${e.method} (the ${bg.X.rows} weighted k-means centroids of ${background.rows} training rows); ` +
      `computed once for each of the ${reps.length} distinct routes of the customers through the tree`,
  };
}

/**
 * `size` row indices (ascending): the rows sorted by `score` (ties by row),
 * cut into `size` consecutive strata of (almost) equal size, one seeded draw
 * from each.
 *
 * @example
 * ```ts
 * import { riskStrata } from "./explain_at_scale.ts";
 * riskStrata([0.9, 0.1, 0.5, 0.3], 2, 42).length; // 2: one of the two lowest, one of the two highest
 * ```
 */
export function riskStrata(score: ArrayLike<number>, size: number, seed: number): Int32Array {
  const n = score.length;
  if (!Number.isInteger(size) || size < 1) throw new Error(`The sample size must be a whole number ≥ 1, got ${size}`);
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a]! - score[b]! || a - b);
  const k = Math.min(size, n);
  const rng = new Rng().reset(seedKey(seed) ^ STREAM);
  const out = new Int32Array(k);
  for (let s = 0; s < k; s++) {
    const lo = Math.floor((s * n) / k), hi = Math.floor(((s + 1) * n) / k);
    out[s] = order[lo + Math.floor(rng.next() * (hi - lo))]!;
  }
  return out.sort();
}

/** The rows `idx` of `X`. */
function takeMatrixRows(X: Matrix, idx: Int32Array): Matrix {
  const data = new Float64Array(idx.length * X.cols);
  idx.forEach((r, k) => data.set(X.data.subarray(r * X.cols, (r + 1) * X.cols), k * X.cols));
  return { rows: idx.length, cols: X.cols, data };
}

/** Standard deviation of each column (1 where it is 0, so the column is left as it is). */
function columnScale(X: Matrix): Float64Array {
  const scale = new Float64Array(X.cols);
  for (let c = 0; c < X.cols; c++) {
    let s = 0, s2 = 0;
    for (let r = 0; r < X.rows; r++) s += X.data[r * X.cols + c]!;
    const mean = s / X.rows;
    for (let r = 0; r < X.rows; r++) s2 += (X.data[r * X.cols + c]! - mean) ** 2;
    const sd = Math.sqrt(s2 / X.rows);
    scale[c] = sd > 0 ? sd : 1;
  }
  return scale;
}

/** `X` with each column divided by `scale`. */
function scaledRows(X: Matrix, scale: Float64Array): Matrix {
  return { rows: X.rows, cols: X.cols, data: X.data.map((v, i) => v / scale[i % X.cols]!) };
}

/** Row of `S` nearest to `q` (squared Euclidean, early exit), skipping row `skip`; first on ties. */
function nearest(S: Matrix, q: Float64Array, skip: number): number {
  const { cols, data } = S;
  let best = Infinity, at = 0;
  for (let k = 0; k < S.rows; k++) {
    if (k === skip) continue;
    let d = 0;
    const o = k * cols;
    for (let c = 0; c < cols && d < best; c++) {
      const t = data[o + c]! - q[c]!;
      d += t * t;
    }
    if (d < best) best = d, at = k;
  }
  return at;
}

/** Top `n` reasons of a φ row as "feature:direction" keys (φ = 0 is no reason; ties by feature order). */
function topKeys(features: readonly string[], phi: ArrayLike<number>, n: number): string[] {
  const js = [...features.keys()].filter((j) => phi[j] !== 0)
    .sort((a, b) => Math.abs(phi[b]!) - Math.abs(phi[a]!) || a - b);
  return js.slice(0, n).map((j) => `${features[j]}:${phi[j]! > 0 ? "up" : "down"}`);
}

/**
 * Agreement of a rule with the exact φ of the explained sample `e`:
 * `estimate(k, out)` writes the rule's φ for explained customer k computed
 * without k's own exact φ (leave-one-out).
 */
function agreementOf(e: Explanation, estimate: (k: number, out: Float64Array) => void): NeighbourAgreement {
  const m = e.features.length, est = new Float64Array(m);
  let top = 0, overlap = 0;
  for (let k = 0; k < e.rows; k++) {
    estimate(k, est);
    const a = topKeys(e.features, e.phi.subarray(k * m, (k + 1) * m), 3), b = topKeys(e.features, est, 3);
    if (a[0] !== undefined && a[0] === b[0]) top++;
    const inB = new Set(b);
    overlap += a.filter((x) => inB.has(x)).length / Math.max(1, a.length);
  }
  return { customers: e.rows, topReason: top / e.rows, top3Overlap: overlap / e.rows };
}
