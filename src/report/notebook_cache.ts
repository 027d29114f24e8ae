/**
 * The report build's cache of executed notebooks. A notebook's entry holds
 * what one execution produced — the executed notebook, the files it added
 * or changed in the artifact folder, and (once exported) its HTML — under a
 * key of everything that can change them:
 *
 * - the notebook file itself;
 * - the code it imports (`src/` reachable from its code cells, see `src/cache/code_hash.ts`);
 * - the run's parameters (configuration, data path and date, workers) and the runner;
 * - the data: the four files' SHA-256 and the export's identity (folder name, date);
 * - the artifact folder as the earlier notebooks left it (every file's SHA-256).
 *
 * The last item chains the notebooks: a change upstream changes the
 * artifacts a later notebook reads and so its key, while a re-run upstream
 * that writes the same artifacts leaves later entries valid. Within keys
 * and entries the build's temporary folder and the output folder are
 * placeholders, so an entry made by one build restores into another, into
 * any output folder.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { basename, dirname, join, relative, resolve } from "node:path";
import { codeHash, references } from "../cache/code_hash.ts";
import { cacheKey } from "../cache/key.ts";
import { type CacheStore, type EntryFiles, sha256 } from "../cache/store.ts";
import { dataIdentity } from "../data/identity.ts";
import { NOTEBOOK_DEFAULTS } from "./notebooks.ts";

/** Placeholders of the build's temporary artifact folder and of the final one, inside keys and cached files. */
const STAGING = "@@ONECLICK_STAGING@@", FINAL = "@@ONECLICK_ARTIFACTS@@";

/** The two folders a build's notebooks name, as shown (relative to the project). */
export interface Folders {
  /** The temporary artifact folder the notebooks write into. */
  staging: string;
  /** The artifact folder the build moves the files to. */
  final: string;
}
const enc = new TextEncoder(), dec = new TextDecoder();

/** What every notebook key of one build shares. */
export interface BuildKeyParts {
  /** The injected parameters with the staging folder replaced by the placeholder. */
  parameters: unknown;
  parametersNote: string | undefined;
  /** The data the notebooks will read: content hash and identity; undefined when it cannot be read. */
  data: unknown;
  runner: string;
}

/**
 * The data part of the keys: the four files' SHA-256 and the export's
 * identity, or undefined when the folder does not hold them (the
 * notebooks then report the problem; nothing is cached).
 *
 * @example
 * ```ts
 * await dataKey("../shared/data/one-click", undefined); // { sha256: "…", identity: { folder: "one-click", … } }
 * ```
 */
export async function dataKey(dir: string, dataDate: string | undefined): Promise<unknown> {
  try {
    // One read of each file feeds both hashes: this key's (file name, then bytes) and the identity's short one.
    const hash = createHash("sha256");
    const tap = { file: (name: string) => hash.update(`${name}\n`), chunk: (bytes: Uint8Array) => hash.update(bytes) };
    const identity = await dataIdentity(dir, { exportDate: dataDate, tap });
    return { sha256: hash.digest("hex"), identity };
  } catch {
    return undefined;
  }
}

/**
 * The parts of the keys shared by a build's notebooks.
 *
 * @example
 * ```ts
 * const folders = { staging: "out/.build-1/artifacts", final: "out/artifacts" };
 * await buildKeyParts({ out: "out/.build-1/artifacts", config: {} }, folders, undefined, {});
 * ```
 */
export async function buildKeyParts(
  parameters: Record<string, unknown>,
  folders: Folders,
  parametersNote: string | undefined,
  data: unknown,
): Promise<BuildKeyParts> {
  return {
    parameters: JSON.parse(hide(JSON.stringify(parameters), folders)),
    parametersNote: parametersNote === undefined ? undefined : hide(parametersNote, folders),
    data,
    runner: sha256(await Deno.readFile(NOTEBOOK_DEFAULTS.runner)),
  };
}

/** Every file of a folder (recursively) with its SHA-256, by path relative to it. */
export async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (d: string) => {
    for await (const e of Deno.readDir(d)) {
      const path = join(d, e.name);
      if (e.isDirectory) await walk(path);
      else if (e.isFile) files.set(relative(dir, path), sha256(await Deno.readFile(path)));
    }
  };
  await walk(dir);
  return files;
}

/** The code a notebook's cells import, resolved from the notebook's folder. */
async function notebookCode(notebook: string): Promise<string> {
  const nb = JSON.parse(await Deno.readTextFile(notebook));
  const code = (nb.cells ?? []).filter((c: { cell_type: string }) => c.cell_type === "code")
    .map((c: { source: string | string[] }) => Array.isArray(c.source) ? c.source.join("") : c.source).join("\n");
  return codeHash(references(code).map((spec) => resolve(dirname(notebook), spec)));
}

/**
 * The key of one notebook in one build, given the artifact folder as the
 * earlier notebooks left it (its {@linkcode snapshot}).
 *
 * @example
 * ```ts
 * declare const parts: BuildKeyParts;
 * await notebookKey("notebooks/04_segments.ipynb", parts, await snapshot("out/.build-1/artifacts"));
 * ```
 */
export async function notebookKey(
  notebook: string,
  parts: BuildKeyParts,
  inputs: ReadonlyMap<string, string>,
): Promise<string> {
  return cacheKey({
    kind: "notebook",
    notebook: sha256(await Deno.readFile(notebook)),
    name: basename(notebook),
    code: await notebookCode(notebook),
    ...parts,
    inputs: Object.fromEntries(inputs),
  });
}

/**
 * Saves what a notebook's execution produced: the executed notebook and the
 * artifact files that differ from `before`.
 */
export async function saveNotebook(
  store: CacheStore,
  key: string,
  o: { executed: string; artifacts: string; before: Map<string, string>; folders: Folders },
): Promise<void> {
  const files: EntryFiles = new Map();
  files.set("notebook.ipynb", placeholder(await Deno.readFile(o.executed), o.folders));
  for (const [path, hash] of await snapshot(o.artifacts)) {
    if (o.before.get(path) !== hash) files.set(`artifacts/${path}`, await Deno.readFile(join(o.artifacts, path)));
  }
  await store.put("notebook", key, files);
}

/** Restores a notebook's entry; false when there is none (or it was corrupt: then warned about). */
export async function restoreNotebook(
  store: CacheStore,
  key: string,
  o: { executed: string; artifacts: string; folders: Folders },
): Promise<boolean> {
  const entry = await store.get("notebook", key);
  const notebook = entry?.files.get("notebook.ipynb");
  if (entry === undefined || notebook === undefined) return false;
  for (const [name, bytes] of entry.files) {
    if (!name.startsWith("artifacts/")) continue;
    const path = join(o.artifacts, name.slice("artifacts/".length));
    await Deno.mkdir(dirname(path), { recursive: true });
    await Deno.writeFile(path, bytes);
  }
  await Deno.writeFile(o.executed, filled(notebook, o.folders));
  return true;
}

/** Saves a notebook's HTML export under its notebook key. */
export async function saveNotebookHtml(store: CacheStore, key: string, html: string, folders: Folders) {
  await store.put("notebook-html", key, new Map([["notebook.html", placeholder(enc.encode(html), folders)]]));
}

/** Writes a notebook's cached HTML export to `file`; false when there is none. */
export async function restoreNotebookHtml(
  store: CacheStore,
  key: string,
  file: string,
  folders: Folders,
): Promise<boolean> {
  const html = (await store.get("notebook-html", key))?.files.get("notebook.html");
  if (html === undefined) return false;
  await Deno.writeFile(file, filled(html, folders));
  return true;
}

// The final folder only as the build's note names it: a short path such as out/artifacts may occur in other text.
const NOTE = "moved its files to ";
const hide = (text: string, f: Folders) => text.replaceAll(f.staging, STAGING).replaceAll(NOTE + f.final, NOTE + FINAL);
const show = (text: string, f: Folders) => text.replaceAll(STAGING, f.staging).replaceAll(NOTE + FINAL, NOTE + f.final);
const placeholder = (bytes: Uint8Array, f: Folders) => enc.encode(hide(dec.decode(bytes), f));
const filled = (bytes: Uint8Array, f: Folders) => enc.encode(show(dec.decode(bytes), f));
