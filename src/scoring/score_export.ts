/**
 * Scoring an export with a saved model. A customer's score depends only on
 * that customer and the model: the cleaning statistics (the revenue-outlier
 * rule per month) are the training data's, stored in model.json, never the
 * batch's. Customers that cannot be scored are listed with the reason, never
 * dropped silently. The label and money.csv are optional: new customers have
 * no label yet, and profit, where present, only adds the profit at risk. A
 * model with a calibration (model.json's `calibration`) scores the
 * calibrated probability, against a threshold on that scale. The action
 * segment (`src/decisions/action_segments.ts`) needs the observed label and
 * the run's value cut (model.json's `decisions`): without either it is empty.
 *
 * @module
 */
import { compareIds, type CustomerId } from "../data/customer_id.ts";
import { DataError } from "../data/errors.ts";
import { loadDataset, type QualitySummary } from "../data/load.ts";
import { type DriftReport, formatDrift, tableDrift } from "../features/drift.ts";
import { isDerived } from "../features/derived.ts";
import { featureTable } from "../features/feature_table.ts";
import { calibrateAll } from "../models/calibration.ts";
import { pipelineFromJSON } from "../models/pipeline.ts";
import type { ModelArtifact } from "../artifacts/model.ts";
import { type ActionSegmentId, actionSegmentOf } from "../decisions/action_segments.ts";
import { LABEL_DROPPED } from "../data/schema.ts";

/** Why a customer has (or has no) score. */
export type ScoreStatus = "scored" | "scored_revenue_replaced" | "not_scored_inactive";

/** What each status means, for people. */
export const STATUS_TEXT: Record<ScoreStatus, string> = {
  scored: "scored",
  scored_revenue_replaced: "scored; a revenue beyond the training data's outlier bounds was replaced by the " +
    "training month's median",
  not_scored_inactive: "not scored: revenue 0 in at least one of the three months (the model covers customers " +
    "active in all three)",
};

/** One customer of the export. */
export interface ScoredCustomer {
  id: CustomerId;
  /** Probability of a drop in activity; null when not scored. */
  probability: number | null;
  /** probability ≥ the model's threshold; null when not scored. */
  flagged: boolean | null;
  /** Mean monthly profit from money.csv; null without it (or when not scored). */
  profit: number | null;
  /** probability × monthly profit × horizon; null without profit. */
  profitAtRisk: number | null;
  status: ScoreStatus;
  /**
   * The action segment, by the run's rule: null when not scored, or when the
   * export has no label, no profit, or model.json no `decisions`.
   */
  actionSegment: ActionSegmentId | null;
}

/** Every customer of an export, sorted by id, with what loading found. */
export interface ScoreResult {
  customers: ScoredCustomer[];
  quality: QualitySummary;
  /** Categories and values the training data did not have. */
  drift: DriftReport;
  horizonMonths: number;
  /** Why the action segment is empty for everyone, or null when scored customers have one. */
  actionSegmentGap: string | null;
}

/**
 * Refuses a model trained with derived features: their definitions are code
 * (a polars expression or a function) that model.json cannot hold, so the
 * columns could not be rebuilt here; the notebook that defines them can.
 */
function refuseDerived(model: ModelArtifact): void {
  const features = [...model.features.numeric, ...Object.keys(model.features.categorical)];
  const derived = features.filter(isDerived);
  if (derived.length === 0) return;
  const names = derived.map((f) => `"${f}"`).join(", ");
  throw new DataError([{
    file: "model.json",
    column: "features",
    expected: `only the store's own features; the model uses derived feature${derived.length > 1 ? "s" : ""} ` +
      `${names}, whose definition a model file cannot hold: score it from the notebook that defines it ` +
      "(withFeatures on the new data, then the pipeline's predictProba)",
  }]);
}

/**
 * Scores every customer of the raw export in `dataDir` with `model`.
 *
 * @example
 * ```ts
 * import { readModel } from "../artifacts/model.ts";
 * const result = await scoreExport(await readModel("out/artifacts/model.json"), "new_customers/", 3);
 * result.customers[0]!.probability;
 * ```
 */
export async function scoreExport(model: ModelArtifact, dataDir: string, horizonMonths: number): Promise<ScoreResult> {
  refuseDerived(model);
  const { frame, quality } = await loadDataset(dataDir, {
    purpose: "score",
    revenueRules: model.cleaning.revenueRules,
  });
  const features = [...model.features.numeric, ...Object.keys(model.features.categorical)];
  const table = featureTable(frame, features);
  const raw = pipelineFromJSON(model.pipeline).predictProba(table);
  // A calibrated model's probability (and its threshold) is the calibrated one.
  const p = model.calibration ? calibrateAll(model.calibration, raw) : raw;
  const ids = frame.getColumn("id").toArray() as CustomerId[];
  const profit = frame.columns.includes("profit")
    ? Float64Array.from(frame.getColumn("profit").toArray(), Number)
    : null;
  const replaced = new Set(quality.outliers.map((o) => o.id));
  const label = frame.columns.includes("activity") ? frame.getColumn("activity").toArray() as unknown[] : null;
  const cuts = model.decisions && { threshold: model.threshold, profitCut: model.decisions.valueCut };
  const scored = ids.map((id, i): ScoredCustomer => {
    const probability = p[i]!, monthly = profit ? profit[i]! : null;
    const actionSegment = cuts && label && monthly !== null
      ? actionSegmentOf({ dropped: label[i] === LABEL_DROPPED, probability, profit: monthly }, cuts)
      : null;
    return {
      id,
      probability,
      flagged: probability >= model.threshold,
      profit: monthly,
      profitAtRisk: monthly === null ? null : probability * monthly * horizonMonths,
      status: replaced.has(id) ? "scored_revenue_replaced" : "scored",
      actionSegment,
    };
  });
  const inactive = quality.steps.find((s) => s.step === "inactive_customers")?.ids ?? [];
  const unscored = inactive.map((id): ScoredCustomer => ({
    id,
    probability: null,
    flagged: null,
    profit: null,
    profitAtRisk: null,
    status: "not_scored_inactive",
    actionSegment: null,
  }));
  const customers = [...scored, ...unscored].sort((a, b) => compareIds(a.id, b.id));
  const actionSegmentGap = !model.decisions
    ? 'model.json has no "decisions" (written before they were stored: run "deno task model" again)'
    : !label
    ? "the export has no label column «Покупательская активность» (new customers)"
    : !profit
    ? "no money.csv (the value cut compares monthly profit)"
    : null;
  return { customers, quality, drift: tableDrift(model.features, table), horizonMonths, actionSegmentGap };
}

/** scores.csv's header (export-sql's query returns the same columns). */
export const SCORES_HEADER = "id,probability,flagged,profit,profit_at_risk,status,action_segment";

/**
 * The scores as machine-readable CSV (comma, decimal point, full precision):
 * `id,probability,flagged,profit,profit_at_risk,status,action_segment`; empty
 * cells where a value does not exist.
 *
 * @example
 * ```ts
 * const c = { id: "1", probability: 0.5, flagged: true, profit: 4, profitAtRisk: 6, status: "scored" as const };
 * scoresCsv([{ ...c, actionSegment: "prevent" }]);
 * // "id,probability,flagged,profit,profit_at_risk,status,action_segment\n1,0.5,1,4,6,scored,prevent\n"
 * ```
 */
export function scoresCsv(customers: readonly ScoredCustomer[]): string {
  const cell = (x: number | null) => (x === null ? "" : String(x));
  const lines = customers.map((c) =>
    [
      c.id,
      cell(c.probability),
      c.flagged === null ? "" : c.flagged ? "1" : "0",
      cell(c.profit),
      cell(c.profitAtRisk),
      c.status,
      c.actionSegment ?? "",
    ]
      .join(",")
  );
  return [SCORES_HEADER, ...lines].join("\n") + "\n";
}

/**
 * A short account for stderr: how many were scored, who was not and why,
 * whose revenue was replaced.
 */
export function scoreSummary(result: ScoreResult, listed = 10): string {
  const by = (s: ScoreStatus) => result.customers.filter((c) => c.status === s).map((c) => c.id);
  const list = (ids: string[]) =>
    ids.slice(0, listed).join(", ") + (ids.length > listed ? ` and ${ids.length - listed} more` : "");
  const total = result.customers.length;
  const notScored = by("not_scored_inactive"), replaced = by("scored_revenue_replaced");
  const lines = [`Scored ${total - notScored.length} of ${total} customers.`];
  if (notScored.length > 0) {
    lines.push(
      `Not scored (${notScored.length}), ${STATUS_TEXT.not_scored_inactive.replace("not scored: ", "")}: ${
        list(notScored)
      }`,
    );
  }
  if (replaced.length > 0) {
    lines.push(
      `Revenue replaced by the training month's median (${replaced.length}, beyond the training outlier bounds): ${
        list(replaced)
      }`,
    );
  }
  if (!result.quality.tables.money) lines.push("No money.csv: profit and profit at risk left empty.");
  if (result.actionSegmentGap !== null) lines.push(`Action segment left empty: ${result.actionSegmentGap}.`);
  const drift = formatDrift(result.drift);
  if (drift) lines.push(drift);
  return lines.join("\n");
}
