/**
 * The slow stages with an on-disk cache (`src/cache/`): the model stage (the
 * search, the quality estimate, the threshold) and the explanation stage
 * (SHAP for every customer). A re-run with the same input, the same
 * settings that stage reads and the same code loads the result instead of
 * computing it; the data stage (well under a second) and the segment stage
 * (milliseconds) always run.
 *
 * A model entry holds the four artifact files; on a hit they are parsed
 * (a file that no longer parses is a corrupt entry: a warning, then the
 * stage runs) and written again with the run's full configuration, so keys
 * that only later stages read do not invalidate it (horizon, significance,
 * segments, campaign only without the seed stability, whose decisions read
 * them; explain and the money unit always). An explanation entry holds the
 * SHAP values themselves (exact doubles: the reasons downstream are
 * identical to a fresh run's).
 *
 * @module
 */
import type { z } from "zod";
import { type ArtifactSpec, parseArtifact } from "../artifacts/artifact_file.ts";
import * as a from "../artifacts/mod.ts";
import { parseModel } from "../artifacts/model.ts";
import { codeHash } from "../cache/code_hash.ts";
import { cacheKey, frameHash } from "../cache/key.ts";
import { CacheStore, type EntryFiles, sha256 } from "../cache/store.ts";
import type { RunConfig } from "../config/run_config.ts";
import type { Explanation } from "../explain/explanation.ts";
import type { FeatureTable } from "../features/feature_table.ts";
import type { FittedPipeline } from "../models/pipeline.ts";
import type { DataResult } from "./data_stage.ts";
import { type ExplainResult, explainsAtScale, runExplainStage } from "./explain_stage.ts";
import { type RunOptions, runSampledModelStage } from "./model_stage.ts";
import { runStabilityStage, type StabilityResult } from "./stability_stage.ts";
import { type ModelArtifacts, saveModel } from "./save.ts";
import { join } from "node:path";

/** How a cached stage uses the cache. */
export interface StageCache {
  store: CacheStore;
  /** Compute and overwrite, never load (`--fresh`). */
  fresh: boolean;
  /** Receives one line per stage: loaded from the cache, or computed and saved. */
  log: (line: string) => void;
}

/**
 * The cache the notebooks and commands use: `$ONECLICK_CACHE_DIR` or the
 * project's `.cache/`; `$ONECLICK_FRESH=1` (the build's `--fresh`) recomputes.
 *
 * @example
 * ```ts
 * const cache = stageCache({ log: () => {} });
 * cache.fresh; // false unless ONECLICK_FRESH=1
 * ```
 */
export function stageCache(o: Partial<StageCache> & { dir?: string } = {}): StageCache {
  const log = o.log ?? ((line: string) => console.error(line));
  return {
    store: o.store ?? new CacheStore({ dir: o.dir, warn: log }),
    fresh: o.fresh ?? Deno.env.get("ONECLICK_FRESH") === "1",
    log,
  };
}

/**
 * Configuration keys the model stage does not read (they only change later
 * stages) — except that the seed stability makes every seed's decisions, so
 * with it only the explanation settings and the money unit's name stay out.
 */
const DOWNSTREAM_KEYS = ["horizonMonths", "significance", "segments", "explain", "campaign", "moneyUnit"] as const;
const DOWNSTREAM_OF_STABILITY = ["explain", "moneyUnit"] as const;

/** The configuration as the model stage sees it. */
function modelConfig(config: RunConfig): Record<string, unknown> {
  const c: Record<string, unknown> = { ...config };
  for (const k of config.stability.seeds.length === 0 ? DOWNSTREAM_KEYS : DOWNSTREAM_OF_STABILITY) delete c[k];
  return c;
}

const MODEL_CODE = ["src/stages/model_stage.ts", "src/stages/stability_stage.ts", "src/stages/save.ts"];
const EXPLAIN_CODE = ["src/stages/explain_stage.ts"];
const enc = new TextEncoder(), dec = new TextDecoder();
const short = (key: string) => key.slice(0, 12);

/**
 * The model stage with the seed stability (`stability.seeds`) and its
 * artifacts (metrics.json, search.json, model.json, predictions.json written
 * into `out`), from the cache when the customers
 * (the frame's content, derived features included), the cleaning rules,
 * the model settings of `config` and the code are unchanged.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import type { DataResult } from "./data_stage.ts";
 * declare const data: DataResult;
 * const { metrics } = await cachedModelStage("out/dev", data, DEFAULT_CONFIG, { workers: 2 }, stageCache());
 * metrics.best.family; // "svc" — in well under a second the second time
 * ```
 */
export async function cachedModelStage(
  out: string,
  data: DataResult,
  config: RunConfig,
  run: RunOptions = {},
  cache: StageCache = stageCache(),
): Promise<ModelArtifacts> {
  const key = cacheKey({
    stage: "model",
    frame: frameHash(data.frame),
    revenueRules: data.summary.revenueRules,
    config: modelConfig(config),
    code: await codeHash(MODEL_CODE),
  });
  if (!cache.fresh) {
    const entry = await cache.store.get("model", key);
    if (entry !== undefined) {
      const loaded = parseModelEntry(entry.files, cache, key);
      if (loaded !== undefined) {
        const artifacts = {
          metrics: { ...loaded.metrics, config },
          search: { ...loaded.search, config },
          model: a.sealModel({ ...loaded.model, config }),
          predictions: { ...loaded.predictions, config },
        };
        await a.writeMetrics(out, artifacts.metrics);
        await a.writeSearch(out, artifacts.search);
        await a.writeModel(out, artifacts.model);
        await a.writePredictions(out, artifacts.predictions);
        cache.log(`Model stage: loaded from the cache (${short(key)}, computed ${entry.created}).`);
        return artifacts;
      }
    }
  }
  const t0 = performance.now();
  // A large export trains on its sample (drawn from the frame, `training.sampleSize` and the seed: all in the key).
  const { train, sample, stage } = await runSampledModelStage(data, config, run);
  // How much the decision depends on the seed: the other seeds' model stages, cached with this one.
  const stability = config.stability.seeds.length === 0
    ? undefined
    : withoutTiming(await runStabilityStage(train, config, { ...run, baseline: stage }));
  const artifacts = await saveModel(out, data, stage, config, stability, sample);
  const files: EntryFiles = new Map();
  for (const name of MODEL_FILES) files.set(name, await Deno.readFile(join(out, name)));
  await cache.store.put("model", key, files);
  cache.log(`Model stage: computed in ${((performance.now() - t0) / 1000).toFixed(1)} s and cached (${short(key)}).`);
  return artifacts;
}

/** The stability figures without their wall-clock time (metrics.json records results, the run's log the times). */
function withoutTiming(s: StabilityResult): a.StabilityMetrics {
  const { seconds: _, ...rest } = s;
  return rest;
}

const MODEL_FILES = ["metrics.json", "search.json", a.MODEL_FILE, "predictions.json"] as const;

/** The four artifacts of a model entry, or undefined (with a warning) when one does not parse. */
function parseModelEntry(files: EntryFiles, cache: StageCache, key: string): ModelArtifacts | undefined {
  const text = (name: string) => {
    const bytes = files.get(name);
    if (bytes === undefined) throw new Error(`${name} is missing`);
    return dec.decode(bytes);
  };
  const parse = <S extends z.ZodType>(spec: ArtifactSpec<S>) => parseArtifact(spec, text(spec.file), spec.file);
  try {
    return {
      metrics: parse(a.METRICS_FILE),
      search: parse(a.SEARCH_FILE),
      model: parseModel(text(a.MODEL_FILE), a.MODEL_FILE),
      predictions: parse(a.PREDICTIONS_FILE),
    };
  } catch (e) {
    cache.log(`Warning: cache entry model/${short(key)} does not parse (${firstLine(e)}); recomputing.`);
    return undefined;
  }
}

const firstLine = (e: unknown) => String((e as Error)?.message ?? e).split("\n")[0];

/** The content hash of a feature table (column names, types and values). */
function tableHash(t: FeatureTable): string {
  const parts: string[] = [`rows ${t.rows}`];
  for (const name of Object.keys(t.numeric).sort()) {
    const col = t.numeric[name]!;
    parts.push(`n ${name} ${sha256(new Uint8Array(col.buffer, col.byteOffset, col.byteLength))}`);
  }
  for (const name of Object.keys(t.categorical).sort()) {
    parts.push(`c ${name} ${sha256(JSON.stringify(t.categorical[name]))}`);
  }
  return sha256(parts.join("\n"));
}

/** The settings the explanation stage reads (and, at scale, how many customers it explains exactly). */
const explainConfig = (config: RunConfig, rows: number) =>
  explainsAtScale(rows, config)
    ? { seed: config.seed, explain: config.explain, atScale: config.training.sampleSize }
    : { seed: config.seed, explain: config.explain };

/**
 * The explanation stage, from the cache when the pipeline, the customers
 * explained, the background rows, the explanation settings and the code are
 * unchanged.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import type { SavedModel } from "./save.ts";
 * declare const saved: SavedModel;
 * const e = await cachedExplainStage(saved.pipeline, saved.table.features, saved.background, DEFAULT_CONFIG);
 * e.explanation.rows; // customers explained
 * ```
 */
export async function cachedExplainStage(
  pipeline: FittedPipeline,
  rows: FeatureTable,
  background: FeatureTable,
  config: RunConfig,
  run: RunOptions = {},
  cache: StageCache = stageCache(),
): Promise<ExplainResult> {
  const key = cacheKey({
    stage: "explain",
    pipeline: sha256(a.canonicalJson(pipeline.toJSON())),
    rows: tableHash(rows),
    background: tableHash(background),
    config: explainConfig(config, rows.rows),
    code: await codeHash(EXPLAIN_CODE),
  });
  if (!cache.fresh) {
    const entry = await cache.store.get("explain", key);
    const explanation = entry && parseExplanation(entry.files.get("explanation.json"), rows.rows);
    if (entry && explanation) {
      cache.log(`Explanations: loaded from the cache (${short(key)}, computed ${entry.created}).`);
      return { explanation, rows, seconds: (entry.meta as { seconds?: number } | null)?.seconds ?? 0 };
    }
    if (entry) cache.log(`Warning: cache entry explain/${short(key)} does not parse; recomputing.`);
  }
  const result = await runExplainStage(pipeline, rows, background, config, run);
  const e = result.explanation;
  const json = JSON.stringify({ ...e, phi: Array.from(e.phi), value: Array.from(e.value) });
  await cache.store.put("explain", key, new Map([["explanation.json", enc.encode(json)]]), {
    seconds: result.seconds,
  });
  cache.log(`Explanations: computed in ${result.seconds.toFixed(1)} s and cached (${short(key)}).`);
  return result;
}

/** An explanation read back (JSON numbers round-trip doubles exactly), or undefined when malformed. */
function parseExplanation(bytes: Uint8Array | undefined, rows: number): Explanation | undefined {
  if (bytes === undefined) return undefined;
  try {
    const o = JSON.parse(dec.decode(bytes));
    const ok = (o.output === "probability" || o.output === "log-odds") && Array.isArray(o.features) &&
      typeof o.base === "number" && o.rows === rows && Array.isArray(o.phi) &&
      o.phi.length === rows * o.features.length && Array.isArray(o.value) && o.value.length === rows &&
      typeof o.method === "string";
    if (!ok) return undefined;
    return { ...o, phi: Float64Array.from(o.phi), value: Float64Array.from(o.value) } as Explanation;
  } catch {
    return undefined;
  }
}
