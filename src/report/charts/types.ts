/**
 * What the model-stage charts read from the artifacts: the parts of
 * metrics.json, explanations.json and segments.json they draw, as structural
 * types, so a parsed file (with `null` where JSON lost an Infinity) fits.
 *
 * @module
 */

/** One model family's scores (metrics.json `families[]`). */
export interface FamilyScores {
  family: string;
  /** Mean AUC over the search's CV folds for the best candidate. */
  cvAuc: number;
  cvAucStd: number;
  /** AUC on the hold-out customers. */
  testAuc: number;
  /** Repeated stratified CV on all customers: mean and interval. */
  repeatedCv: { mean: number; std: number; interval: readonly number[] };
}

/** The selected model's hold-out evaluation (metrics.json `best.holdout`). */
export interface HoldoutEvaluation {
  auc: number;
  confusion: { tp: number; fp: number; tn: number; fn: number };
  precision: number;
  recall: number;
  f1?: number;
  brier: number;
  roc: readonly { threshold: number | null; fpr: number; tpr: number }[];
  pr: readonly { threshold: number | null; precision: number; recall: number }[];
  reliability: readonly { from: number; to: number; count: number; meanPredicted: number; observedRate: number }[];
}

/** metrics.json, as far as the charts read it. */
export interface ModelMetrics {
  families: readonly FamilyScores[];
  best: FamilyScores & { threshold: number; holdout: HoldoutEvaluation };
}

/** explanations.json, as far as the charts read it. */
export interface ExplanationsArtifact {
  /** What φ is in: probability of a drop, or its log-odds. */
  output?: string;
  /** Mean |φ| per feature, largest first. */
  importance: readonly { feature: string; label: string; meanAbs: number }[];
  /** One point per customer and feature. */
  beeswarm: readonly { feature: string; label: string; phi: number; value: number | string; valueRank: number }[];
}

/** One segment of segments.json. */
export interface SegmentSummary {
  id: string;
  kind: string;
  name: string;
  size: number;
  customerShare: number;
  profitAtRisk: number;
  profitAtRiskShare: number;
  horizonMonths: number;
}

/** segments.json, as far as the charts read it. */
export interface SegmentsArtifact {
  segments: readonly SegmentSummary[];
}

/** One customer in the risk–profit plane. */
export interface RiskProfitPoint {
  probability: number;
  profit: number;
}

/**
 * The two cut lines of the risk–profit matrix: segments.json `cuts` as it is
 * (`threshold`, `profitCut`, `profitQuantile`), or just `{ risk, profit }`.
 */
export type RiskProfitCuts =
  | {
    /** The model's threshold: probability ≥ threshold is high risk. */
    threshold: number;
    /** Monthly profit ≥ this is high profit. */
    profitCut: number;
    /** The quantile the profit cut is at, for its caption (0.5: the median). */
    profitQuantile?: number;
  }
  | { risk: number; profit: number };
