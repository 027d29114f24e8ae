/**
 * The run's stages in data-flow order: data → model → explain → segments
 * (with the offers). Each takes typed inputs and the {@linkcode RunConfig}
 * and returns a typed result; writing artifacts is a separate step
 * (`save.ts`), so the CLI, the notebooks and the benchmarks call the same
 * functions and only the edges touch files.
 *
 * @module
 */
export { type DataResult, runDataStage, withFeatures } from "./data_stage.ts";
export type { DerivedFeature } from "../features/derived.ts";
export { runModelStage } from "./model_stage.ts";
export { type ExplainResult, runExplainStage } from "./explain_stage.ts";
export { runSegmentsStage } from "./segments_stage.ts";
export type { RunConfig } from "../config/run_config.ts";
