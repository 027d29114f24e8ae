/**
 * What the segment stage works on: the merged frame with every customer's
 * probability of a drop, the model's threshold and the top reasons.
 *
 * @module
 */
import type pl from "nodejs-polars";
import type { Reason } from "../explain/explanation.ts";
import { COMPOSITION_COLUMNS } from "./composition.ts";

/** Customers, their risk and why; every array is aligned to the frame's rows. */
export interface SegmentInput {
  /** The merged frame, one row per customer (see `src/data/clean.ts`). */
  frame: pl.DataFrame;
  /**
   * Probability of a drop: out-of-fold for training customers, the hold-out
   * model's for the others, so nobody is scored by a model that saw them.
   */
  probability: Float64Array;
  /** The model's decision threshold: probability ≥ threshold is "high risk". */
  threshold: number;
  /** Top reasons per customer (strongest first), usually three. */
  reasons: Reason[][];
}

/** Columns the stage reads besides the profiled features: the rules', the offers' and the composition's. */
const REQUIRED = ["id", "profit", "promo_share", "allow_messages", ...COMPOSITION_COLUMNS];

/**
 * Throws when the arrays do not line up with the frame or values are out of
 * range; a misaligned array would silently score the wrong customer.
 *
 * @example
 * ```ts
 * import type pl from "nodejs-polars";
 * import type { Reason } from "../explain/explanation.ts";
 * import { validateInput } from "./input.ts";
 * declare const frame: pl.DataFrame, probability: Float64Array, reasons: Reason[][];
 * validateInput({ frame, probability, threshold: 0.46, reasons }); // throws on mismatch
 * ```
 */
export function validateInput(input: SegmentInput): void {
  const { frame, probability, threshold, reasons } = input;
  const n = frame.height;
  for (const c of REQUIRED) {
    if (!frame.columns.includes(c)) throw new Error(`Segment input lacks the column "${c}"`);
  }
  if (probability.length !== n) throw new Error(`Expected ${n} probabilities (one per row), got ${probability.length}`);
  if (reasons.length !== n) throw new Error(`Expected ${n} reason lists (one per row), got ${reasons.length}`);
  if (!(threshold > 0 && threshold < 1)) throw new Error(`Threshold must be in (0, 1), got "${threshold}"`);
  const bad = probability.findIndex((p) => !(p >= 0 && p <= 1));
  if (bad >= 0) throw new Error(`Probability of row ${bad} must be in [0, 1], got "${probability[bad]}"`);
  if (frame.getColumn("id").nUnique() !== n) throw new Error("Customer ids must be unique");
}
