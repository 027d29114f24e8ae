/**
 * The segments as JSON for the report: definitions, sizes, money, per-feature
 * profiles and the recommendation texts of each segment.
 *
 * @module
 */
import type { Cuts } from "./cuts.ts";
import type { Recommendation } from "./recommend.ts";
import type { Segment } from "./segment.ts";

/**
 * Pretty-printed JSON; key order follows the types, so equal results give
 * equal bytes. Undefined statistics (NaN) become null.
 *
 * @example
 * ```ts
 * await Deno.writeTextFile("out/segments.json", segmentsJson(buildSegments(input)));
 * ```
 */
export function segmentsJson(
  result: { cuts: Cuts; segments: readonly Segment[]; recommendations: readonly Recommendation[] },
): string {
  const segments = result.segments.map((s) => ({
    ...s,
    recommendations: result.recommendations.filter((r) => r.segment === s.id).map(({ rule, text }) => ({ rule, text })),
  }));
  return JSON.stringify({ cuts: result.cuts, segments }, null, 2) + "\n";
}
