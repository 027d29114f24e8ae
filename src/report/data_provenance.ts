/**
 * Which data each notebook ran on: every notebook stamps the source it read
 * into `sources/<notebook>.json` of the artifact folder, and the report
 * refuses a folder whose stamps and quality.json disagree (demo artifacts
 * beside real ones, or two exports).
 *
 * @module
 */
import { join } from "node:path";
import { writeFileAtomic } from "../artifacts/artifact_file.ts";

/** The stamps' folder inside an artifact folder. */
export const SOURCES_DIR = "sources";

/** What a notebook records about its data. */
export interface SourceStamp {
  notebook: string;
  kind: "user" | "demo";
  /** The export's short hash (quality.json's `source.identity.hash`). */
  hash: string;
  /** The export's folder name, for the message. */
  folder: string;
}

/**
 * Writes `sources/<notebook>.json` under `out`.
 *
 * @example
 * ```ts
 * import { stampSource } from "./data_provenance.ts";
 * import type { DataResult } from "../stages/data_stage.ts";
 * declare const data: DataResult;
 * await stampSource("out/dev", "03_model", data.summary.source);
 * ```
 */
export async function stampSource(
  out: string,
  notebook: string,
  source: { kind: "user" | "demo"; identity: { hash: string; folder: string } },
): Promise<void> {
  const stamp: SourceStamp = {
    notebook,
    kind: source.kind,
    hash: source.identity.hash,
    folder: source.identity.folder,
  };
  await writeFileAtomic(join(out, SOURCES_DIR), `${notebook}.json`, JSON.stringify(stamp, null, 2) + "\n");
}

/**
 * The stamps under `dir` (none when the folder is absent), sorted by notebook.
 * A stamp that is not one is reported as such by the caller through `bad`.
 */
export async function readStamps(dir: string): Promise<{ file: string; stamp: SourceStamp | undefined }[]> {
  const folder = join(dir, SOURCES_DIR);
  const names: string[] = [];
  try {
    for await (const e of Deno.readDir(folder)) if (e.isFile && e.name.endsWith(".json")) names.push(e.name);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
  const out: { file: string; stamp: SourceStamp | undefined }[] = [];
  for (const name of names.sort()) {
    const file = join(folder, name);
    let stamp: SourceStamp | undefined;
    try {
      const j = JSON.parse(await Deno.readTextFile(file));
      const ok = j && typeof j.notebook === "string" && (j.kind === "user" || j.kind === "demo") &&
        typeof j.hash === "string" && typeof j.folder === "string";
      stamp = ok ? j as SourceStamp : undefined;
    } catch {
      stamp = undefined;
    }
    out.push({ file, stamp });
  }
  return out;
}

/** How a message names one data set. */
export function describeData(s: { kind: "user" | "demo"; hash: string; folder: string }): string {
  return s.kind === "demo" ? `the demo data (hash ${s.hash})` : `the data «${s.folder}» (hash ${s.hash})`;
}
