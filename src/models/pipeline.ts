/**
 * A pipeline: preprocessing steps then a classifier, fitted together on the
 * same training rows, applied together to new rows, stored together.
 *
 * @module
 */
import type { FeatureTable } from "../features/feature_table.ts";
import {
  type ColumnStep,
  fitColumnTransformer,
  type FittedColumnTransformer,
  fittedColumnTransformer,
  type FittedStep,
} from "./column_transformer.ts";
import type { Classifier, FitOptions, FittedClassifier, Labels, ModelJSON } from "./estimator.ts";
import { modelFromJSON } from "./registry.ts";

/** A fitted pipeline as plain data. */
export interface PipelineJSON {
  steps: FittedStep[];
  /** The model's input columns, in order (for reading coefficients and explanations). */
  outputNames: string[];
  model: ModelJSON;
}

/** A fitted pipeline. */
export interface FittedPipeline {
  readonly preprocess: FittedColumnTransformer;
  readonly model: FittedClassifier;
  predictProba(t: FeatureTable): Float64Array;
  decisionFunction(t: FeatureTable): Float64Array;
  toJSON(): PipelineJSON;
}

/**
 * Fits the preprocessing on `t`, then the model on the transformed rows.
 *
 * @example
 * ```ts
 * import { LogisticRegression } from "./logistic.ts";
 * const train = { rows: 4, numeric: { minutes: Float64Array.of(20, 18, 8, 6) }, categorical: {} };
 * const y = Uint8Array.of(0, 0, 1, 1);
 * const steps = [{ transformer: { kind: "standard" as const }, columns: ["minutes"] }];
 * const p = fitPipeline(steps, new LogisticRegression({ penalty: "l2", C: 1 }), train, y);
 * p.predictProba(train)[3]! > 0.5; // true
 * ```
 */
export function fitPipeline(
  steps: readonly ColumnStep[],
  model: Classifier,
  t: FeatureTable,
  y: Labels,
  options: FitOptions = {},
): FittedPipeline {
  const preprocess = fitColumnTransformer(steps, t);
  return fittedPipeline(preprocess, model.fit(preprocess.transform(t), y, options));
}

/** Rebuilds a fitted pipeline from model.json's data. */
export function pipelineFromJSON(json: PipelineJSON): FittedPipeline {
  return fittedPipeline(fittedColumnTransformer(json.steps), modelFromJSON(json.model));
}

/** A pipeline from an already fitted preprocessing and model. */
export function fittedPipeline(preprocess: FittedColumnTransformer, model: FittedClassifier): FittedPipeline {
  return {
    preprocess,
    model,
    predictProba: (t) => model.predictProba(preprocess.transform(t)),
    decisionFunction: (t) => model.decisionFunction(preprocess.transform(t)),
    toJSON: () => ({ steps: [...preprocess.steps], outputNames: [...preprocess.outputNames], model: model.toJSON() }),
  };
}
