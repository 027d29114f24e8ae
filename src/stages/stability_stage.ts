/**
 * The stability of the decision across seeds: the model stage and the
 * decisions run again as `--seed S` would run them, for each seed of
 * `stability.seeds` besides the run's own, and compared with the run's seed —
 * the winner per seed, the threshold's range, the share of customers whose
 * flag (probability ≥ threshold) and whose action stay the same, and the
 * range of the headline figures (hold-out AUC, flagged customers, profit at
 * risk, expected net value).
 *
 * Everything a seed changes changes: the hold-out split, the folds, SVC's
 * Platt folds and the control groups. Two shortcuts, since neither changes a
 * decision: the nested CV is switched off for these runs (it estimates
 * quality, it chooses nothing), and the customers' reasons are left empty (no
 * SHAP per seed), so an action here is what the action segment, consent and
 * the customer's own values choose — compared like with like across seeds,
 * but not always the action offers.csv shows, which also follows the reasons.
 *
 * @module
 */
import type pl from "nodejs-polars";
import type { RunConfig } from "../config/run_config.ts";
import { buildDecisions } from "../decisions/mod.ts";
import { buildSegments, type SegmentInput } from "../segments/mod.ts";
import { type ModelStage, unseenProbabilities } from "../selection/select_model.ts";
import type { DataResult } from "./data_stage.ts";
import { runModelStage, type RunOptions } from "./model_stage.ts";
import { type Scores, segmentOptions } from "./segments_stage.ts";

/** The smallest and largest value over the seeds. */
export interface Range {
  min: number;
  max: number;
}

/** One customer's decision under one seed. */
export interface SeedDecision {
  flagged: boolean;
  /** The action segment (`src/decisions/action_segments.ts`). */
  actionSegment: string;
  /** The lever (`src/segments/levers.ts`). */
  action: string;
}

/** What one seed's run decided, and how it compares with the run's seed. */
export interface SeedRun {
  seed: number;
  /** The selected family (or "ensemble"). */
  winner: string;
  /** The threshold the decisions used (on the calibrated scale when the model stage calibrates). */
  threshold: number;
  holdoutAuc: number;
  /** Customers whose probability reaches the threshold. */
  flagged: number;
  /** Σ probability × monthly profit × horizon over every customer (money.csv unit). */
  profitAtRisk: number;
  /** The campaign plan's expected net value (money.csv unit). */
  expectedNet: number;
  /** Share of customers flagged (or not) as with the run's seed (1 for the run's seed itself). */
  sameFlag: number;
  /** Share of customers in the same action segment as with the run's seed. */
  sameActionSegment: number;
  /** Share of customers with the same action as with the run's seed. */
  sameAction: number;
  /** Customers whose action differs from the run's seed's. */
  actionChanged: number;
}

/** The stability of the decision over the seeds. */
export interface StabilityResult {
  /** The run's seed: every comparison is against it. */
  runSeed: number;
  /** Every seed run, the run's first. */
  seeds: number[];
  runs: SeedRun[];
  /** How many seeds each family won, most first. */
  winners: { family: string; seeds: number }[];
  customers: number;
  threshold: Range;
  holdoutAuc: Range;
  flagged: Range;
  profitAtRisk: Range;
  expectedNet: Range;
  /** Over the other seeds: the lowest and highest share with the same flag as the run's seed. */
  sameFlag: Range;
  sameAction: Range;
  /** Share of customers whose flag is the same under every seed. */
  flagSameUnderAll: number;
  /** Share of customers whose action is the same under every seed. */
  actionSameUnderAll: number;
  /** Wall-clock seconds of the whole measurement. */
  seconds: number;
}

/** Options of {@linkcode runStabilityStage}. */
export interface StabilityOptions extends RunOptions {
  /** The run's own model stage, when already computed (saves one run). */
  baseline?: ModelStage;
  /** Called after each seed (progress). */
  onSeed?: (run: SeedRun) => void;
}

/** The decisions' scores of a model stage: every customer's unseen (calibrated) probability and the threshold. */
const stageScores = (stage: ModelStage): Scores => ({
  probability: unseenProbabilities(stage),
  threshold: stage.best.threshold,
});

/**
 * Each customer's decision (by id) for a model stage's scores: the segments
 * and decisions as the segment stage makes them, with empty reasons.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import type { DataResult } from "./data_stage.ts";
 * import { runModelStage } from "./model_stage.ts";
 * declare const data: DataResult;
 * const model = await runModelStage(data, DEFAULT_CONFIG);
 * const { decisions } = decideForSeed(data.frame, { probability: new Float64Array(1297), threshold: 0.5 }, DEFAULT_CONFIG);
 * decisions.size; // one per customer
 * ```
 */
export function decideForSeed(
  frame: pl.DataFrame,
  scores: Scores,
  config: RunConfig,
): { decisions: Map<string, SeedDecision>; flagged: number; profitAtRisk: number; expectedNet: number } {
  const input: SegmentInput = {
    frame,
    probability: scores.probability,
    threshold: scores.threshold,
    reasons: Array.from({ length: frame.height }, () => []),
  };
  const segments = buildSegments(input, segmentOptions(config));
  const { offers, plan } = buildDecisions(input, segments, config);
  const decisions = new Map<string, SeedDecision>();
  let flagged = 0;
  for (const o of offers) {
    const isFlagged = o.probability >= scores.threshold;
    if (isFlagged) flagged++;
    decisions.set(String(o.id), { flagged: isFlagged, actionSegment: o.actionSegment, action: o.action });
  }
  return { decisions, flagged, profitAtRisk: plan.overall.profitAtRisk, expectedNet: plan.overall.net };
}

/**
 * Shares of the customers of `base` whose flag, action segment and action are
 * the same in `other` (a customer missing from `other` counts as changed).
 *
 * @example
 * ```ts
 * const a = new Map([["1", { flagged: true, actionSegment: "prevent", action: "discount" }]]);
 * compareDecisions(a, a); // { sameFlag: 1, sameActionSegment: 1, sameAction: 1, actionChanged: 0 }
 * ```
 */
export function compareDecisions(
  base: ReadonlyMap<string, SeedDecision>,
  other: ReadonlyMap<string, SeedDecision>,
): { sameFlag: number; sameActionSegment: number; sameAction: number; actionChanged: number } {
  let flag = 0, segment = 0, action = 0;
  for (const [id, b] of base) {
    const o = other.get(id);
    if (!o) continue;
    if (o.flagged === b.flagged) flag++;
    if (o.actionSegment === b.actionSegment) segment++;
    if (o.action === b.action) action++;
  }
  const n = Math.max(base.size, 1);
  return {
    sameFlag: flag / n,
    sameActionSegment: segment / n,
    sameAction: action / n,
    actionChanged: base.size - action,
  };
}

/**
 * Shares of customers whose flag, and whose action, is the same under every
 * one of `all` (by the ids of the first).
 *
 * @example
 * ```ts
 * const a = new Map([["1", { flagged: true, actionSegment: "prevent", action: "discount" }]]);
 * const b = new Map([["1", { flagged: true, actionSegment: "prevent", action: "bonus" }]]);
 * sameUnderAll([a, b]); // { flag: 1, action: 0 }
 * ```
 */
export function sameUnderAll(all: readonly ReadonlyMap<string, SeedDecision>[]): { flag: number; action: number } {
  const [first, ...rest] = all;
  if (!first || first.size === 0) return { flag: 1, action: 1 };
  let flag = 0, action = 0;
  for (const [id, d] of first) {
    const others = rest.map((m) => m.get(id));
    if (others.every((o) => o !== undefined && o.flagged === d.flagged)) flag++;
    if (others.every((o) => o !== undefined && o.action === d.action)) action++;
  }
  return { flag: flag / first.size, action: action / first.size };
}

const range = (xs: readonly number[]): Range => ({ min: Math.min(...xs), max: Math.max(...xs) });

/**
 * The seeds a run measures: its own first, then `stability.seeds` without
 * repeats and without the run's.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * stabilitySeeds({ ...DEFAULT_CONFIG, seed: 2 }); // [2, 1, 3, 4]
 * ```
 */
export function stabilitySeeds(config: RunConfig): number[] {
  return [...new Set([config.seed, ...config.stability.seeds])];
}

/**
 * Runs the model stage and the decisions for the run's seed and every other
 * seed of `config.stability.seeds`, and compares them. Slow: one model stage
 * per seed (the baseline's is reused when given).
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import type { DataResult } from "./data_stage.ts";
 * declare const data: DataResult;
 * const s = await runStabilityStage(data, DEFAULT_CONFIG, { workers: 2 });
 * s.winners; // e.g. [{ family: "svc", seeds: 3 }, { family: "logistic", seeds: 2 }]
 * s.sameAction; // { min: 0.86, max: 0.93 }
 * ```
 */
export async function runStabilityStage(
  data: DataResult,
  config: RunConfig,
  options: StabilityOptions = {},
): Promise<StabilityResult> {
  const t0 = performance.now();
  const run: RunOptions = options.workers === undefined ? {} : { workers: options.workers };
  const seeds = stabilitySeeds(config);
  const runs: SeedRun[] = [], decisions: Map<string, SeedDecision>[] = [];
  for (const seed of seeds) {
    // The nested CV and the repeated CV estimate quality and choose nothing (the winner comes from the search's
    // folds, the threshold from its out-of-fold predictions): the least of them for the seed runs, which only cost time.
    const seeded: RunConfig = {
      ...config,
      seed,
      nestedCv: { ...config.nestedCv, repeats: 0 },
      cv: { ...config.cv, repeats: 1 },
    };
    const stage = seed === config.seed && options.baseline ? options.baseline : await runModelStage(data, seeded, run);
    // The decisions use the seed's config as `--seed S` would (control groups included); nestedCv is not read there.
    const scores = stageScores(stage);
    const decided = decideForSeed(data.frame, scores, { ...config, seed });
    decisions.push(decided.decisions);
    const same = compareDecisions(decisions[0]!, decided.decisions);
    const r: SeedRun = {
      seed,
      winner: stage.best.family,
      threshold: scores.threshold,
      holdoutAuc: stage.best.holdout.auc,
      flagged: decided.flagged,
      profitAtRisk: decided.profitAtRisk,
      expectedNet: decided.expectedNet,
      ...same,
    };
    runs.push(r);
    options.onSeed?.(r);
  }
  const wins = new Map<string, number>();
  for (const r of runs) wins.set(r.winner, (wins.get(r.winner) ?? 0) + 1);
  const others = runs.slice(1);
  const all = sameUnderAll(decisions);
  return {
    runSeed: config.seed,
    seeds,
    runs,
    winners: [...wins].map(([family, n]) => ({ family, seeds: n })).sort((a, b) => b.seeds - a.seeds),
    customers: decisions[0]!.size,
    threshold: range(runs.map((r) => r.threshold)),
    holdoutAuc: range(runs.map((r) => r.holdoutAuc)),
    flagged: range(runs.map((r) => r.flagged)),
    profitAtRisk: range(runs.map((r) => r.profitAtRisk)),
    expectedNet: range(runs.map((r) => r.expectedNet)),
    sameFlag: others.length ? range(others.map((r) => r.sameFlag)) : { min: 1, max: 1 },
    sameAction: others.length ? range(others.map((r) => r.sameAction)) : { min: 1, max: 1 },
    flagSameUnderAll: all.flag,
    actionSameUnderAll: all.action,
    seconds: (performance.now() - t0) / 1000,
  };
}
