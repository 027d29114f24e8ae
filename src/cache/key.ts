/**
 * Cache keys: the SHA-256 of the canonical JSON (model.json's: keys sorted)
 * of everything a result depends on, and the hash of a frame's content.
 *
 * @module
 */
import type pl from "nodejs-polars";
import { canonicalJson } from "../artifacts/model.ts";
import { featureLabel } from "../features/derived.ts";
import { sha256 } from "./store.ts";

/**
 * The key of a result: SHA-256 of the canonical JSON of its inputs.
 *
 * @example
 * ```ts
 * cacheKey({ stage: "model", config: { seed: 42 } }) === cacheKey({ config: { seed: 42 }, stage: "model" }); // true
 * ```
 */
export function cacheKey(parts: Record<string, unknown>): string {
  return sha256(canonicalJson(parts));
}

/**
 * The hash of a frame's columns, types, values and the Russian labels of its
 * columns (a derived feature's label reaches the explanations and segments).
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * frameHash(pl.DataFrame({ id: ["1"], x: [0.5] })); // "…" (64 hex digits)
 * ```
 */
export function frameHash(frame: pl.DataFrame): string {
  const schema = frame.columns.map((c) => `${c}:${frame.getColumn(c).dtype}:${featureLabel(c)}`).join("\n");
  // Arrow IPC is the frame's bytes as polars holds them: exact for floats, no text formatting in between.
  return sha256(`${schema}\n${sha256(frame.writeIPC())}`);
}
