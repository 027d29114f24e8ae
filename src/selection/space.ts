/**
 * Declarative search spaces: per model family, the parameter grid (or
 * distributions for a random search) and the numeric scalers to try; plus the
 * store's preprocessing, in which only the scaler varies.
 *
 * @module
 */
import type { ColumnStep, ScalerKind } from "../models/column_transformer.ts";
import type { Family } from "../models/estimator.ts";
import type { FeatureTable } from "../features/feature_table.ts";
import { Rng, seedKey } from "../util/random.ts";

/** A distribution for random search. */
export type Distribution =
  | { logUniform: [number, number] }
  | { uniform: [number, number] }
  | { intRange: [number, number] };

/** One family's space: values (or distributions) per parameter, and scalers. */
export interface FamilySpace {
  family: Family;
  params: Record<string, readonly unknown[] | Distribution>;
  scalers: readonly ScalerKind[];
}

/** One point of a search: a family, its parameters and the scaler. */
export interface Candidate {
  /** Position in the candidate list: results are reported in this order. */
  index: number;
  family: Family;
  params: Record<string, unknown>;
  scaler: ScalerKind;
}

const range = (from: number, to: number, step = 1) =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

/**
 * The grid of the scikit-learn reference (`shared/bench/sklearn_anchor.py`):
 * KNN 90, tree 40, logistic 48 and SVC 24 candidates.
 */
export const ANCHOR_SPACE: readonly FamilySpace[] = [
  {
    family: "knn",
    params: { k: range(2, 30, 2), weights: ["uniform", "distance"], metric: ["euclidean"] },
    scalers: ["standard", "minmax", "passthrough"],
  },
  {
    family: "tree",
    params: { maxDepth: range(2, 11), minSamplesLeaf: [1, 5, 10, 20] },
    scalers: ["passthrough"], // splits do not depend on scale
  },
  {
    family: "logistic",
    params: { penalty: ["l1", "l2"], C: [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 32] },
    scalers: ["standard", "minmax", "passthrough"],
  },
  {
    family: "svc",
    params: { kernel: ["linear", "rbf", "poly", "sigmoid"], C: [0.1, 1, 10] },
    scalers: ["standard", "minmax"],
  },
];

/**
 * Every combination of a grid, in a fixed order (families, scalers, then
 * parameters with the last one varying fastest).
 *
 * @example
 * ```ts
 * gridCandidates(ANCHOR_SPACE).length; // 202
 * ```
 */
export function gridCandidates(space: readonly FamilySpace[]): Candidate[] {
  const out: Candidate[] = [];
  for (const fs of space) {
    const entries = Object.entries(fs.params).map(([k, v]) => {
      if (!Array.isArray(v)) throw new Error(`grid search: parameter "${k}" of ${fs.family} is a distribution`);
      return [k, v as readonly unknown[]] as const;
    });
    for (const scaler of fs.scalers) {
      let combos: Record<string, unknown>[] = [{}];
      for (const [k, values] of entries) combos = combos.flatMap((c) => values.map((v) => ({ ...c, [k]: v })));
      for (const params of combos) out.push({ index: out.length, family: fs.family, params, scaler });
    }
  }
  return out;
}

/** `n` candidates drawn from the space with a seed (lists: uniform choice). */
export function randomCandidates(space: readonly FamilySpace[], n: number, seed: number): Candidate[] {
  const rng = new Rng().reset(seedKey(seed));
  const out: Candidate[] = [];
  for (let i = 0; i < n; i++) {
    const fs = space[Math.floor(rng.next() * space.length)]!;
    const params: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fs.params)) params[k] = draw(v, rng);
    const scaler = fs.scalers[Math.floor(rng.next() * fs.scalers.length)]!;
    out.push({ index: i, family: fs.family, params, scaler });
  }
  return out;
}

function draw(v: readonly unknown[] | Distribution, rng: Rng): unknown {
  if (Array.isArray(v)) return v[Math.floor(rng.next() * v.length)];
  const d = v as Distribution;
  if ("logUniform" in d) {
    return Math.exp(Math.log(d.logUniform[0]) + rng.next() * Math.log(d.logUniform[1] / d.logUniform[0]));
  }
  if ("uniform" in d) return d.uniform[0] + rng.next() * (d.uniform[1] - d.uniform[0]);
  return d.intRange[0] + Math.floor(rng.next() * (d.intRange[1] - d.intRange[0] + 1));
}

/** Categories of the service type, in order (стандарт < премиум). */
export const SERVICE_ORDER = ["стандарт", "премиум"] as const;

/**
 * The store's preprocessing: one-hot (drop first) for consent and category,
 * ordinal for the service type, the scaler over every numeric feature.
 */
export function storeSteps(t: FeatureTable, scaler: ScalerKind): ColumnStep[] {
  const categorical = Object.keys(t.categorical);
  const onehot = categorical.filter((c) => c !== "service_type");
  const steps: ColumnStep[] = [];
  if (onehot.length) steps.push({ transformer: { kind: "onehot", dropFirst: true }, columns: onehot });
  if (categorical.includes("service_type")) {
    steps.push({ transformer: { kind: "ordinal", categories: [SERVICE_ORDER] }, columns: ["service_type"] });
  }
  steps.push({ transformer: { kind: scaler }, columns: Object.keys(t.numeric) });
  return steps;
}
