/**
 * What an explainer returns: per customer and per original feature a SHAP
 * value φ, so that base + Σφ equals the model's output for that customer; and
 * the summaries drawn from it (global importance, top reasons per customer).
 *
 * @module
 */
import { featureLabel } from "../features/derived.ts";

/** SHAP values for a set of customers. */
export interface Explanation {
  /** What is explained: the probability of a drop, or its log-odds (linear models). */
  output: "probability" | "log-odds";
  /** Original feature names (columns of `phi`), e.g. `popular_category`. */
  features: string[];
  /** E[f] over the background: the output with no feature known. */
  base: number;
  /** Row-major rows × features: φ of feature j for customer i at `i * features.length + j`. */
  phi: Float64Array;
  rows: number;
  /** The model's output per customer (base + Σφ, up to the method's tolerance). */
  value: Float64Array;
  /** How φ was computed, for the methodology appendix. */
  method: string;
}

/** One reason for a customer's risk. */
export interface Reason {
  feature: string;
  /** Russian display name. */
  label: string;
  phi: number;
  /** "up": raises the risk of a drop; "down": lowers it. */
  direction: "up" | "down";
}

/**
 * The `n` features with the largest |φ| for customer `i`, strongest first
 * (ties: feature order); features with φ = 0 are no reason at all.
 *
 * @example
 * ```ts
 * import { type Explanation, topReasons } from "./explanation.ts";
 * declare const expl: Explanation;
 * topReasons(expl, 0, 3).map((r) => `${r.label} ${r.direction}`);
 * ```
 */
export function topReasons(e: Explanation, i: number, n = 3): Reason[] {
  const m = e.features.length;
  return e.features
    .map((feature, j) => ({ feature, phi: e.phi[i * m + j]!, j }))
    .filter((r) => r.phi !== 0)
    .sort((a, b) => Math.abs(b.phi) - Math.abs(a.phi) || a.j - b.j)
    .slice(0, n)
    .map(({ feature, phi }) => ({
      feature,
      label: featureLabel(feature),
      phi,
      direction: phi > 0 ? "up" as const : "down" as const,
    }));
}

/** Mean |φ| per feature, largest first: the global importance. */
export function globalImportance(e: Explanation): { feature: string; label: string; meanAbs: number }[] {
  const m = e.features.length;
  return e.features
    .map((feature, j) => {
      let s = 0;
      for (let i = 0; i < e.rows; i++) s += Math.abs(e.phi[i * m + j]!);
      return { feature, label: featureLabel(feature), meanAbs: s / e.rows };
    })
    .sort((a, b) => b.meanAbs - a.meanAbs);
}
