/**
 * Segments, recommendations and personalised offers: who is at risk and how
 * much profit with them, how each segment differs from the rest (rank and
 * chi-square tests, BH-corrected; its category mix and revenue and minutes
 * dynamics), what the store should do about it or why no lever applies, and
 * every customer scored; the lever catalogue and the offers.csv writer (the
 * action per customer is `src/decisions/`).
 *
 * @example
 * ```ts
 * import type pl from "nodejs-polars";
 * import type { Reason } from "../explain/explanation.ts";
 * import { buildSegments } from "./mod.ts";
 * declare const frame: pl.DataFrame, probability: Float64Array, threshold: number, reasons: Reason[][];
 * const result = buildSegments({ frame, probability, threshold, reasons });
 * result.offers[0]?.profitAtRisk; // the most profit at risk
 * ```
 *
 * @module
 */
export { buildSegments, type SegmentsResult } from "./build_segments.ts";
export type { SegmentInput } from "./input.ts";
export { SEGMENT_DEFAULTS, type SegmentOptions } from "./options.ts";
export type { Segment } from "./segment.ts";
export type { Difference } from "./profile.ts";
export { type Recommendation, RECOMMENDATION_RULES, type RecommendationRule } from "./recommend.ts";
export type { Conclusion, ConclusionReason } from "./conclusion.ts";
export type { CategoryShare, Composition, Dynamics, Measure, PeriodMeans } from "./composition.ts";
export { CHANNEL_IDS, type ChannelId, type Lever, type LeverId, LEVERS } from "./levers.ts";
export type { Offer, ReasonDetail, ScoredCustomer } from "./offers.ts";
export { offersCsv, offersCsvChunks } from "./offers_csv.ts";
export { MATRIX_RULES } from "./matrix.ts";
export { STORE_RULES } from "./store_segments.ts";
export { everyTopReasons } from "./top_reasons.ts";
