/**
 * The data stage: read, validate, clean and merge the four tables of a
 * source into one row per customer, with the data-quality summary and the
 * export's identity (folder name, export date, short hash).
 *
 * @module
 */
import type pl from "nodejs-polars";
import type { RunConfig } from "../config/run_config.ts";
import { type DataIdentity, dataIdentity, EXPORT_DATE_EXPECTED, parseExportDate } from "../data/identity.ts";
import { loadDataset, type QualitySummary } from "../data/load.ts";
import { type DataSource, DEMO_NOTE } from "../data/source.ts";
import { addFeatures, type DerivedFeature } from "../features/derived.ts";

/** The merged frame and what loading found, with where the data came from and which export it is. */
export interface DataResult {
  frame: pl.DataFrame;
  summary: QualitySummary & { source: DataSource & { note?: string; identity: DataIdentity } };
}

/** Options of {@linkcode runDataStage}. */
export interface DataStageOptions {
  /** The export's date as the user states it (`--data-date`, or the notebooks' `dataDate` parameter), YYYY-MM-DD; wins over the files' dates. */
  dataDate?: string | undefined;
}

/**
 * Loads `source`. Throws a `DataError` listing every problem of the input.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import { resolveSource } from "../data/source.ts";
 * const data = await runDataStage(await resolveSource("../shared/data/one-click"), DEFAULT_CONFIG, {
 *   dataDate: "2026-11-30",
 * });
 * data.summary.customers; // 1297
 * data.summary.source.identity.exportDate; // "2026-11-30"
 * ```
 */
export async function runDataStage(
  source: DataSource,
  _config: RunConfig,
  options: DataStageOptions = {},
): Promise<DataResult> {
  const exportDate = options.dataDate === undefined ? undefined : parseExportDate(options.dataDate);
  // Callers check the flag or variable and say which; reaching here with a bad date is a bug.
  if (options.dataDate !== undefined && exportDate === undefined) {
    throw new Error(`The data date must be ${EXPORT_DATE_EXPECTED}, got "${options.dataDate}"`);
  }
  const { frame, quality } = await loadDataset(source.dir);
  const identity = await dataIdentity(source.dir, { exportDate });
  const note = source.kind === "demo" ? { note: DEMO_NOTE } : {};
  return { frame, summary: { source: { ...source, ...note, identity }, ...quality } };
}

/**
 * The data stage's result with derived features added as columns: pass it to
 * the model and segment stages (and its frame wherever a frame is taken) and
 * the features reach the search, the explanations and the segment profiles
 * with their Russian labels. Without features, `data` itself is returned.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import { type DataResult, withFeatures } from "./data_stage.ts";
 * import { runModelStage } from "./model_stage.ts";
 * declare const data: DataResult;
 * const wider = withFeatures(data, [{
 *   name: "revenue_trend",
 *   label: "Динамика выручки",
 *   type: "number",
 *   expr: pl.col("revenue_current").div(pl.col("revenue_prev_prev")).minus(1),
 * }]);
 * const model = await runModelStage(wider, DEFAULT_CONFIG);
 * model.table.features.numeric.revenue_trend;
 * ```
 */
export function withFeatures(data: DataResult, features: readonly DerivedFeature[]): DataResult {
  return features.length === 0 ? data : { ...data, frame: addFeatures(data.frame, features) };
}
