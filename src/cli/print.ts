/**
 * What the commands print after each stage: short summaries for a person at
 * a terminal (the artifacts hold the details).
 *
 * @module
 */
import { buildMetricsArtifact, type MetricsArtifact } from "../artifacts/metrics.ts";
import type { QualitySummary } from "../data/load.ts";
import { DEMO_NOTE } from "../data/source.ts";
import type { ModelStage } from "../selection/select_model.ts";
import type { DataResult, ExplainResult, RunConfig } from "../stages/mod.ts";
import type { SegmentsResult } from "../segments/mod.ts";

/** The data stage in a few lines. */
export function dataSummary(data: DataResult, out: string): string {
  const q = data.summary;
  return [
    ...(q.source.kind === "demo" ? [DEMO_NOTE] : []),
    `Data: ${q.source.dir}${q.source.kind === "demo" ? " (DEMO)" : ""}`,
    `Rows read: ${Object.entries(q.tables).map(([n, t]) => `${n} ${t.rows}`).join(", ")}`,
    encodingLine(q.tables),
    ...q.fixes.map((f) => `Fixed ${f.table}.${f.column}: «${f.from}» → «${f.to}» ×${f.count}`),
    ...q.steps.map((s) => `Step ${s.step}: ${s.count} (${s.rule})`),
    `Customers: ${q.customers} (${Object.entries(q.classBalance).map(([k, v]) => `${k} ${v}`).join(", ")})`,
    `Summary written to ${out}`,
  ].join("\n");
}

/** `Encoding: UTF-8`, or which files were converted from what. */
function encodingLine(tables: QualitySummary["tables"]): string {
  const other = Object.entries(tables).filter(([, t]) => t.format.encoding !== "utf-8");
  if (other.length === 0) return "Encoding: UTF-8";
  return `Encoding: ${other.map(([n, t]) => `${n} ${t.format.encoding}`).join(", ")} (converted to UTF-8 for reading)`;
}

/** Parameters as `k=28 weights=distance`: one short line instead of JSON. */
function paramsLine(params: Record<string, unknown>): string {
  return Object.entries(params).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`).join(" ");
}

/** The ensemble's members, one indented line each, with their weights. */
function membersLines(params: Record<string, unknown>): string[] {
  const members = (params.members ?? []) as { family: string; params: Record<string, unknown>; scaler: string }[];
  const weights = (params.weights ?? []) as number[];
  return members.map((m, i) =>
    `    ${(weights[i] ?? NaN).toFixed(3)} × ${m.family.padEnd(8)} ${paramsLine(m.params)} ${m.scaler}`
  );
}

/**
 * The model stage in a few lines: the training sample when it was not
 * everyone (`customers`: the data stage's count), one line per family (the
 * ensemble's members beneath it), the winner with its margin, the nested CV
 * (the headline quality) and the calibration of the probabilities.
 *
 * @example
 * ```ts
 * import type { ModelStage } from "../selection/select_model.ts";
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * declare const stage: ModelStage;
 * console.log(modelSummary(stage, DEFAULT_CONFIG, "out")); // "knn      CV AUC 0.9101 ± …"
 * ```
 */
export function modelSummary(stage: ModelStage, config: RunConfig, out: string, customers?: number): string {
  const m = buildMetricsArtifact(stage, config);
  const f = (x: number) => x.toFixed(4);
  const cv = `${config.cv.folds}×${config.cv.repeats} CV`;
  const b = m.best;
  const trained = stage.table.ids.length;
  return [
    ...(customers !== undefined && customers > trained ? [sampleLine(trained, customers, config)] : []),
    ...m.families.flatMap((r) => [
      `${r.family.padEnd(8)} CV AUC ${f(r.cvAuc)} ± ${f(r.cvAucStd)}  hold-out ${f(r.testAuc)}  ` +
      `${cv} ${f(r.repeatedCv.mean)} [${r.repeatedCv.interval.map(f).join(", ")}]  ` +
      (r.family === "ensemble" ? "members:" : `${paramsLine(r.params)} ${r.scaler}`),
      ...(r.family === "ensemble" ? membersLines(r.params) : []),
    ]),
    nestedLine(m),
    `Best: ${b.family}, hold-out AUC ${f(b.holdout.auc)}, threshold ${f(b.threshold)}` +
    (m.selection === undefined || m.selection.margin === null
      ? ""
      : ` (margin ${f(m.selection.margin)} over ${m.selection.runnerUp}, one SE ${f(m.selection.standardError)}` +
        `${m.selection.withinOneStandardError ? ": within" : ": beyond"})`) +
    `; search ${stage.searchSeconds.toFixed(2)} s; artifacts in ${out}`,
    calibrationLine(b.calibration),
  ].join("\n");
}

/** Which customers trained the model when an export has more than `training.sampleSize`. */
function sampleLine(trained: number, customers: number, config: RunConfig): string {
  return `Training sample: ${trained} of ${customers} customers (training.sampleSize ${config.training.sampleSize}, ` +
    `stratified); the figures below are the sample's; the other ${customers - trained} are scored by the final ` +
    `model (predictions.json split "scored")`;
}

/** `Nested CV 5×1 (inner 5): AUC 0.9118 [0.8822, 0.9413]; wins ensemble 4, knn 1`, or that it was off. */
function nestedLine(m: MetricsArtifact): string {
  const n = m.nestedCv;
  if (!n) return "Nested CV: off (nestedCv.repeats = 0)";
  const f = (x: number) => x.toFixed(4);
  const wins = n.families.filter((x) => x.wins > 0).sort((a, b) => b.wins - a.wins)
    .map((x) => `${x.family} ${x.wins}`).join(", ");
  return `Nested CV ${n.outerFolds}×${n.repeats} (inner ${n.innerFolds}): selected AUC ${f(n.selected.mean)} ` +
    `[${n.selected.interval.map(f).join(", ")}]; wins ${wins}; ${n.seconds.toFixed(1)} s`;
}

/** `Calibration: isotonic (inner Brier sigmoid 0.0890, isotonic 0.0854, SE 0.0022); hold-out Brier 0.1080 → 0.1128`. */
function calibrationLine(c: MetricsArtifact["best"]["calibration"]): string {
  if (!c) return "Calibration: none (probabilities as the model gives them)";
  const f = (x: number) => x.toFixed(4);
  const where = c.holdout
    ? `hold-out Brier ${f(c.holdout.brierBefore)} → ${f(c.holdout.brierAfter)}`
    : `training (out-of-fold) Brier ${f(c.training.brierBefore)} → ${f(c.training.brierAfter)}`;
  return `Calibration: ${c.method} (inner Brier sigmoid ${f(c.innerBrier.sigmoid)}, isotonic ` +
    `${f(c.innerBrier.isotonic)}, SE ${
      f(c.innerStandardError)
    }); ${where}; threshold and money on the calibrated scale`;
}

/** The explanation stage in one line. */
export function explainSummary(e: ExplainResult): string {
  return `Explained ${e.explanation.rows} customers (${e.explanation.method}) in ${e.seconds.toFixed(2)} s`;
}

/** The segment stage in one line. */
export function segmentsSummary(result: SegmentsResult): string {
  return `Segments: ${result.segments.length}, recommendations: ${result.recommendations.length}, ` +
    `offers: ${result.offers.length} (segments.json, offers.json, offers.csv, campaign_plan.json)`;
}
