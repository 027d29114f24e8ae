/**
 * A fitted model as SQL parts, and how parts become the probability. A
 * family's model is one part. The soft-voting ensemble (`ensemble.ts`) is one
 * part per member, each reading the common inputs through its own scaler
 * (`(x − offset) / scale`), and {@linkcode probabilityCte} sums the members'
 * probabilities with their weights, in member order as `EnsembleModel` does.
 * A calibration (model.json's optional `calibration`, `calibration.ts`) maps
 * that probability last: Platt's sigmoid, or isotonic interpolation as one
 * CASE over the thresholds.
 *
 * @module
 */
import type { Calibrator } from "../models/calibration.ts";
import type { ModelJSON } from "../models/estimator.ts";
import type { KnnParams } from "../models/knn.ts";
import type { SvcParams, SvcState } from "../models/svc.ts";
import type { TreeNode } from "../models/tree.ts";
import type { Cte } from "./cte.ts";
import type { Dialect } from "./dialect.ts";
import { FEATURES_CTE, x } from "./features_sql.ts";
import { knnPart, type KnnState } from "./knn_sql.ts";
import { logisticPart, type LogisticState } from "./logistic_sql.ts";
import { EXP_FLOOR, type Part, sigmoidSql } from "./part.ts";
import { svcPart } from "./svc_sql.ts";
import { treePart } from "./tree_sql.ts";

/** Name of the CTE with every scored customer's `id, probability`. */
export const PROBABILITY_CTE = "scores";

/** A part with its weight in the probability (1 for a single model). */
export interface WeightedPart extends Part {
  weight: number;
}

/** The state `ensemble.ts` stores per member. */
interface EnsembleState {
  parts: { weight: number; offset: number[]; scale: number[]; model: ModelJSON }[];
}

/** The part of one family's model reading `input`. */
function familyPart(d: Dialect, model: ModelJSON, prefix: string, input: string): Part {
  switch (model.family) {
    case "logistic":
      return logisticPart(d, model.state as LogisticState, prefix, input);
    case "tree":
      return treePart(d, model.state as { nodes: TreeNode[] }, prefix, input);
    case "svc":
      return svcPart(d, model.params as SvcParams, model.state as SvcState, prefix, input);
    case "knn":
      return knnPart(d, model.params as KnnParams, model.state as KnnState, prefix, input);
    default:
      throw new Error(`no SQL for the model family "${model.family}"`);
  }
}

/**
 * The weighted parts of a fitted model (model.json's `pipeline.model`).
 *
 * @example
 * ```ts
 * import { dialectOf } from "./dialect.ts";
 * const model = { family: "logistic" as const, params: {}, state: { coef: [1], intercept: 0 } };
 * modelParts(dialectOf("duckdb")!, model).map((p) => p.name); // ["logistic_p"]
 * ```
 */
export function modelParts(d: Dialect, model: ModelJSON): WeightedPart[] {
  if (model.family !== "ensemble") return [{ ...familyPart(d, model, model.family, FEATURES_CTE), weight: 1 }];
  const { parts } = model.state as EnsembleState;
  return parts.map((p, i) => {
    const prefix = `e${i}_${p.model.family}`, input = `e${i}_input`;
    const scaled = p.offset.map((o, j) => `(${x(j)} - ${d.num(o)}) / ${d.num(p.scale[j]!)} AS ${x(j)}`);
    const own = familyPart(d, p.model, prefix, input);
    const inputCte: Cte = {
      name: input,
      comment: `ensemble member ${i + 1} (${p.model.family}, weight ${p.weight}): its scaler over the common inputs`,
      query: `SELECT id,\n  ${scaled.join(",\n  ")}\nFROM ${FEATURES_CTE}`,
      materialize: true,
    };
    return { ctes: [inputCte, ...own.ctes], name: own.name, weight: p.weight };
  });
}

/** `p` mapped by the calibrator, as `calibrateProbability` computes it. */
function calibrated(d: Dialect, cal: Calibrator, p: string): string {
  if (cal.method === "sigmoid") return sigmoidSql(`-(${d.num(cal.a)} * ${p} + ${d.num(cal.b)})`, d.num(EXP_FLOOR));
  const { x: xs, y: ys } = cal;
  const last = xs.length - 1;
  if (last === 0) return d.num(ys[0]!);
  // Segment k holds x[k] ≤ p < x[k+1]; the differences are the doubles calibrateProbability computes.
  const segments = xs.slice(0, last).map((x0, k) =>
    `WHEN ${p} < ${d.num(xs[k + 1]!)} THEN ${d.num(ys[k]!)} + ${d.num(ys[k + 1]! - ys[k]!)} * (${p} - ${d.num(x0)}) / ${
      d.num(xs[k + 1]! - x0)
    }`
  );
  return `CASE WHEN ${p} <= ${d.num(xs[0]!)} THEN ${d.num(ys[0]!)} WHEN ${p} >= ${d.num(xs[last]!)} THEN ${
    d.num(ys[last]!)
  }\n    ${segments.join("\n    ")} END`;
}

/**
 * The `scores` CTEs: the parts' weighted sum (one part: its own probability),
 * then the calibration when the model has one.
 *
 * @example
 * ```ts
 * import { dialectOf } from "./dialect.ts";
 * probabilityCte(dialectOf("duckdb")!, [{ ctes: [], name: "a_p", weight: 1 }]).at(-1)!.query;
 * // "SELECT id, probability\nFROM a_p"
 * ```
 */
export function probabilityCte(d: Dialect, parts: readonly WeightedPart[], calibration?: Calibrator): Cte[] {
  const [first, ...rest] = parts;
  if (!first) throw new Error("a model has at least one part");
  const raw = calibration ? "uncalibrated" : PROBABILITY_CTE;
  const combined: Cte = rest.length === 0
    ? { name: raw, comment: "the probability", query: `SELECT id, probability\nFROM ${first.name}` }
    : {
      name: raw,
      comment: `the probability: the weighted sum of the ${parts.length} members' (soft voting)`,
      query: `SELECT p0.id, ${parts.map((p, i) => `${d.num(p.weight)} * p${i}.probability`).join(" + ")} ` +
        `AS probability\nFROM ${first.name} p0\n${
          rest.map((p, i) => `JOIN ${p.name} p${i + 1} ON p${i + 1}.id = p0.id`).join("\n")
        }`,
    };
  if (!calibration) return [combined];
  return [combined, {
    name: PROBABILITY_CTE,
    comment: `the calibrated probability (${calibration.method === "sigmoid" ? "Platt's sigmoid" : "isotonic"})`,
    query: `SELECT id,\n  ${calibrated(d, calibration, "probability")} AS probability\nFROM ${raw}`,
  }];
}
