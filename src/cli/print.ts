/**
 * What the commands print after each stage: short summaries for a person at
 * a terminal (the artifacts hold the details).
 *
 * @module
 */
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

/** One line per family and the winner. */
export function modelSummary(stage: ModelStage, config: RunConfig, out: string): string {
  const f = (x: number) => x.toFixed(4);
  const cv = `${config.cv.folds}×${config.cv.repeats} CV`;
  return [
    ...stage.families.map((r) =>
      `${r.family.padEnd(8)} CV AUC ${f(r.cvAuc)} ± ${f(r.cvAucStd)}  hold-out ${f(r.testAuc)}  ` +
      `${cv} ${f(r.repeatedCv.mean)} [${r.repeatedCv.interval.map(f).join(", ")}]  ${
        JSON.stringify(r.params)
      } ${r.scaler}`
    ),
    `Best: ${stage.best.family}, hold-out AUC ${f(stage.best.holdout.auc)}, threshold ${f(stage.best.threshold)}; ` +
    `search ${stage.searchSeconds.toFixed(2)} s; artifacts in ${out}`,
  ].join("\n");
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
