/**
 * The EDA stage: distributions by class, associations, VIF and the
 * conclusions drawn from them.
 *
 * @module
 */
import type { RunConfig } from "../config/run_config.ts";
import { edaConclusions, type EdaSummary, edaSummary } from "../eda/mod.ts";
import type { DataResult } from "./data_stage.ts";

/** The summary and its conclusions in words. */
export interface EdaResult {
  summary: EdaSummary;
  conclusions: string[];
}

/**
 * Summarises the data stage's customers.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import type { DataResult } from "./data_stage.ts";
 * import { runEdaStage } from "./eda_stage.ts";
 * declare const data: DataResult;
 * const eda = runEdaStage(data, DEFAULT_CONFIG);
 * eda.conclusions[0]; // the class balance in words
 * ```
 */
export function runEdaStage(data: DataResult, _config: RunConfig): EdaResult {
  const summary = edaSummary(data.frame);
  return { summary, conclusions: edaConclusions(summary) };
}
