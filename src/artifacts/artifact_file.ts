/**
 * What every artifact file shares: the atomic writer, the validating reader
 * and the two fields every JSON artifact carries (`schemaVersion`, `config`).
 *
 * The reader turns each way a file can be wrong — missing, not JSON, another
 * `schemaVersion`, a field missing or of the wrong type — into one
 * {@linkcode DataError} naming the file and the field path
 * (`best.holdout.confusion.tp`, `segments[2].name`), never a stack trace. It
 * checks `schemaVersion` before anything else, so a file from another version
 * of the pipeline says so instead of listing the fields that moved.
 *
 * @module
 */
import { join } from "node:path";
import * as z from "zod";
import { DataError } from "../data/errors.ts";
import { RUN_CONFIG_SCHEMA } from "../config/run_config.ts";

/** Longest value quoted in a message. */
const VALUE_CHARS = 60;

/** The recorded run configuration: every key, as the run used it. */
export const CONFIG_FIELD = RUN_CONFIG_SCHEMA;

/** A number JSON may hold as `null`: a statistic that is undefined (NaN) for this data. */
export const maybeNumber = z.number().nullable();

/**
 * NaN and ±Infinity as `null` (what `JSON.stringify` would write silently),
 * for the statistics the schemas declare {@linkcode maybeNumber}.
 *
 * @example
 * ```ts
 * finiteOrNull(0 / 0); // null
 * ```
 */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Rounds for JSON: enough digits to compare, few enough to read; −0 (which JSON writes as 0) is 0. */
export const r6 = (x: number): number => Math.round(x * 1e6) / 1e6 + 0;

/**
 * The first value JSON would not keep as it is, with its field path
 * (`pipeline.steps[2].scale[0]`), or undefined when all of it is plain data.
 *
 * @example
 * ```ts
 * unsafeJsonValue({ a: [1, NaN] }); // { path: "a[1]", what: "NaN" }
 * ```
 */
export function unsafeJsonValue(value: unknown, path = ""): { path: string; what: string } | undefined {
  const at = path === "" ? "(the top level)" : path;
  switch (typeof value) {
    case "number":
      return Number.isFinite(value) ? undefined : { path: at, what: String(value) };
    case "string":
    case "boolean":
      return undefined;
    case "object": {
      if (value === null) return undefined;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const bad = value[i] === undefined
            ? { path: `${path}[${i}]`, what: "undefined" }
            : unsafeJsonValue(value[i], `${path}[${i}]`);
          if (bad) return bad;
        }
        return undefined;
      }
      // Typed arrays, dates and class instances would change shape in JSON.
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        return { path: at, what: `a ${value.constructor?.name ?? "non-plain object"} (not plain data)` };
      }
      for (const [k, v] of Object.entries(value)) {
        if (v === undefined) continue; // left out by JSON
        const bad = unsafeJsonValue(v, path === "" ? k : `${path}.${k}`);
        if (bad) return bad;
      }
      return undefined;
    }
    default:
      return { path: at, what: `a ${typeof value}` };
  }
}

/** How an artifact file is written and who writes it, for the reader's messages. */
export interface ArtifactSpec<S extends z.ZodType> {
  /** File name inside the artifact folder, e.g. `metrics.json`. */
  file: string;
  /** The version this code writes and reads. */
  schemaVersion: number;
  schema: S;
  /** The stage that writes it, for "run … again" (e.g. `the model stage`). */
  writtenBy: string;
  /** Pretty-printed (small files people open) or compact (per-customer files). */
  pretty: boolean;
}

/**
 * The artifact's text, checked: a field JSON would silently change (NaN,
 * ±Infinity, a typed array) is an internal error naming the field, since a
 * stage built it.
 *
 * @example
 * ```ts
 * import { SEARCH_FILE, type SearchArtifact } from "./search.ts";
 * declare const search: SearchArtifact;
 * artifactText(SEARCH_FILE, search); // "{\n  \"schemaVersion\": 1, …"
 * ```
 */
export function artifactText<S extends z.ZodType>(spec: ArtifactSpec<S>, artifact: z.output<S>): string {
  const bad = unsafeJsonValue(artifact);
  if (bad) throw new Error(`${spec.file} not written: field ${bad.path} is ${bad.what}; an artifact holds plain data`);
  return (spec.pretty ? JSON.stringify(artifact, null, 2) : JSON.stringify(artifact)) + "\n";
}

/**
 * Writes `text` as `dir/file` via a temporary name and a rename, so a reader
 * never sees half a file; creates `dir` when missing.
 *
 * @example
 * ```ts
 * await writeFileAtomic("out/artifacts", "metrics.json", "{}\n");
 * ```
 */
export async function writeFileAtomic(dir: string, file: string, text: string): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  const path = join(dir, file), temp = `${path}.${Deno.pid}.tmp`;
  await Deno.writeTextFile(temp, text);
  await Deno.rename(temp, path);
}

/**
 * Writes the pieces of a text as `dir/file`, atomic as {@linkcode writeFileAtomic}:
 * a file too large for one string (offers of a million customers) is never
 * one. A piece that throws leaves the previous file in place.
 *
 * @example
 * ```ts
 * await writeFileAtomicChunks("out/artifacts", "offers.csv", ["a;b\r\n", "1;2\r\n"]);
 * ```
 */
export async function writeFileAtomicChunks(dir: string, file: string, chunks: Iterable<string>): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  const path = join(dir, file), temp = `${path}.${Deno.pid}.tmp`;
  const out = await Deno.open(temp, { write: true, create: true, truncate: true });
  const encoder = new TextEncoder();
  // One buffer reused for every piece: encodeInto costs a third of encode on Cyrillic text (a million offers: 2 s, not 6).
  let buffer = new Uint8Array(1 << 20);
  try {
    for (const chunk of chunks) {
      if (buffer.length < chunk.length * 3) buffer = new Uint8Array(chunk.length * 3);
      const { written } = encoder.encodeInto(chunk, buffer);
      for (let at = 0; at < written;) at += await out.write(buffer.subarray(at, written));
    }
  } catch (e) {
    out.close();
    await Deno.remove(temp).catch(() => {});
    throw e;
  }
  out.close();
  await Deno.rename(temp, path);
}

/**
 * Writes an artifact into `dir` (atomic; see {@linkcode writeFileAtomic}).
 *
 * @example
 * ```ts
 * import { METRICS_FILE, type MetricsArtifact } from "./metrics.ts";
 * declare const metrics: MetricsArtifact;
 * await writeArtifact(METRICS_FILE, "out/artifacts", metrics);
 * ```
 */
export async function writeArtifact<S extends z.ZodType>(
  spec: ArtifactSpec<S>,
  dir: string,
  artifact: z.output<S>,
): Promise<void> {
  await writeFileAtomic(dir, spec.file, artifactText(spec, artifact));
}

/**
 * Reads and validates `dir/<file>`. Missing file, malformed JSON, another
 * `schemaVersion` or a bad field: one {@linkcode DataError} naming the file
 * and the field. With `optional`, a missing file gives `undefined`.
 *
 * @example
 * ```ts
 * import { METRICS_FILE } from "./metrics.ts";
 * const metrics = await readArtifact(METRICS_FILE, "out/artifacts");
 * metrics.best.threshold;
 * ```
 */
export async function readArtifact<S extends z.ZodType>(spec: ArtifactSpec<S>, dir: string): Promise<z.output<S>>;
export async function readArtifact<S extends z.ZodType>(
  spec: ArtifactSpec<S>,
  dir: string,
  optional: "optional",
): Promise<z.output<S> | undefined>;
export async function readArtifact<S extends z.ZodType>(
  spec: ArtifactSpec<S>,
  dir: string,
  optional?: "optional",
): Promise<z.output<S> | undefined> {
  const path = join(dir, spec.file);
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (optional && e instanceof Deno.errors.NotFound) return undefined;
    const why = e instanceof Deno.errors.NotFound ? "it does not exist" : (e as Error).message;
    throw new DataError([{ file: path, expected: `${spec.file} written by ${spec.writtenBy} (${why})` }]);
  }
  return parseArtifact(spec, text, path);
}

/**
 * Validates an artifact's text; `path` names it in the message.
 *
 * @example
 * ```ts
 * import { METRICS_FILE } from "./metrics.ts";
 * parseArtifact(METRICS_FILE, "{}", "metrics.json"); // throws DataError: metrics.json: expected field "schemaVersion" to be 1 …
 * ```
 */
export function parseArtifact<S extends z.ZodType>(spec: ArtifactSpec<S>, text: string, path: string): z.output<S> {
  const fail = (expected: string, value?: string, line?: number): never => {
    throw new DataError([{
      file: path,
      ...(line === undefined ? {} : { line }),
      ...(value === undefined ? {} : { value }),
      expected,
    }]);
  };
  const json = parseJsonText(text, path, spec.writtenBy);
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return fail(`a JSON object (${spec.file} written by ${spec.writtenBy})`, describe(json));
  }
  const version = (json as Record<string, unknown>).schemaVersion;
  if (version !== spec.schemaVersion) {
    return fail(
      `field "schemaVersion" to be ${spec.schemaVersion} (${spec.file} from another version of the pipeline: ` +
        `run ${spec.writtenBy} again)`,
      version === undefined ? undefined : describe(version),
    );
  }
  const r = spec.schema.safeParse(json);
  if (r.success) return r.data;
  const problem = issueProblem(json, r.error.issues[0]!);
  return fail(problem.expected, problem.value);
}

/**
 * What a failed schema check expected, and the value it found: the first
 * zod issue in the reader's words (`field "best.auc" to be a finite number`).
 *
 * @example
 * ```ts
 * import * as z from "zod";
 * const json = { a: "x" };
 * const r = z.object({ a: z.number() }).safeParse(json);
 * if (!r.success) issueProblem(json, r.error.issues[0]!); // { expected: 'field "a" to be a finite number', value: "x" }
 * ```
 */
export function issueProblem(json: unknown, issue: z.core.$ZodIssue): { expected: string; value?: string } {
  const at = fieldPath(issue.path);
  const found = valueAt(json, issue.path);
  if (found === undefined && issue.code === "invalid_type") {
    return { expected: `a field "${at}" (${expectedText(issue)})` };
  }
  return { expected: `field "${at}" to be ${expectedText(issue)}`, value: describe(found) };
}

/**
 * `JSON.parse` of a file's text; bad JSON is one DataError with the line the
 * parser names and what wrote the file.
 *
 * @example
 * ```ts
 * import { parseJsonText } from "./artifact_file.ts";
 * parseJsonText('{"a": 1}', "x.json", "the model stage"); // { a: 1 }
 * ```
 */
export function parseJsonText(text: string, path: string, writtenBy: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const line = /\(line (\d+) column \d+\)/.exec(message)?.[1];
    throw new DataError([{
      file: path,
      ...(line === undefined ? {} : { line: Number(line) }),
      expected: `JSON written by ${writtenBy} (${clip(message, 160)})`,
    }]);
  }
}

/** `best.holdout.roc[3].fpr`: dots between keys, brackets around indexes. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let s = "";
  for (const k of path) s += typeof k === "number" ? `[${k}]` : s === "" ? String(k) : `.${String(k)}`;
  return s === "" ? "(the top level)" : s;
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let v = json;
  for (const k of path) v = typeof v === "object" && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** What a zod issue expected, in plain words. */
function expectedText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "object"
        ? "an object"
        : issue.expected === "array"
        ? "a list"
        : issue.expected === "number"
        ? "a finite number"
        : `a ${issue.expected}`;
    case "invalid_value":
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
      return `${issue.origin === "array" ? "a list of length" : "a number"} ≥ ${issue.minimum}`;
    case "too_big":
      return `${issue.origin === "array" ? "a list of length" : "a number"} ≤ ${issue.maximum}`;
    case "invalid_union":
      return "one of the allowed shapes";
    case "unrecognized_keys":
      return `an object without the keys ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    default:
      return issue.message.startsWith("Invalid") ? `valid (${issue.message})` : issue.message;
  }
}

/** A value as a message quotes it: short, with lists and objects summarised. */
function describe(v: unknown): string {
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === "object" && v !== null) return "an object";
  return clip(typeof v === "string" ? v : String(v));
}

function clip(s: string, chars = VALUE_CHARS): string {
  return s.length <= chars ? s : s.slice(0, chars - 1) + "…";
}
