/**
 * One small, real run for the artifact tests: 240 synthetic customers, the
 * data stage, the EDA, a small logistic-regression and tree search (fast, exact SHAP),
 * explanations, segments and offers — every stage result a builder takes,
 * with a config that differs from the defaults where the report reads it.
 */
import { parseRunConfig, type RunConfig } from "../../src/config/run_config.ts";
import { dataIdentity } from "../../src/data/identity.ts";
import type { DataSource } from "../../src/data/source.ts";
import { loadDataset } from "../../src/data/load.ts";
import { writeSynthetic } from "../../src/data/synth.ts";
import { edaConclusions, edaSummary } from "../../src/eda/mod.ts";
import { explainPipeline } from "../../src/explain/explain.ts";
import { topReasons } from "../../src/explain/explanation.ts";
import { takeTable } from "../../src/features/feature_table.ts";
import { buildDecisions } from "../../src/decisions/build_decisions.ts";
import { buildSegments, type SegmentInput } from "../../src/segments/mod.ts";
import { selectModel } from "../../src/selection/select_model.ts";
import { predictionsOf } from "../../src/artifacts/predictions.ts";
import type { MetricsArtifact as Metrics } from "../../src/artifacts/metrics.ts";

/** A config that differs from the defaults in the keys the report reads. */
export function testConfig(): RunConfig {
  const r = parseRunConfig({ seed: 7, cv: { folds: 3, repeats: 2 }, horizonMonths: 2 });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

/** Every stage result of one small run. */
export async function smallRun() {
  const config = testConfig();
  const dir = await Deno.makeTempDir();
  await writeSynthetic(dir, { customers: 240, seed: 3 });
  const source: DataSource & { identity: Awaited<ReturnType<typeof dataIdentity>> } = {
    dir,
    kind: "user",
    origin: "--data",
    identity: await dataIdentity(dir, { exportDate: "2026-11-30" }),
  };
  const { frame, quality } = await loadDataset(dir);
  const summary = edaSummary(frame);
  const stage = await selectModel(frame, {
    seed: config.seed,
    folds: config.cv.folds,
    repeats: config.cv.repeats,
    minRecall: config.threshold.minRecall,
    nestedFolds: 2,
    nestedRepeats: 1,
    space: [
      { family: "logistic", params: { penalty: ["l2"], C: [0.1, 1] }, scalers: ["standard"] },
      { family: "tree", params: { maxDepth: [3], minSamplesLeaf: [5] }, scalers: ["passthrough"] },
    ],
    workers: 1,
  });
  const predictions = predictionsOf(stage);
  const rows = stage.table.features;
  const explanation = await explainPipeline(stage.pipeline, rows, takeTable(rows, stage.split.train), {
    seed: config.seed,
  });
  const input: SegmentInput = {
    frame,
    probability: predictions.probability,
    threshold: predictions.threshold,
    reasons: Array.from({ length: explanation.rows }, (_, i) => topReasons(explanation, i, 3)),
  };
  const scored = buildSegments(input, { horizonMonths: config.horizonMonths });
  const segments = { ...scored, ...buildDecisions(input, scored, config) };
  await Deno.remove(dir, { recursive: true });
  return {
    config,
    source,
    quality,
    eda: { summary, conclusions: edaConclusions(summary) },
    stage,
    predictions,
    explanation: { explanation, rows },
    segments,
  };
}

type Calibration = NonNullable<Metrics["best"]["calibration"]>;

/** Reliability bins of a made-up hold-out of 40 customers. */
const bins = (shift: number) =>
  [0.1, 0.3, 0.5, 0.7, 0.9].map((mid, i) => ({
    from: mid - 0.1,
    to: mid + 0.1,
    count: [14, 8, 6, 4, 8][i]!,
    meanPredicted: Math.min(1, mid + shift),
    observedRate: [0.07, 0.25, 0.5, 0.75, 0.875][i]!,
  }));

/**
 * `best.calibration` as a run writes it: isotonic won on the inner folds by
 * more than one standard error, and the hold-out Brier score improved.
 */
export function calibrationFixture(o: Partial<Calibration> = {}): Calibration {
  return {
    method: "isotonic",
    rule: "isotonic when its inner-fold Brier score is lower than Platt's by more than one standard error",
    folds: 5,
    innerBrier: { sigmoid: 0.089, isotonic: 0.0854 },
    innerStandardError: 0.0022,
    training: { brierBefore: 0.0915, brierAfter: 0.0854 },
    holdout: { brierBefore: 0.121, brierAfter: 0.106, reliabilityBefore: bins(0.08), reliabilityAfter: bins(0) },
    ...o,
  };
}

/**
 * `stability` as a run writes it, for three seeds (the run's 42 first): the
 * winner changes, the threshold moves from 0,397 to 0,462, the action stays
 * the same under all seeds for 75 % and profit at risk nearly doubles — a
 * decision that depends on the seed.
 */
export function stabilityFixture(): NonNullable<Metrics["stability"]> {
  const run = (seed: number, winner: string, threshold: number, profitAtRisk: number, same: number) => ({
    seed,
    winner,
    threshold,
    holdoutAuc: 0.88 + seed / 500,
    flagged: Math.round(40 * threshold),
    profitAtRisk,
    expectedNet: profitAtRisk / 10 - 15.5,
    sameFlag: same,
    sameActionSegment: same,
    sameAction: same,
    actionChanged: Math.round(40 * (1 - same)),
  });
  return {
    runSeed: 42,
    seeds: [42, 1, 2],
    customers: 40,
    runs: [run(42, "svc", 0.462, 100, 1), run(1, "logistic", 0.397, 190, 0.8), run(2, "svc", 0.44, 120, 0.875)],
    winners: [{ family: "svc", seeds: 2 }, { family: "logistic", seeds: 1 }],
    threshold: { min: 0.397, max: 0.462 },
    holdoutAuc: { min: 0.882, max: 0.964 },
    flagged: { min: 16, max: 18 },
    profitAtRisk: { min: 100, max: 190 },
    expectedNet: { min: -5.5, max: 3.5 },
    sameFlag: { min: 0.8, max: 0.875 },
    sameAction: { min: 0.8, max: 0.875 },
    flagSameUnderAll: 0.775,
    actionSameUnderAll: 0.75,
  };
}
