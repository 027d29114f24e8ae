/**
 * What the charts read, as parts of the artifact types of `src/artifacts/`
 * (never declared again here): the charts take the fields they draw, so a
 * notebook can pass a stage's in-memory artifact or one read back from disk.
 *
 * @module
 */
import type { ExplanationsArtifact as Explanations } from "../../artifacts/explanations.ts";
import type { FamilyMetrics, MetricsArtifact } from "../../artifacts/metrics.ts";
import type { SegmentArtifact, SegmentsArtifact as Segments } from "../../artifacts/segments.ts";

/** One model family's scores (metrics.json `families[]`). */
export type FamilyScores = FamilyMetrics;

/** The selected model's hold-out evaluation (metrics.json `best.holdout`). */
export type HoldoutEvaluation = MetricsArtifact["best"]["holdout"];

/** metrics.json, as far as the charts read it. */
/** What the model-comparison chart reads: the families, the winner, and the run's CV scheme. */
export type ModelMetrics = Pick<MetricsArtifact, "families" | "best"> & {
  config: { cv: { folds: number; repeats: number } };
};

/** explanations.json, as far as the charts read it. */
export type ExplanationsArtifact = Pick<Explanations, "output" | "importance" | "beeswarm" | "beeswarmSample">;

/** One segment of segments.json. */
export type SegmentSummary = SegmentArtifact;

/** segments.json, as far as the charts read it (the run's config, when given, names the money unit). */
export type SegmentsArtifact = Pick<Segments, "segments"> & Partial<Pick<Segments, "config">>;

/** One customer in the risk–profit plane (a chart input, not an artifact). */
export interface RiskProfitPoint {
  probability: number;
  profit: number;
  /** The dot's tip (its `<title>`), e.g. the customer's id and values; none when absent. */
  title?: string;
}

/**
 * The two cut lines of the risk–profit matrix: segments.json `cuts` as it is
 * (`threshold`, `profitCut`, `profitQuantile`), or just `{ risk, profit }`.
 */
export type RiskProfitCuts =
  | (Pick<Segments["cuts"], "threshold" | "profitCut"> & Partial<Pick<Segments["cuts"], "profitQuantile">>)
  | { risk: number; profit: number };
