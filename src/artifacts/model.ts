/**
 * model.json: the fitted pipeline with its feature schema, the training
 * data's cleaning rules (what scoring applies), a hash of the training data
 * for provenance, the run's config, and a digest of its own content for
 * integrity — its type, builder, the one writer and the one validating reader.
 *
 * Unlike the other artifacts it is checked by hand, field by field, and then
 * by digest, since a model file travels alone (to `oneclick score`) and
 * must name precisely which part of a damaged file is wrong; its config is
 * checked with the run configuration's zod schema.
 *
 * The writer refuses numbers JSON cannot hold (NaN and ±Infinity would turn
 * into `null` silently) and seals the file with a digest of its own content.
 * The reader checks the structure field by field, then the digest, then that
 * the pipeline rebuilds, so a damaged or edited model is one clear message
 * naming the file and never a wrong score.
 *
 * The digest is `sha256:` + the SHA-256 (hex) of the canonical JSON of every
 * field but `digest` itself, in the spirit of RFC 8785 (JCS): object keys
 * sorted by UTF-16 code units, no whitespace, strings and numbers as
 * `JSON.stringify` writes them (numbers in their shortest round-trip form, so
 * parsing and writing again gives the same text), absent fields left out. It
 * is generic over the fields, so a field added to the artifact is covered
 * without changes here. It guards against accidental or careless edits, not
 * against someone who recomputes it.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { RUN_CONFIG_SCHEMA, type RunConfig } from "../config/run_config.ts";
import type { RevenueRule } from "../data/clean.ts";
import { DataError, type Problem } from "../data/errors.ts";
import { type FeatureSchema, featureSchema } from "../features/feature_schema.ts";
import { type FeatureTable, takeTable } from "../features/feature_table.ts";
import { type Calibrator, isCalibrator } from "../models/calibration.ts";
import { takeLabels } from "../models/estimator.ts";
import { pipelineFromJSON, type PipelineJSON } from "../models/pipeline.ts";
import type { ModelStage } from "../selection/select_model.ts";
import { quantile } from "../stats/quantile.ts";
import { parseJsonText, unsafeJsonValue, writeFileAtomic } from "./artifact_file.ts";

export { unsafeJsonValue };

/**
 * The version this code writes and reads. Versions 1 and 2 named it in a
 * `format` field ("oneclick-model/2"); from 3 on it is `schemaVersion`, as in
 * every artifact, and the file records the run's config.
 */
export const MODEL_SCHEMA_VERSION = 3;

/** model.json */
export interface ModelArtifact {
  /** The file's schema version; a reader accepts only this one. */
  schemaVersion: typeof MODEL_SCHEMA_VERSION;
  /**
   * `sha256:` and the SHA-256 (hex) of the canonical JSON of every other field
   * (see {@linkcode modelDigest}): any change after writing shows.
   */
  digest: string;
  /** The run configuration the model was selected with. */
  config: RunConfig;
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
  /**
   * Optional: the calibration of the pipeline's probability (Platt or
   * isotonic, `src/models/calibration.ts`). When present, the model's
   * probability is the calibrated one — scoring applies it after the
   * pipeline — and `threshold` is on that calibrated scale. Files written
   * before it existed have none and score the pipeline's probability.
   */
  calibration?: Calibrator;
  /**
   * Optional: what the run's action segments (`src/decisions/action_segments.ts`)
   * need besides a customer's own label, probability and profit, so that
   * `oneclick score` and the exported SQL place a customer as the report's
   * run did. Files written before it existed have none: scoring then leaves
   * the action segment empty. Covered by the digest like every field.
   */
  decisions?: ModelDecisions;
}

/**
 * The run's cut for "valuable" customers: monthly profit at or above
 * `valueCut` (the `profitQuantile` quantile of the run's customers' monthly
 * profit, the risk × profit matrix's `profitCut`). The other cut, the risk
 * threshold, is model.json's `threshold`.
 */
export interface ModelDecisions {
  /** The run's `segments.profitQuantile`. */
  profitQuantile: number;
  /** Monthly profit (money.csv's unit) at that quantile of the run's customers. */
  valueCut: number;
}

/** model.json's content before its digest is added. */
export type ModelContent = Omit<ModelArtifact, "digest">;

/** The file name in an artifact folder. */
export const MODEL_FILE = "model.json";

/** Longest value, and longest parser message, quoted in a message. */
const VALUE_CHARS = 60, REASON_CHARS = 160;

/**
 * JSON text in canonical form: sorted keys, no whitespace, shortest numbers.
 * Takes plain JSON data only (what `JSON.parse` returns).
 *
 * @example
 * ```ts
 * canonicalJson({ b: [1.50, "x"], a: null }); // '{"a":null,"b":[1.5,"x"]}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`canonicalJson: ${value} is not a JSON number`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
  }
  throw new Error(`canonicalJson: a ${typeof value} is not JSON data`);
}

/**
 * The digest of a model's content: `sha256:` and the hex SHA-256 of the
 * canonical JSON of every field except `digest`.
 *
 * @example
 * ```ts
 * modelDigest({ schemaVersion: 3, threshold: 0.5 }) === modelDigest({ threshold: 0.5, schemaVersion: 3 }); // true
 * ```
 */
export function modelDigest(content: object): string {
  const { digest: _, ...rest } = content as Record<string, unknown>;
  return "sha256:" + createHash("sha256").update(canonicalJson(rest)).digest("hex");
}

/**
 * The artifact with its digest, as a reader will see it after a JSON round
 * trip. Throws (an internal error: the model stage made it) when any field
 * holds NaN, ±Infinity or anything else JSON would silently change.
 *
 * @example
 * ```ts
 * declare const content: ModelContent;
 * const sealed = sealModel(content);
 * sealed.digest; // "sha256:…"
 * ```
 */
export function sealModel(content: ModelContent | ModelArtifact): ModelArtifact {
  const { digest: _, ...rest } = content as ModelArtifact;
  const bad = unsafeJsonValue(rest);
  if (bad) {
    throw new Error(
      `model.json not written: field ${bad.path} is ${bad.what}; a model file holds finite numbers and plain data only`,
    );
  }
  const plain = JSON.parse(JSON.stringify(rest)) as ModelContent;
  const { schemaVersion, ...fields } = plain;
  return { schemaVersion, digest: modelDigest(plain), ...fields };
}

/**
 * model.json's text: the sealed artifact, pretty-printed, with a final
 * newline. The one writer of the format; throws as {@linkcode sealModel}.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import type { ModelStage } from "../selection/select_model.ts";
 * declare const stage: ModelStage;
 * import type { RevenueRule } from "../data/clean.ts";
 * declare const revenueRules: RevenueRule[];
 * const text = modelText(await buildModelArtifact({ stage, revenueRules }, DEFAULT_CONFIG));
 * ```
 */
export function modelText(content: ModelContent | ModelArtifact): string {
  return JSON.stringify(sealModel(content), null, 2) + "\n";
}

/**
 * Writes `dir/model.json` (atomic), sealed; throws as {@linkcode sealModel}.
 *
 * @example
 * ```ts
 * declare const model: ModelArtifact;
 * await writeModel("out/artifacts", model);
 * ```
 */
export function writeModel(dir: string, artifact: ModelContent | ModelArtifact): Promise<void> {
  return writeFileAtomic(dir, MODEL_FILE, modelText(artifact));
}

/**
 * model.json's object for a finished model stage, sealed with its digest:
 * the selected pipeline, the training rows' feature schema and hash, the
 * data stage's revenue rules (what scoring applies), the config and, when
 * given, the calibrator (then `threshold` must be on the calibrated scale:
 * pass the threshold chosen on calibrated probabilities) and, when `profit`
 * (the run's customers' monthly profit, the rows the segments stage cuts) is
 * given, the action segments' value cut (`decisions`).
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import type { QualitySummary } from "../data/load.ts";
 * import type { ModelStage } from "../selection/select_model.ts";
 * declare const stage: ModelStage;
 * declare const quality: QualitySummary;
 * const model = await buildModelArtifact({ stage, revenueRules: quality.revenueRules }, DEFAULT_CONFIG);
 * ```
 */
export async function buildModelArtifact(
  result: {
    stage: ModelStage;
    revenueRules: readonly RevenueRule[];
    calibration?: { calibrator: Calibrator; threshold: number } | undefined;
    profit?: ArrayLike<number> | undefined;
  },
  config: RunConfig,
): Promise<ModelArtifact> {
  const { stage, calibration, profit } = result;
  const train = takeTable(stage.table.features, stage.split.train);
  return sealModel({
    schemaVersion: MODEL_SCHEMA_VERSION,
    config,
    family: stage.best.family,
    params: stage.best.params,
    scaler: stage.best.scaler,
    threshold: calibration ? calibration.threshold : stage.best.threshold,
    features: featureSchema(train),
    trainingRows: train.rows,
    trainingDataHash: await dataHash(train, takeLabels(stage.table.y, stage.split.train)),
    cleaning: { revenueRules: [...result.revenueRules] },
    pipeline: stage.pipeline.toJSON(),
    ...(calibration ? { calibration: calibration.calibrator } : {}),
    ...(profit && profit.length > 0 ? { decisions: modelDecisions(profit, config.segments.profitQuantile) } : {}),
  });
}

/**
 * model.json's `decisions`: the value cut as the segments stage computes its
 * profit cut (`computeCuts`: the same quantile of the same customers' profit).
 *
 * @example
 * ```ts
 * modelDecisions([1, 2, 3, 4], 0.5); // { profitQuantile: 0.5, valueCut: 2.5 }
 * ```
 */
export function modelDecisions(profit: ArrayLike<number>, profitQuantile: number): ModelDecisions {
  return { profitQuantile, valueCut: quantile(profit, profitQuantile) };
}

/**
 * SHA-256 (hex) over the training table's columns (in a fixed order) and labels.
 *
 * @example
 * ```ts
 * import type { FeatureTable } from "../features/feature_table.ts";
 * declare const train: FeatureTable, yTrain: Uint8Array;
 * await dataHash(train, yTrain); // "3f2a…" (64 hex digits)
 * ```
 */
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

/**
 * Reads and checks model.json: a missing file, text that is not JSON, another
 * format version, a missing or mistyped field, content that does not match
 * its digest or a pipeline that does not rebuild is a {@linkcode DataError}
 * naming the file (and the field).
 *
 * @example
 * ```ts
 * import type { FeatureTable } from "../features/feature_table.ts";
 * import { pipelineFromJSON } from "../models/pipeline.ts";
 * declare const table: FeatureTable;
 * const model = await readModel("out/artifacts/model.json");
 * pipelineFromJSON(model.pipeline).predictProba(table);
 * ```
 */
export async function readModel(path: string): Promise<ModelArtifact> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    const why = e instanceof Deno.errors.NotFound ? "it does not exist" : (e as Error).message;
    throw new DataError([{ file: path, expected: `a model file written by "deno task model" (${why})` }]);
  }
  return parseModel(text, path);
}

/**
 * Checks model.json's text (see {@linkcode readModel}); `file` names it in messages.
 *
 * @example
 * ```ts
 * parseModel("{}", "model.json"); // throws DataError: model.json: expected field "schemaVersion" to be 3 …
 * ```
 */
export function parseModel(text: string, file: string): ModelArtifact {
  const fail = (p: Omit<Problem, "file">): never => {
    throw new DataError([{ file, ...p }]);
  };
  const json = parseJsonText(text, file, '"deno task model"');
  if (!isObject(json)) return fail({ value: describe(json), expected: "a JSON object (a model.json)" });
  // JSON.parse reads 1e999 as Infinity, which no writer of ours puts there.
  const huge = unsafeJsonValue(json);
  if (huge) fail({ value: huge.what, expected: `field "${huge.path}" to be a finite number` });
  if (json.schemaVersion !== MODEL_SCHEMA_VERSION) {
    const old = json.schemaVersion ?? json.format; // versions 1 and 2 said "format"
    return fail({
      ...(old === undefined ? {} : { value: describe(old) }),
      expected: `field "schemaVersion" to be ${MODEL_SCHEMA_VERSION} ` +
        `(a model.json from another version: run "deno task model" again)`,
    });
  }
  const problems = structureProblems(json);
  if (problems.length) throw new DataError(problems.map((p) => ({ file, ...p })));
  const model = json as unknown as ModelArtifact;
  if (modelDigest(model) !== model.digest) {
    fail({
      expected: "the file as the model stage wrote it, but model.json was modified after it was written " +
        `(its content no longer matches its digest); run "deno task model" again`,
    });
  }
  try {
    pipelineFromJSON(model.pipeline);
  } catch (e) {
    const why = e instanceof DataError ? e.problems.map((p) => p.expected).join("; ") : (e as Error).message;
    fail({ expected: `field "pipeline" to be a fitted pipeline (${clip(why, REASON_CHARS)})` });
  }
  return model;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isString = (v: unknown) => typeof v === "string";
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isStrings = (v: unknown) => Array.isArray(v) && v.every(isString);
const isRecordOf = (check: (v: unknown) => boolean) => (v: unknown) => isObject(v) && Object.values(v).every(check);
const isRange = (v: unknown) => isObject(v) && isNumber(v.min) && isNumber(v.max) && v.min <= v.max;
const isTable = (v: unknown, n: number, cell: (x: unknown) => boolean) =>
  Array.isArray(v) && v.length === n && v.every(cell);
/** A fitted column-transformer step, each kind with its own state (see `FittedStep`). */
const isStep = (v: unknown) => {
  if (!isObject(v) || !isStrings(v.columns)) return false;
  const n = (v.columns as string[]).length;
  switch (v.kind) {
    case "onehot":
      return isTable(v.categories, n, isStrings) && typeof v.dropFirst === "boolean";
    case "ordinal":
      return isTable(v.categories, n, isStrings);
    case "standard":
    case "minmax":
      return isTable(v.offset, n, isNumber) && isTable(v.scale, n, isNumber);
    case "passthrough":
      return true;
    default:
      return false;
  }
};
/** A training month's revenue-outlier rule (see `RevenueRule` in src/data/clean.ts). */
const isRevenueRule = (v: unknown) =>
  isObject(v) && isString(v.column) && isString(v.period) && isNumber(v.median) && isNumber(v.scale) &&
  isTable(v.bounds, 2, isNumber) && isNumber(v.replacement);
/** model.json's optional `decisions` (see {@linkcode ModelDecisions}). */
const isDecisions = (v: unknown) =>
  isObject(v) && isNumber(v.profitQuantile) && v.profitQuantile >= 0 && v.profitQuantile <= 1 && isNumber(v.valueCut);
/** The searched families and the soft-voting ensemble of their best (`src/models/ensemble.ts`). */
const FAMILIES = ["knn", "tree", "logistic", "svc", "ensemble"];

/** A field's check: `list` marks a list whose every item must pass (so a message can name the item). */
type Field = [path: string, check: (v: unknown) => boolean, what: string, list?: "list"];

/** Fields every model.json has: path, check, what was expected. Children follow their parent. */
const FIELDS: readonly Field[] = [
  ["digest", (v) => typeof v === "string" && /^sha256:[0-9a-f]{64}$/.test(v), '"sha256:" and 64 hex digits'],
  ["config", (v) => RUN_CONFIG_SCHEMA.safeParse(v).success, "a run configuration (see the README's keys)"],
  ["family", (v) => FAMILIES.includes(v as string), `one of ${FAMILIES.map((f) => `"${f}"`).join(", ")}`],
  ["params", isObject, "an object"],
  ["scaler", isString, "a string"],
  ["threshold", isNumber, "a number"],
  ["trainingRows", (v) => Number.isInteger(v) && (v as number) >= 1, "a whole number ≥ 1"],
  ["trainingDataHash", (v) => typeof v === "string" && /^[0-9a-f]{64}$/.test(v), "64 hex digits"],
  ["features", isObject, "an object"],
  ["features.numeric", isStrings, "a list of column names"],
  ["features.categorical", isRecordOf(isStrings), "an object of category lists"],
  ["features.ranges", isRecordOf(isRange), 'an object of { "min", "max" } numbers'],
  ["cleaning", isObject, "an object"],
  ["cleaning.revenueRules", isRevenueRule, "a revenue-outlier rule (column, period, median, scale, bounds)", "list"],
  ["pipeline", isObject, "an object"],
  [
    "pipeline.steps",
    isStep,
    "a fitted step (onehot, ordinal, standard, minmax or passthrough, with its state)",
    "list",
  ],
  ["pipeline.outputNames", isStrings, "a list of column names"],
  ["pipeline.model", (v) => isObject(v) && isString(v.family) && isObject(v.params) && "state" in v, "a fitted model"],
];

function structureProblems(json: Json): Omit<Problem, "file">[] {
  const problems: Omit<Problem, "file">[] = [];
  const passed = new Set<string>();
  for (const [path, check, what, list] of FIELDS) {
    const parent = path.includes(".") ? path.slice(0, path.lastIndexOf(".")) : undefined;
    if (parent !== undefined && !passed.has(parent)) continue;
    const v = path.split(".").reduce<unknown>((o, k) => (isObject(o) ? o[k] : undefined), json);
    const shape = list ? `a list, each item ${what}` : what;
    if (v === undefined) problems.push({ expected: `a field "${path}" (${shape})` });
    else if (list && !Array.isArray(v)) {
      problems.push({ value: describe(v), expected: `field "${path}" to be ${shape}` });
    } else if (!list && !check(v)) problems.push({ value: describe(v), expected: `field "${path}" to be ${what}` });
    else {
      const bad = list ? (v as unknown[]).findIndex((x) => !check(x)) : -1;
      if (bad < 0) passed.add(path);
      else {
        problems.push({ value: describe((v as unknown[])[bad]), expected: `field "${path}[${bad}]" to be ${what}` });
      }
    }
  }
  // Optional (absent from files written before calibration existed), so not in FIELDS.
  if (json.calibration !== undefined && !isCalibrator(json.calibration)) {
    problems.push({
      value: describe(json.calibration),
      expected: 'field "calibration" to be a calibrator: {"method": "sigmoid", "a", "b"} with finite numbers, or ' +
        '{"method": "isotonic", "x", "y"} with x increasing and y non-decreasing in [0, 1]',
    });
  }
  if (json.decisions !== undefined && !isDecisions(json.decisions)) {
    problems.push({
      value: describe(json.decisions),
      expected: 'field "decisions" to be {"profitQuantile": a number in [0, 1], "valueCut": a finite number}',
    });
  }
  if (passed.has("features.numeric") && passed.has("features.ranges")) {
    const f = json.features as { numeric: string[]; ranges: Json };
    const missing = f.numeric.filter((c) => !(c in f.ranges));
    if (missing.length) {
      problems.push({
        expected: `field "features.ranges" to have a range for ${missing.map((c) => `"${c}"`).join(", ")}`,
      });
    }
  }
  return problems;
}

/** A value as a message quotes it: short, with lists and objects summarised. */
function describe(v: unknown): string {
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (isObject(v)) return "an object";
  return clip(typeof v === "string" ? v : String(v));
}

function clip(s: string, chars = VALUE_CHARS): string {
  return s.length <= chars ? s : s.slice(0, chars - 1) + "…";
}
