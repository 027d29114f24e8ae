/**
 * What the model stage leaves behind: `metrics.json` (families, the best
 * pipeline, its hold-out evaluation, repeated-CV interval), `search.json` (the
 * results table, one row per candidate) and `model.json` (the fitted pipeline
 * with its feature schema, a hash of the training data for provenance and a
 * digest of its own content for integrity; written and read by
 * `model_file.ts`).
 *
 * @module
 */
import type { FeatureTable } from "../features/feature_table.ts";
import { takeTable } from "../features/feature_table.ts";
import { type FeatureSchema, featureSchema } from "../features/feature_schema.ts";
import { takeLabels } from "../models/estimator.ts";
import type { PipelineJSON } from "../models/pipeline.ts";
import type { RevenueRule } from "../data/clean.ts";
import { MODEL_FORMAT, sealModel } from "./model_file.ts";
import type { ModelStage } from "./select_model.ts";

export { type FeatureSchema, featureSchema };

/** Rounds for JSON: enough digits to compare, few enough to read. */
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** model.json */
export interface ModelArtifact {
  /** The file's format version; a reader accepts only this one. */
  format: typeof MODEL_FORMAT;
  /**
   * `sha256:` and the SHA-256 (hex) of the canonical JSON of every other field
   * (see `modelDigest` in model_file.ts): any change after writing shows.
   */
  digest: string;
  family: string;
  params: Record<string, unknown>;
  scaler: string;
  threshold: number;
  /** Columns, categories and numeric ranges of the training rows (drift checks read them). */
  features: FeatureSchema;
  trainingRows: number;
  /**
   * Provenance, not integrity: SHA-256 (hex) of the training rows the model
   * was fitted on — each numeric column's float64 bytes and each categorical
   * column's values, columns by sorted name, then the labels (see
   * {@linkcode dataHash}). Equal hashes mean the same training data.
   */
  trainingDataHash: string;
  /**
   * The training data's cleaning statistics that scoring applies, so that a
   * customer's score never depends on who else is in the scored file.
   */
  cleaning: { revenueRules: RevenueRule[] };
  pipeline: PipelineJSON;
}

/** model.json's content before its digest is added. */
export type ModelContent = Omit<ModelArtifact, "digest">;

/** Builds metrics.json's object. */
export function metricsJson(stage: ModelStage) {
  const { best } = stage;
  const family = (f: ModelStage["families"][number]) => ({
    family: f.family,
    params: f.params,
    scaler: f.scaler,
    cvAuc: r6(f.cvAuc),
    cvAucStd: r6(f.cvAucStd),
    testAuc: r6(f.testAuc),
    fits: f.fits,
    seconds: r6(f.seconds),
    repeatedCv: { mean: r6(f.repeatedCv.mean), std: r6(f.repeatedCv.std), interval: f.repeatedCv.interval.map(r6) },
  });
  const h = best.holdout;
  return {
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
      testAuc: r6(best.testAuc),
      cvAucInterval: best.repeatedCv.interval.map(r6),
      threshold: r6(best.threshold),
      thresholdRule: best.thresholdRule,
      holdout: {
        auc: r6(h.auc),
        confusion: h.confusion,
        precision: r6(h.precision),
        recall: r6(h.recall),
        f1: r6(h.f1),
        brier: r6(h.brier),
        roc: h.roc.map((p) => ({ threshold: r6(p.threshold), fpr: r6(p.fpr), tpr: r6(p.tpr) })),
        pr: h.pr.map((p) => ({ threshold: r6(p.threshold), precision: r6(p.precision), recall: r6(p.recall) })),
        reliability: h.reliability.map((b) => ({
          ...b,
          meanPredicted: r6(b.meanPredicted),
          observedRate: r6(b.observedRate),
        })),
      },
    },
  };
}

/** Builds search.json: the results table, one row per candidate. */
export function searchJson(stage: ModelStage) {
  return stage.results.map((r) => ({
    family: r.candidate.family,
    params: r.candidate.params,
    scaler: r.candidate.scaler,
    meanAuc: r6(r.meanAuc),
    stdAuc: r6(r.stdAuc),
    foldAuc: r.foldAuc.map(r6),
    fitSeconds: r6(r.fitSeconds),
  }));
}

/**
 * Builds model.json's object, sealed with its digest. Fields added here must
 * be added before {@linkcode sealModel} (the writer seals again in any case).
 */
export async function modelArtifact(
  stage: ModelStage,
  cleaning: ModelArtifact["cleaning"],
): Promise<ModelArtifact> {
  const train = takeTable(stage.table.features, stage.split.train);
  return sealModel({
    format: MODEL_FORMAT,
    family: stage.best.family,
    params: stage.best.params,
    scaler: stage.best.scaler,
    threshold: stage.best.threshold,
    features: featureSchema(train),
    trainingRows: train.rows,
    trainingDataHash: await dataHash(train, takeLabels(stage.table.y, stage.split.train)),
    cleaning,
    pipeline: stage.pipeline.toJSON(),
  });
}

/** SHA-256 over the training table's columns (in a fixed order) and labels. */
export async function dataHash(t: FeatureTable, y: Uint8Array): Promise<string> {
  const parts: Uint8Array[] = [];
  const enc = new TextEncoder();
  for (const k of Object.keys(t.numeric).sort()) {
    parts.push(enc.encode(k), new Uint8Array(t.numeric[k]!.buffer.slice(0)));
  }
  for (const k of Object.keys(t.categorical).sort()) {
    parts.push(enc.encode(k + "\u0000" + t.categorical[k]!.join("\u0000")));
  }
  parts.push(y);
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) all.set(p, at), at += p.length;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", all));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
