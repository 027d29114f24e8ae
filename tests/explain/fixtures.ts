/**
 * Small deterministic data for the explainer tests, and brute-force Shapley
 * values (all 2^m coalitions) to check the explainers against.
 */
import type { FeatureTable } from "../../src/features/feature_table.ts";
import type { Background } from "../../src/explain/background.ts";
import type { Players } from "../../src/explain/players.ts";
import type { ColumnStep } from "../../src/models/column_transformer.ts";
import type { Matrix } from "../../src/models/estimator.ts";
import { hash, Rng } from "../../src/util/random.ts";

/** Three numbers and one category (3 values), with an interaction and a category effect on the label. */
export function smallTable(n: number, seed: number): { table: FeatureTable; y: Uint8Array } {
  const rng = new Rng().reset(hash(seed, 1));
  const a = new Float64Array(n), b = new Float64Array(n), c = new Float64Array(n);
  const cat: string[] = [], y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = rng.normal(), b[i] = rng.normal(), c[i] = Math.round(rng.next() * 5);
    cat.push(["p", "q", "r"][Math.floor(rng.next() * 3)]!);
    const z = a[i]! + b[i]! * (c[i]! - 2.5) / 2 + (cat[i] === "q" ? 1 : 0) - 0.3 + 0.5 * rng.normal();
    y[i] = z > 0 ? 1 : 0;
  }
  return { table: { rows: n, numeric: { a, b, c }, categorical: { cat } }, y };
}

/** One-hot (all categories kept) for the category, standard scaling for the numbers. */
export const SMALL_STEPS: ColumnStep[] = [
  { transformer: { kind: "onehot", dropFirst: false }, columns: ["cat"] },
  { transformer: { kind: "standard" }, columns: ["a", "b", "c"] },
];

/**
 * Exact interventional Shapley values of `predict` at `x` by enumeration:
 * v(S) = Σ_k w_k f(x on S, b_k elsewhere), φ_i = Σ_S |S|!(m−|S|−1)!/m! (v(S ∪ i) − v(S)).
 */
export function bruteForceShapley(
  predict: (X: Matrix) => Float64Array,
  x: Float64Array,
  background: Background,
  players: Players,
): { phi: Float64Array; base: number } {
  const m = players.features.length, K = background.X.rows, cols = x.length;
  const masks = 1 << m;
  const data = new Float64Array(masks * K * cols);
  for (let s = 0; s < masks; s++) {
    for (let k = 0; k < K; k++) {
      const row = data.subarray((s * K + k) * cols, (s * K + k + 1) * cols);
      row.set(background.X.data.subarray(k * cols, (k + 1) * cols));
      for (let p = 0; p < m; p++) if (s & (1 << p)) { for (const col of players.columns[p]!) row[col] = x[col]!; }
    }
  }
  const f = predict({ rows: masks * K, cols, data });
  const v = Float64Array.from({ length: masks }, (_, s) => {
    let t = 0;
    for (let k = 0; k < K; k++) t += background.weights[k]! * f[s * K + k]!;
    return t;
  });
  const fact = [1];
  for (let i = 1; i <= m; i++) fact.push(fact[i - 1]! * i);
  const phi = new Float64Array(m);
  for (let s = 0; s < masks; s++) {
    let size = 0;
    for (let p = 0; p < m; p++) size += (s >> p) & 1;
    for (let p = 0; p < m; p++) {
      if (s & (1 << p)) continue;
      phi[p]! += fact[size]! * fact[m - size - 1]! / fact[m]! * (v[s | (1 << p)]! - v[s]!);
    }
  }
  return { phi, base: v[0]! };
}

/** max_i |base + Σ_j φ_ij − value_i|. */
export function additivityError(e: { base: number; phi: Float64Array; value: Float64Array; rows: number }): number {
  const m = e.phi.length / e.rows;
  let worst = 0;
  for (let i = 0; i < e.rows; i++) {
    let s = e.base;
    for (let j = 0; j < m; j++) s += e.phi[i * m + j]!;
    worst = Math.max(worst, Math.abs(s - e.value[i]!));
  }
  return worst;
}
