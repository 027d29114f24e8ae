/**
 * metrics.json: the model stage's scores — the data split, the search's
 * size, each family's best candidate with its CV, hold-out and repeated-CV
 * AUC, and the selected model with its threshold (and the rule that chose
 * it), its hold-out confusion matrix and its ROC, PR and reliability curves;
 * the margin of the choice (`selection`) and the nested CV of the whole
 * selection (`nestedCv`, the headline quality estimate).
 * The model families' ids and Russian names are defined here, once.
 *
 * @module
 */
import * as z from "zod";
import type { RunConfig } from "../config/run_config.ts";
import type { ReliabilityBin } from "../selection/evaluate.ts";
import type { ModelStage } from "../selection/select_model.ts";
import { ruInt, ruScore } from "../text/ru_format.ts";
import { type ArtifactSpec, CONFIG_FIELD, finiteOrNull, r6, readArtifact, writeArtifact } from "./artifact_file.ts";

/** The version of metrics.json this code writes and reads. */
export const METRICS_SCHEMA_VERSION = 1;

/** The model families by their registry id (`src/models/registry.ts`), and the soft-voting ensemble of their best. */
export const FAMILY = z.enum(["knn", "tree", "logistic", "svc", "ensemble"]);

/** Russian names of the model families: the one list the report and the charts print. */
export const FAMILY_LABELS: Record<z.infer<typeof FAMILY>, string> = {
  knn: "k ближайших соседей",
  tree: "Дерево решений",
  logistic: "Логистическая регрессия",
  svc: "Метод опорных векторов",
  ensemble: "Ансамбль (мягкое голосование)",
};

/**
 * A family's display name (its id when unknown).
 *
 * @example
 * ```ts
 * familyLabel("tree"); // "Дерево решений"
 * ```
 */
export const familyLabel = (family: string): string => FAMILY_LABELS[family as z.infer<typeof FAMILY>] ?? family;

/** The numeric scalers the search chooses from. */
export const SCALER = z.enum(["standard", "minmax", "passthrough"]);

const familyMetrics = z.object({
  family: FAMILY,
  params: z.record(z.string(), z.unknown()),
  scaler: SCALER,
  /** Mean AUC over the search's CV folds for the family's best candidate. */
  cvAuc: z.number(),
  cvAucStd: z.number(),
  /** AUC on the hold-out customers. */
  testAuc: z.number(),
  /** Fits in this family's search (candidates × folds). */
  fits: z.number().int(),
  seconds: z.number(),
  /** Repeated stratified CV on all customers: mean, std and the Nadeau–Bengio 95 % interval. */
  repeatedCv: z.object({ mean: z.number(), std: z.number(), interval: z.tuple([z.number(), z.number()]) }),
});

const outerScores = z.object({
  mean: z.number(),
  std: z.number(),
  /** Nadeau–Bengio corrected 95 % interval over the outer folds. */
  interval: z.tuple([z.number(), z.number()]),
  scores: z.array(z.number()),
});

/** Nested CV of the whole selection (search, ensemble, choice inside every outer training part). */
const nestedCvMetrics = z.object({
  outerFolds: z.number().int(),
  repeats: z.number().int(),
  innerFolds: z.number().int(),
  seconds: z.number(),
  /** The selection procedure's outer AUC: the headline quality. */
  selected: outerScores,
  /** Each family's best (and the ensemble) on the outer folds, and how many outer folds it won. */
  families: z.array(outerScores.extend({ family: FAMILY, wins: z.number().int() })),
  folds: z.array(z.object({
    repeat: z.number().int(),
    fold: z.number().int(),
    winner: FAMILY,
    selectedAuc: z.number(),
  })),
});

/** Why the winner won: its margin over the runner-up and whether that is within one standard error. */
const selectionMetrics = z.object({
  chosen: FAMILY,
  chosenAuc: z.number(),
  runnerUp: FAMILY.nullable(),
  runnerUpAuc: z.number().nullable(),
  margin: z.number().nullable(),
  /** Standard error of the winner's mean CV AUC (fold standard deviation / √folds). */
  standardError: z.number(),
  withinOneStandardError: z.boolean(),
  nestedWins: z.number().int().nullable(),
  nestedFolds: z.number().int().nullable(),
  /** The choice in one Russian sentence, for a manager. */
  sentence: z.string(),
});

const reliabilityBins = z.array(z.object({
  from: z.number(),
  to: z.number(),
  count: z.number().int(),
  meanPredicted: z.number(),
  observedRate: z.number(),
}));

/** The calibration of the winner's probabilities: the choice on inner folds, Brier scores before and after. */
const calibrationMetrics = z.object({
  method: z.enum(["sigmoid", "isotonic"]),
  /** How the method was chosen, in words. */
  rule: z.string(),
  folds: z.number().int(),
  /** Training customers it learned from, and the fewest isotonic is considered on (below: Platt). */
  rows: z.number().int().optional(),
  minIsotonicRows: z.number().int().optional(),
  innerBrier: z.object({ sigmoid: z.number(), isotonic: z.number() }),
  innerStandardError: z.number(),
  /** Out-of-fold probabilities of the training customers before; cross-validated calibrated after. */
  training: z.object({ brierBefore: z.number(), brierAfter: z.number() }),
  holdout: z.object({
    brierBefore: z.number(),
    brierAfter: z.number(),
    reliabilityBefore: reliabilityBins,
    reliabilityAfter: reliabilityBins,
  }).nullable(),
});

const range = z.object({ min: z.number(), max: z.number() });

/** How much the decision depends on the seed: the run's seed against the others (`stability.seeds`). */
const stabilityMetrics = z.object({
  runSeed: z.number().int(),
  seeds: z.array(z.number().int()),
  customers: z.number().int(),
  runs: z.array(z.object({
    seed: z.number().int(),
    winner: z.string(),
    threshold: z.number(),
    holdoutAuc: z.number(),
    flagged: z.number().int(),
    profitAtRisk: z.number(),
    expectedNet: z.number(),
    /** Shares of customers with the same flag / action segment / action as under the run's seed. */
    sameFlag: z.number(),
    sameActionSegment: z.number(),
    sameAction: z.number(),
    actionChanged: z.number().int(),
  })),
  winners: z.array(z.object({ family: z.string(), seeds: z.number().int() })),
  threshold: range,
  holdoutAuc: range,
  flagged: range,
  profitAtRisk: range,
  expectedNet: range,
  sameFlag: range,
  sameAction: range,
  /** Shares of customers whose flag / action is the same under every seed. */
  flagSameUnderAll: z.number(),
  actionSameUnderAll: z.number(),
});

/** The stability figures as metrics.json stores them. */
export type StabilityMetrics = z.infer<typeof stabilityMetrics>;

/** The schema of metrics.json. */
export const METRICS_SCHEMA = z.object({
  schemaVersion: z.literal(METRICS_SCHEMA_VERSION),
  config: CONFIG_FIELD,
  data: z.object({
    customers: z.number().int(),
    train: z.number().int(),
    test: z.number().int(),
    positives: z.number().int(),
  }),
  search: z.object({ candidates: z.number().int(), fits: z.number().int(), seconds: z.number() }),
  families: z.array(familyMetrics),
  /** Absent only in files written before the ensemble and nested CV existed. */
  selection: selectionMetrics.optional(),
  nestedCv: nestedCvMetrics.nullable().optional(),
  /** Absent when the run measured no stability (`stability.seeds` empty, or a stage run without it). */
  stability: stabilityMetrics.optional(),
  best: familyMetrics.extend({
    /** Null with `calibration.method: "none"`; absent in files written before calibration existed. */
    calibration: calibrationMetrics.nullable().optional(),
    cvAucInterval: z.tuple([z.number(), z.number()]),
    threshold: z.number(),
    /** How the threshold was chosen (from the config the stage ran with). */
    thresholdRule: z.object({ rule: z.literal("min_recall"), minRecall: z.number() }),
    holdout: z.object({
      auc: z.number(),
      confusion: z.object({
        tp: z.number().int(),
        fp: z.number().int(),
        tn: z.number().int(),
        fn: z.number().int(),
      }),
      precision: z.number(),
      recall: z.number(),
      f1: z.number(),
      brier: z.number(),
      /** The first point's threshold is +∞ (nobody flagged): `null`. */
      roc: z.array(z.object({ threshold: z.number().nullable(), fpr: z.number(), tpr: z.number() })),
      pr: z.array(z.object({ threshold: z.number().nullable(), precision: z.number(), recall: z.number() })),
      reliability: reliabilityBins,
    }),
  }),
});

/** metrics.json. */
export type MetricsArtifact = z.infer<typeof METRICS_SCHEMA>;
/** One family's row of metrics.json. */
export type FamilyMetrics = MetricsArtifact["families"][number];

/** How metrics.json is stored. */
export const METRICS_FILE: ArtifactSpec<typeof METRICS_SCHEMA> = {
  file: "metrics.json",
  schemaVersion: METRICS_SCHEMA_VERSION,
  schema: METRICS_SCHEMA,
  writtenBy: "the model stage",
  pretty: true,
};

const interval = (x: readonly number[]): [number, number] => [r6(x[0]!), r6(x[1]!)];

/** The margin of a choice, as metrics.json stores it (without the sentence). */
export type SelectionFigures = Omit<z.infer<typeof selectionMetrics>, "sentence">;

/**
 * The choice in one sentence a manager understands: which model, its score,
 * the margin over the runner-up, and — when the margin is within one
 * standard error — that the models are equally good here and what tipped it.
 *
 * @example
 * ```ts
 * selectionSentence({
 *   chosen: "svc", chosenAuc: 0.918, runnerUp: "knn", runnerUpAuc: 0.916, margin: 0.002,
 *   standardError: 0.014, withinOneStandardError: true, nestedWins: 3, nestedFolds: 5,
 * }); // "Выбрана модель «Метод опорных векторов»: … одинаково хороши …"
 * ```
 */
export function selectionSentence(s: SelectionFigures): string {
  const chosen = `«${familyLabel(s.chosen)}»`;
  const head = `Выбрана модель ${chosen}: она лучше других отличает покупателей, чья активность снизится ` +
    `(ROC-AUC на кросс-валидации ${ruScore(s.chosenAuc)})`;
  if (s.runnerUp === null || s.margin === null || s.runnerUpAuc === null) return `${head}.`;
  const versus = `${head}, у следующей — «${familyLabel(s.runnerUp)}» — ${ruScore(s.runnerUpAuc)}`;
  const se = `одной стандартной ошибки (${ruScore(s.standardError)})`;
  const nested = s.nestedWins !== null && s.nestedFolds !== null
    ? `; при вложенной проверке тот же выбор сделан в ${ruInt(s.nestedWins)} из ${ruInt(s.nestedFolds)} разбиений`
    : "";
  if (!s.withinOneStandardError) {
    return `${versus}; перевес ${ruScore(s.margin)} больше ${se}, то есть выбор устойчив${nested}.`;
  }
  return `${versus}; разница ${ruScore(s.margin)} меньше ${se}, то есть на этих данных модели одинаково хороши, ` +
    `и выбор решило лишь чуть большее среднее на тех же фолдах${nested}.`;
}

/**
 * metrics.json from a finished model stage and the config it ran with.
 *
 * @example
 * ```ts
 * import type pl from "nodejs-polars";
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import { selectModel } from "../selection/select_model.ts";
 * declare const frame: pl.DataFrame;
 * const metrics = buildMetricsArtifact(await selectModel(frame), DEFAULT_CONFIG);
 * metrics.best.holdout.auc;
 * ```
 */
export function buildMetricsArtifact(
  stage: ModelStage,
  config: RunConfig,
  stability?: StabilityMetrics | undefined,
): MetricsArtifact {
  const { best } = stage;
  const family = (f: ModelStage["families"][number]): FamilyMetrics => ({
    family: f.family,
    params: f.params,
    scaler: f.scaler,
    cvAuc: r6(f.cvAuc),
    cvAucStd: r6(f.cvAucStd),
    testAuc: r6(f.testAuc),
    fits: f.fits,
    seconds: r6(f.seconds),
    repeatedCv: { mean: r6(f.repeatedCv.mean), std: r6(f.repeatedCv.std), interval: interval(f.repeatedCv.interval) },
  });
  const h = best.holdout;
  const at = (t: number) => finiteOrNull(r6(t));
  const mg = stage.margin;
  const figures: SelectionFigures = {
    ...mg,
    chosenAuc: r6(mg.chosenAuc),
    runnerUpAuc: mg.runnerUpAuc === null ? null : r6(mg.runnerUpAuc),
    margin: mg.margin === null ? null : r6(mg.margin),
    standardError: r6(mg.standardError),
  };
  const n = stage.nested;
  const outer = (o: { mean: number; std: number; interval: readonly number[]; scores: readonly number[] }) => ({
    mean: r6(o.mean),
    std: r6(o.std),
    interval: interval(o.interval),
    scores: o.scores.map(r6),
  });
  return {
    schemaVersion: METRICS_SCHEMA_VERSION,
    config,
    data: {
      customers: stage.table.y.length,
      train: stage.split.train.length,
      test: stage.split.test.length,
      positives: stage.table.y.reduce((a, b) => a + b, 0),
    },
    search: {
      candidates: stage.results.length,
      fits: stage.families.reduce((s, f) => s + f.fits, 0),
      seconds: r6(stage.searchSeconds),
    },
    families: stage.families.map(family),
    selection: { ...figures, sentence: selectionSentence(figures) },
    nestedCv: n === null ? null : {
      outerFolds: n.outerFolds,
      repeats: n.repeats,
      innerFolds: n.innerFolds,
      seconds: r6(n.seconds),
      selected: outer(n.selected),
      families: n.families.map((f) => ({ family: f.family, wins: f.wins, ...outer(f) })),
      folds: n.folds.map((f) => ({ repeat: f.repeat, fold: f.fold, winner: f.winner, selectedAuc: r6(f.selectedAuc) })),
    },
    ...(stability === undefined ? {} : { stability: roundStability(stability) }),
    best: {
      ...family(best),
      calibration: calibrationOf(stage),
      cvAucInterval: interval(best.repeatedCv.interval),
      threshold: r6(best.threshold),
      thresholdRule: { rule: config.threshold.rule, minRecall: config.threshold.minRecall },
      holdout: {
        auc: r6(h.auc),
        confusion: h.confusion,
        precision: r6(h.precision),
        recall: r6(h.recall),
        f1: r6(h.f1),
        brier: r6(h.brier),
        roc: h.roc.map((p) => ({ threshold: at(p.threshold), fpr: r6(p.fpr), tpr: r6(p.tpr) })),
        pr: h.pr.map((p) => ({ threshold: at(p.threshold), precision: r6(p.precision), recall: r6(p.recall) })),
        reliability: bins(h.reliability),
      },
    },
  };
}

const bins = (r: readonly ReliabilityBin[]) =>
  r.map((b) => ({ ...b, meanPredicted: r6(b.meanPredicted), observedRate: r6(b.observedRate) }));

/** The calibration figures of a stage, rounded. */
function calibrationOf(stage: ModelStage): z.infer<typeof calibrationMetrics> | null {
  const c = stage.calibration;
  if (c === null) return null;
  return {
    method: c.method,
    rule: c.rule,
    folds: c.folds,
    rows: c.rows,
    minIsotonicRows: c.minIsotonicRows,
    innerBrier: { sigmoid: r6(c.innerBrier.sigmoid), isotonic: r6(c.innerBrier.isotonic) },
    innerStandardError: r6(c.innerStandardError),
    training: { brierBefore: r6(c.training.before.brier), brierAfter: r6(c.training.after.brier) },
    holdout: c.holdout === undefined ? null : {
      brierBefore: r6(c.holdout.before.brier),
      brierAfter: r6(c.holdout.after.brier),
      reliabilityBefore: bins(c.holdout.before.reliability),
      reliabilityAfter: bins(c.holdout.after.reliability),
    },
  };
}

function roundStability(s: StabilityMetrics): StabilityMetrics {
  const rr = (r: { min: number; max: number }) => ({ min: r6(r.min), max: r6(r.max) });
  return {
    runSeed: s.runSeed,
    seeds: [...s.seeds],
    customers: s.customers,
    runs: s.runs.map((r) => ({
      seed: r.seed,
      winner: r.winner,
      threshold: r6(r.threshold),
      holdoutAuc: r6(r.holdoutAuc),
      flagged: r.flagged,
      profitAtRisk: r6(r.profitAtRisk),
      expectedNet: r6(r.expectedNet),
      sameFlag: r6(r.sameFlag),
      sameActionSegment: r6(r.sameActionSegment),
      sameAction: r6(r.sameAction),
      actionChanged: r.actionChanged,
    })),
    winners: s.winners.map((w) => ({ ...w })),
    threshold: rr(s.threshold),
    holdoutAuc: rr(s.holdoutAuc),
    flagged: rr(s.flagged),
    profitAtRisk: rr(s.profitAtRisk),
    expectedNet: rr(s.expectedNet),
    sameFlag: rr(s.sameFlag),
    sameAction: rr(s.sameAction),
    flagSameUnderAll: r6(s.flagSameUnderAll),
    actionSameUnderAll: r6(s.actionSameUnderAll),
  };
}

/**
 * Writes `dir/metrics.json` (atomic).
 *
 * @example
 * ```ts
 * declare const metrics: MetricsArtifact;
 * await writeMetrics("out/artifacts", metrics);
 * ```
 */
export function writeMetrics(dir: string, artifact: MetricsArtifact): Promise<void> {
  return writeArtifact(METRICS_FILE, dir, artifact);
}

/**
 * Reads and validates `dir/metrics.json`; any problem is one DataError naming the file and field.
 *
 * @example
 * ```ts
 * (await readMetrics("out/artifacts")).best.threshold;
 * ```
 */
export function readMetrics(dir: string): Promise<MetricsArtifact> {
  return readArtifact(METRICS_FILE, dir);
}
