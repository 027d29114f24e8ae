/**
 * The report's charts: one function per chart, plain data in (the EDA
 * summary or parsed artifacts), one self-contained `<svg>` string out — 680 px
 * wide (A4 text width), Russian titles and labels, the same colours for
 * «Снизилась» and «Прежний уровень» everywhere, identical output for
 * identical input, data always escaped as text.
 *
 * @example
 * ```ts
 * import type pl from "nodejs-polars";
 * import { readMetrics } from "../../artifacts/metrics.ts";
 * import { edaSummary } from "../../eda/eda_summary.ts";
 * import { associationHeatmap, rocChart } from "./mod.ts";
 * declare const frame: pl.DataFrame;
 * const metrics = await readMetrics("out/artifacts");
 * Deno.jupyter.svg`${associationHeatmap(edaSummary(frame))}`;
 * await Deno.writeTextFile("out/roc.svg", rocChart(metrics));
 * ```
 *
 * @module
 */
export { numericByTargetChart } from "./numeric_by_target.ts";
export { GRID_DEFAULTS, numericGridChart } from "./numeric_grid.ts";
export { categoricalByTargetChart, categoricalGridChart } from "./categorical_by_target.ts";
export { periodsChart } from "./periods.ts";
export { associationHeatmap } from "./association_heatmap.ts";
export { modelComparisonChart } from "./model_comparison.ts";
export { rocChart } from "./roc.ts";
export { prChart } from "./pr.ts";
export { reliabilityChart } from "./reliability.ts";
export { shapImportanceChart } from "./shap_importance.ts";
export { BEESWARM_DEFAULTS, shapBeeswarmChart } from "./shap_beeswarm.ts";
export { segmentsChart } from "./segments.ts";
export { type QuadrantLabels, quadrantLabels, RISK_PROFIT_DEFAULTS, riskProfitChart } from "./risk_profit.ts";
export type {
  ExplanationsArtifact,
  FamilyScores,
  HoldoutEvaluation,
  ModelMetrics,
  RiskProfitCuts,
  RiskProfitPoint,
  SegmentsArtifact,
  SegmentSummary,
} from "./types.ts";
export { CHART_WIDTH, CLASS_COLORS } from "./theme.ts";
export { FAMILY_LABELS } from "./texts.ts";
