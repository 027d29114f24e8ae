/**
 * The segment stage end to end: cut points, segment membership and
 * measurements (profile and composition), recommendations or, where none
 * fires, a conclusion why, and per-customer offers.
 *
 * @module
 */
import { featureTable } from "../features/feature_table.ts";
import { featureNames } from "../features/derived.ts";
import { customersOf } from "./customers.ts";
import { conclude, type Conclusion } from "./conclusion.ts";
import { computeCuts, type Cuts } from "./cuts.ts";
import { type SegmentInput, validateInput } from "./input.ts";
import { MATRIX_RULES } from "./matrix.ts";
import { buildOffers, offerOrder, type ScoredCustomer } from "./offers.ts";
import { SEGMENT_DEFAULTS, type SegmentOptions } from "./options.ts";
import { recommend, type Recommendation } from "./recommend.ts";
import { measureSegment, type Segment } from "./segment.ts";
import { membership } from "./segment_rule.ts";
import { STORE_RULES } from "./store_segments.ts";

/** What the stage produces. */
export interface SegmentsResult {
  cuts: Cuts;
  /** The matrix cells, then the store's segments. */
  segments: Segment[];
  recommendations: Recommendation[];
  /** Why no lever applies, for every segment without a recommendation. */
  conclusions: Conclusion[];
  /** One per customer, most profit at risk first (the decisions, `src/decisions/`, add the action). */
  offers: ScoredCustomer[];
  /** The input's row of each offer: the decisions read each customer's columns without looking ids up. */
  offerRows: Int32Array;
}

/**
 * Builds segments, recommendations and offers for scored customers.
 *
 * @example
 * ```ts
 * import type pl from "nodejs-polars";
 * import type { Reason } from "../explain/explanation.ts";
 * import type { ModelStage } from "../selection/select_model.ts";
 * import { buildSegments } from "./build_segments.ts";
 * declare const frame: pl.DataFrame, probability: Float64Array, reasons: Reason[][], stage: ModelStage;
 * const result = buildSegments({ frame, probability, threshold: stage.best.threshold, reasons });
 * result.segments.map((s) => [s.name, s.size, s.profitAtRisk]);
 * result.offers[0]; // the customer with the most profit at risk
 * ```
 */
export function buildSegments(input: SegmentInput, options: SegmentOptions = {}): SegmentsResult {
  validateInput(input);
  const o = { ...SEGMENT_DEFAULTS, ...options };
  const customers = customersOf(input);
  const cuts = computeCuts(customers, input.threshold, o);
  const rules = [...MATRIX_RULES, ...STORE_RULES];
  const masks = rules.map((r) => membership(r, customers, cuts));
  const columns = featureTable(input.frame, featureNames().filter((f) => input.frame.columns.includes(f)));
  const segments = rules.map((r, k) => measureSegment(r, masks[k]!, customers, columns, cuts, o));
  const recommendations = recommend(segments);
  const offerRows = offerOrder(customers, o.horizonMonths);
  return {
    cuts,
    segments,
    recommendations,
    conclusions: conclude(segments, recommendations, { threshold: cuts.threshold, alpha: o.alpha }),
    offers: buildOffers(customers, input.reasons, rules, masks, o.horizonMonths, offerRows),
    offerRows,
  };
}
