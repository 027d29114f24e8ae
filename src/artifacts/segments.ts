/**
 * segments.json: the cut points of the risk × profit matrix and the store's
 * segments, and per segment its definition, size, shares of customers and
 * profit, mean probability (and the rest's), profit at risk over the horizon,
 * the feature profile against the other customers (tests, effect sizes,
 * corrected p-values), its composition (category mix, revenue and minutes per
 * period, in the segment and among the rest), and either the recommendations
 * it fired or the conclusion why no lever applies. A statistic undefined for
 * the data (the mean probability of an empty segment) is `null`.
 *
 * @module
 */
import * as z from "zod";
import type { RunConfig } from "../config/run_config.ts";
import type { SegmentsResult } from "../segments/build_segments.ts";
import {
  type ArtifactSpec,
  CONFIG_FIELD,
  finiteOrNull,
  maybeNumber,
  readArtifact,
  writeArtifact,
} from "./artifact_file.ts";

/** The version of segments.json this code writes and reads. */
export const SEGMENTS_SCHEMA_VERSION = 2;

const tested = {
  feature: z.string(),
  label: z.string(),
  /** Cliff's δ (numbers, signed: > 0 when the segment's values are larger) or Cramér's V; null if untested. */
  effect: z.number().nullable(),
  p: z.number().nullable(),
  /** Benjamini–Hochberg corrected across the segment's tested features. */
  pAdjusted: z.number().nullable(),
  /** pAdjusted < alpha and |effect| at least the configured minimum. */
  notable: z.boolean(),
};

/** One feature's comparison of a segment against the rest. */
const difference = z.discriminatedUnion("type", [
  z.object({ ...tested, type: z.literal("number"), meanIn: maybeNumber, meanOut: maybeNumber }),
  z.object({
    ...tested,
    type: z.literal("category"),
    levels: z.array(z.object({ value: z.string(), shareIn: maybeNumber, shareOut: maybeNumber })),
  }),
]);

/** The category mix and the monthly series of a segment against the rest. */
const composition = z.object({
  /** Every favourite category of the data, the segment's most frequent first. */
  categories: z.array(z.object({ category: z.string(), shareIn: z.number(), shareOut: z.number() })),
  /** Revenue, then minutes; periods oldest first, named as in the store's export. */
  dynamics: z.array(z.object({
    measure: z.enum(["revenue", "minutes"]),
    periods: z.array(z.object({ period: z.string(), feature: z.string(), meanIn: maybeNumber, meanOut: maybeNumber })),
  })),
});

/** The schema of segments.json. */
export const SEGMENTS_SCHEMA = z.object({
  schemaVersion: z.literal(SEGMENTS_SCHEMA_VERSION),
  config: CONFIG_FIELD,
  cuts: z.object({
    /** The model's threshold: probability ≥ threshold is "high risk". */
    threshold: z.number(),
    profitQuantile: z.number(),
    /** Monthly profit at `profitQuantile`: high profit is ≥ this. */
    profitCut: z.number(),
    topProfitQuantile: z.number(),
    topProfitCut: z.number(),
    promoCut: z.number(),
    promoRule: z.enum(["two-class cut (Otsu)", "given"]),
  }),
  /** The matrix cells, then the store's segments. */
  segments: z.array(z.object({
    id: z.string(),
    kind: z.enum(["matrix", "store"]),
    name: z.string(),
    definition: z.string(),
    size: z.number().int(),
    customerShare: z.number(),
    profitShare: maybeNumber,
    meanProbability: maybeNumber,
    /** Among the customers outside the segment (null when it holds everyone). */
    meanProbabilityRest: maybeNumber,
    /** Customers the model flags (probability ≥ threshold). */
    flagged: z.number().int(),
    /** Σ probability × monthly profit × horizon. */
    profitAtRisk: z.number(),
    profitAtRiskShare: maybeNumber,
    horizonMonths: z.number().int(),
    profile: z.array(difference),
    composition,
    /** The difference each rests on (features) and the lever, in words. */
    recommendations: z.array(z.object({
      rule: z.string(),
      lever: z.string(),
      features: z.array(z.string()),
      text: z.string(),
    })),
    /** Why no lever applies; null exactly when recommendations fired. */
    conclusion: z.object({
      reason: z.enum(["empty", "everyone", "low_risk", "no_difference", "no_lever"]),
      text: z.string(),
    }).nullable(),
  })).refine((segments) => segments.every((s) => (s.conclusion === null) === (s.recommendations.length > 0)), {
    message: "every segment ends in recommendations or a conclusion, never both or neither",
  }),
});

/** segments.json. */
export type SegmentsArtifact = z.infer<typeof SEGMENTS_SCHEMA>;
/** One segment of segments.json. */
export type SegmentArtifact = SegmentsArtifact["segments"][number];
/** One measured difference of a segment's profile. */
export type ProfileDifference = SegmentArtifact["profile"][number];

/** How segments.json is stored. */
export const SEGMENTS_FILE: ArtifactSpec<typeof SEGMENTS_SCHEMA> = {
  file: "segments.json",
  schemaVersion: SEGMENTS_SCHEMA_VERSION,
  schema: SEGMENTS_SCHEMA,
  writtenBy: "the segment stage",
  pretty: true,
};

/**
 * segments.json from the segment stage's result: each segment with the
 * recommendations it fired or its conclusion.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import type { SegmentsResult } from "../segments/build_segments.ts";
 * declare const result: SegmentsResult;
 * const artifact = buildSegmentsArtifact(result, DEFAULT_CONFIG);
 * artifact.segments.map((s) => s.name);
 * ```
 */
export function buildSegmentsArtifact(
  result: Pick<SegmentsResult, "cuts" | "segments" | "recommendations" | "conclusions">,
  config: RunConfig,
): SegmentsArtifact {
  const f = finiteOrNull;
  return {
    schemaVersion: SEGMENTS_SCHEMA_VERSION,
    config,
    cuts: result.cuts,
    segments: result.segments.map((s) => ({
      id: s.id,
      kind: s.kind,
      name: s.name,
      definition: s.definition,
      size: s.size,
      customerShare: s.customerShare,
      profitShare: f(s.profitShare),
      meanProbability: f(s.meanProbability),
      meanProbabilityRest: f(s.meanProbabilityRest),
      flagged: s.flagged,
      profitAtRisk: s.profitAtRisk,
      profitAtRiskShare: f(s.profitAtRiskShare),
      horizonMonths: s.horizonMonths,
      profile: s.profile.map((d) =>
        d.type === "number"
          ? { ...d, meanIn: f(d.meanIn), meanOut: f(d.meanOut) }
          : { ...d, levels: d.levels.map((l) => ({ value: l.value, shareIn: f(l.shareIn), shareOut: f(l.shareOut) })) }
      ),
      composition: {
        categories: s.composition.categories,
        dynamics: s.composition.dynamics.map((d) => ({
          measure: d.measure,
          periods: d.periods.map((p) => ({ ...p, meanIn: f(p.meanIn), meanOut: f(p.meanOut) })),
        })),
      },
      recommendations: result.recommendations.filter((r) => r.segment === s.id).map((r) => ({
        rule: r.rule,
        lever: r.lever,
        features: r.features,
        text: r.text,
      })),
      conclusion: conclusionOf(result.conclusions, s.id),
    })),
  };
}

function conclusionOf(conclusions: SegmentsResult["conclusions"], segment: string) {
  const c = conclusions.find((c) => c.segment === segment);
  return c ? { reason: c.reason, text: c.text } : null;
}

/**
 * Writes `dir/segments.json` (atomic).
 *
 * @example
 * ```ts
 * declare const artifact: SegmentsArtifact;
 * await writeSegments("out/artifacts", artifact);
 * ```
 */
export function writeSegments(dir: string, artifact: SegmentsArtifact): Promise<void> {
  return writeArtifact(SEGMENTS_FILE, dir, artifact);
}

/**
 * Reads and validates `dir/segments.json`; any problem is one DataError naming the file and field.
 *
 * @example
 * ```ts
 * (await readSegments("out/artifacts")).segments.map((s) => s.name);
 * ```
 */
export function readSegments(dir: string): Promise<SegmentsArtifact> {
  return readArtifact(SEGMENTS_FILE, dir);
}
