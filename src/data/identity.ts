/**
 * What data a run read, named so a person can tell exports apart without a
 * path on anyone's disk: the folder's base name, the export date (the newest
 * modification date of the four files, or the date the user states) and a
 * short hash of the four files' bytes.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { basename, join, resolve } from "node:path";
import { TABLE_NAMES, TABLES } from "./schema.ts";

/** Hex digits of the SHA-256 kept as the short hash (48 bits: collisions are not a concern between exports). */
export const SHORT_HASH_DIGITS = 12;

/** The name of one export. */
export interface DataIdentity {
  /** The data folder's base name, e.g. "one-click". */
  folder: string;
  /** YYYY-MM-DD; null when the file system keeps no modification dates and none was given. */
  exportDate: string | null;
  /** `files`: the newest modification date (UTC) of the four files; `given`: `--data-date`. */
  exportDateFrom: "files" | "given";
  /** The first {@linkcode SHORT_HASH_DIGITS} hex digits of SHA-256 over the files' bytes in table order. */
  hash: string;
}

/**
 * A `YYYY-MM-DD` calendar date, or undefined when `raw` is not one (wrong
 * shape, or a day the calendar lacks such as 2026-02-30).
 *
 * @example
 * ```ts
 * parseExportDate("2026-11-30"); // "2026-11-30"
 * parseExportDate("2026-02-30"); // undefined
 * ```
 */
export function parseExportDate(raw: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  const same = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  return same ? m.slice(1, 4).join("-") : undefined;
}

/** Receives the four files as {@linkcode dataIdentity} reads them, in table order. */
export interface IdentityTap {
  /** Called before a file's bytes, with its file name (e.g. "market_file.csv"). */
  file(name: string): void;
  /** Called with each chunk of the current file's bytes. */
  chunk(bytes: Uint8Array): void;
}

/** What a `--data-date` must look like, for messages. */
export const EXPORT_DATE_EXPECTED = "a calendar date YYYY-MM-DD";

/**
 * The identity of the four files in `dir` (which must exist: call it after
 * loading succeeded). Files are hashed in table order, streamed, so a large
 * export is never held in memory.
 *
 * @param dir the data folder
 * @param options `exportDate`: a date already checked by {@linkcode parseExportDate}, which wins over the files';
 * `tap`: also receives each file's name, then its bytes as they stream — so a caller that needs its own hash of
 * the files (the report's notebook cache) reads them once, not twice
 * @example
 * ```ts
 * const id = await dataIdentity("../shared/data/one-click");
 * id.folder; // "one-click"
 * id.hash.length; // 12
 * ```
 */
export async function dataIdentity(
  dir: string,
  options: { exportDate?: string | undefined; tap?: IdentityTap | undefined } = {},
): Promise<DataIdentity> {
  const hash = createHash("sha256");
  const tap = options.tap;
  let newest: number | undefined;
  for (const name of TABLE_NAMES) {
    const path = join(dir, TABLES[name].file);
    const mtime = (await Deno.stat(path)).mtime?.getTime();
    if (mtime !== undefined) newest = Math.max(newest ?? mtime, mtime);
    tap?.file(TABLES[name].file);
    // The stream closes the file when it ends or fails.
    for await (const chunk of (await Deno.open(path, { read: true })).readable) {
      hash.update(chunk);
      tap?.chunk(chunk);
    }
  }
  const given = options.exportDate;
  const fromFiles = newest === undefined ? null : new Date(newest).toISOString().slice(0, 10);
  return {
    folder: basename(resolve(dir)),
    exportDate: given ?? fromFiles,
    exportDateFrom: given === undefined ? "files" : "given",
    hash: hash.digest("hex").slice(0, SHORT_HASH_DIGITS),
  };
}
