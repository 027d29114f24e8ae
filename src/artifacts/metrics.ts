/**
 * metrics.json: the model stage's scores — the data split, the search's
 * size, each family's best candidate with its CV, hold-out and repeated-CV
 * AUC, and the selected model with its threshold (and the rule that chose
 * it), its hold-out confusion matrix and its ROC, PR and reliability curves.
 * The model families' ids and Russian names are defined here, once.
 *
 * @module
 */
import * as z from "zod";
import type { RunConfig } from "../config/run_config.ts";
import type { ModelStage } from "../selection/select_model.ts";
import { type ArtifactSpec, CONFIG_FIELD, finiteOrNull, r6, readArtifact, writeArtifact } from "./artifact_file.ts";

/** The version of metrics.json this code writes and reads. */
export const METRICS_SCHEMA_VERSION = 1;

/** The model families by their registry id (`src/models/registry.ts`). */
export const FAMILY = z.enum(["knn", "tree", "logistic", "svc"]);

/** Russian names of the model families: the one list the report and the charts print. */
export const FAMILY_LABELS: Record<z.infer<typeof FAMILY>, string> = {
  knn: "k ближайших соседей",
  tree: "Дерево решений",
  logistic: "Логистическая регрессия",
  svc: "Метод опорных векторов",
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
  best: familyMetrics.extend({
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
      reliability: z.array(z.object({
        from: z.number(),
        to: z.number(),
        count: z.number().int(),
        meanPredicted: z.number(),
        observedRate: z.number(),
      })),
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
export function buildMetricsArtifact(stage: ModelStage, config: RunConfig): MetricsArtifact {
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
    best: {
      ...family(best),
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
        reliability: h.reliability.map((b) => ({
          ...b,
          meanPredicted: r6(b.meanPredicted),
          observedRate: r6(b.observedRate),
        })),
      },
    },
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
