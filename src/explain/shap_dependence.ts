/**
 * A SHAP-dependence surrogate: each feature's φ as a function of that
 * feature's own value, learnt from customers explained exactly — the curve of
 * a SHAP dependence plot, read off for customers nobody explained. For a
 * feature of one column (numbers, the ordinal service type, a two-level
 * one-hot) φ̂ is the mean φ of the `k` explained customers nearest in that
 * column (ties at the k-th distance all included); for a one-hot group it is
 * the mean φ of the explained customers with the same category (the overall
 * mean for a category none of them has). It keeps each feature's main effect
 * and loses interactions, which is what a reason ("страниц за визит мало ↑")
 * states anyway.
 *
 * @module
 */
import type { Matrix } from "../models/estimator.ts";
import type { Players } from "./players.ts";

/** Explained customers averaged per feature value. */
export const DEPENDENCE_NEIGHBOURS = 20;

/** One feature's learnt curve. */
type Curve =
  | { kind: "sorted"; col: number; values: Float64Array; prefix: Float64Array }
  | { kind: "keyed"; cols: Int32Array; sums: Map<string, [number, number]>; total: number };

/** A fitted surrogate. */
export interface DependenceSurrogate {
  /** φ̂ of every feature for row `row` of `X` (transformed), into `out`. */
  predict(X: Matrix, row: number, out: Float64Array): void;
  /**
   * φ̂ for explained row `row` of the fitting rows from the others only
   * (leave-one-out): what the surrogate would have said without its exact φ.
   */
  predictLeftOut(row: number, out: Float64Array): void;
}

/**
 * Fits the surrogate on explained rows `X` (transformed) with their φ
 * (row-major, one column per player).
 *
 * @example
 * ```ts
 * import { fitDependence } from "./shap_dependence.ts";
 * const X = { rows: 3, cols: 1, data: Float64Array.of(1, 2, 3) };
 * const players = { features: ["a"], columns: [Int32Array.of(0)], playerOf: Int32Array.of(0) };
 * const s = fitDependence(X, Float64Array.of(-1, 0, 1), players, 1);
 * const out = new Float64Array(1);
 * s.predict({ rows: 1, cols: 1, data: Float64Array.of(2.9) }, 0, out); // out[0] = 1: the nearest, x = 3
 * ```
 */
export function fitDependence(
  X: Matrix,
  phi: Float64Array,
  players: Players,
  k: number = DEPENDENCE_NEIGHBOURS,
): DependenceSurrogate {
  const m = players.features.length, n = X.rows;
  if (n < 2) throw new Error("The surrogate needs at least two explained rows");
  const curves: Curve[] = players.columns.map((cols, p): Curve => {
    if (cols.length === 1) {
      const col = cols[0]!;
      const order = Array.from({ length: n }, (_, i) => i)
        .sort((a, b) => X.data[a * X.cols + col]! - X.data[b * X.cols + col]! || a - b);
      const values = Float64Array.from(order, (i) => X.data[i * X.cols + col]!);
      const prefix = new Float64Array(n + 1);
      order.forEach((i, r) => prefix[r + 1] = prefix[r]! + phi[i * m + p]!);
      return { kind: "sorted", col, values, prefix };
    }
    const sums = new Map<string, [number, number]>();
    let total = 0;
    for (let i = 0; i < n; i++) {
      const key = keyOf(X, i, cols), s = sums.get(key) ?? [0, 0];
      s[0] += phi[i * m + p]!, s[1]++, total += phi[i * m + p]!;
      sums.set(key, s);
    }
    return { kind: "keyed", cols, sums, total };
  });
  const kk = Math.min(k, n - 1);
  // `own`: the row's own φ to take out (leave-one-out), or null for a new customer.
  const estimate = (Q: Matrix, row: number, out: Float64Array, own: Float64Array | null) => {
    curves.forEach((c, p) => {
      const self = own === null ? 0 : own[p]!, drop = own === null ? 0 : 1;
      if (c.kind === "keyed") {
        const s = c.sums.get(keyOf(Q, row, c.cols));
        out[p] = s && s[1] > drop ? (s[0] - self) / (s[1] - drop) : (c.total - self) / (n - drop);
      } else {
        // Left out, the row is its own nearest value (distance 0): one more neighbour, then its φ removed.
        const [lo, hi] = nearestRange(c.values, Q.data[row * Q.cols + c.col]!, kk + drop);
        out[p] = (c.prefix[hi]! - c.prefix[lo]! - self) / (hi - lo - drop);
      }
    });
  };
  return {
    predict: (Q, row, out) => estimate(Q, row, out, null),
    predictLeftOut: (row, out) => estimate(X, row, out, phi.subarray(row * m, (row + 1) * m)),
  };
}

function keyOf(X: Matrix, row: number, cols: Int32Array): string {
  let key = "";
  for (const c of cols) key += `${X.data[row * X.cols + c]},`;
  return key;
}

/**
 * The index range [lo, hi) of the `k` values nearest `x` in ascending
 * `values` (contiguous in 1-D), widened to every value as near as the k-th.
 */
function nearestRange(values: Float64Array, x: number, k: number): [number, number] {
  const n = values.length;
  let lo = 0, hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  // Grow [lo, hi) from the insertion point, always towards the nearer side (left on ties).
  hi = lo;
  while (hi - lo < k) {
    const left = lo > 0 ? x - values[lo - 1]! : Infinity, right = hi < n ? values[hi]! - x : Infinity;
    if (left <= right) lo--;
    else hi++;
  }
  const reach = Math.max(lo < hi ? x - values[lo]! : 0, lo < hi ? values[hi - 1]! - x : 0);
  while (lo > 0 && x - values[lo - 1]! <= reach) lo--;
  while (hi < n && values[hi]! - x <= reach) hi++;
  return [lo, hi];
}
