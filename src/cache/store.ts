/**
 * An on-disk cache of stage results: one folder per entry,
 * `<root>/<kind>/<key>/`, holding the entry's files and a `manifest.json`
 * with each file's SHA-256. An entry is written into a temporary folder and
 * renamed into place, so a reader sees a whole entry or none; a reader
 * checks every file against the manifest, and an entry that fails (a
 * crashed disk, a hand edit, an older layout) is removed with one warning
 * line and reported as absent, so the caller recomputes — never a crash.
 * Each kind keeps its most recently used {@linkcode CACHE_DEFAULTS.keep}
 * entries.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { PROJECT_ROOT } from "../data/source.ts";
import { pathExists } from "../util/path_exists.ts";

/** Defaults of the cache. */
export const CACHE_DEFAULTS = {
  /** The cache folder: `$ONECLICK_CACHE_DIR`, else `.cache/` in the project (ignored by git). */
  dir: join(PROJECT_ROOT, ".cache"),
  /** Entries kept per kind, most recently used first. */
  keep: 6,
  /** Layout version: a change makes every older entry a miss. */
  version: 1,
} as const;

/** The files of one entry: name (may contain `/`) → content. */
export type EntryFiles = Map<string, Uint8Array>;

interface Manifest {
  version: number;
  kind: string;
  key: string;
  created: string;
  files: Record<string, { sha256: string; size: number }>;
  meta: unknown;
}

/** A cache entry read back and verified. */
export interface CacheEntry {
  files: EntryFiles;
  /** What the writer stored beside the files. */
  meta: unknown;
  created: string;
}

/** Options of {@linkcode CacheStore}. */
export interface CacheStoreOptions {
  /** Root folder (default {@linkcode CACHE_DEFAULTS.dir}, or `$ONECLICK_CACHE_DIR`). */
  dir?: string | undefined;
  /** Receives the one-line warnings (a corrupt entry, a cache that cannot be written). */
  warn?: (line: string) => void;
  /** Entries kept per kind. */
  keep?: number;
}

/** The SHA-256 of bytes or text, hex. */
export function sha256(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * The cache folder: an explicit one, `$ONECLICK_CACHE_DIR`, else the project's `.cache/`.
 *
 * @example
 * ```ts
 * cacheDir(); // "/…/project/.cache"
 * ```
 */
export function cacheDir(dir?: string): string {
  return dir ?? (Deno.env.get("ONECLICK_CACHE_DIR") || CACHE_DEFAULTS.dir);
}

/**
 * The store. `get` and `put` never throw for cache reasons: a problem is a
 * warning and a miss (or an unsaved entry).
 *
 * @example
 * ```ts
 * const store = new CacheStore({ warn: console.error });
 * await store.put("model", "ab12…", new Map([["metrics.json", new TextEncoder().encode("{}")]]), { family: "svc" });
 * (await store.get("model", "ab12…"))?.files.get("metrics.json");
 * ```
 */
export class CacheStore {
  readonly dir: string;
  readonly #warn: (line: string) => void;
  readonly #keep: number;

  constructor(o: CacheStoreOptions = {}) {
    this.dir = cacheDir(o.dir);
    this.#warn = o.warn ?? ((line) => console.error(line));
    this.#keep = o.keep ?? CACHE_DEFAULTS.keep;
  }

  #entry(kind: string, key: string): string {
    return join(this.dir, kind, key);
  }

  /** The verified entry, or undefined (absent, or corrupt: then removed, with a warning). */
  async get(kind: string, key: string): Promise<CacheEntry | undefined> {
    const dir = this.#entry(kind, key);
    let text: string;
    try {
      text = await Deno.readTextFile(join(dir, "manifest.json"));
    } catch {
      return undefined;
    }
    try {
      const manifest = JSON.parse(text) as Manifest;
      if (manifest.version !== CACHE_DEFAULTS.version || manifest.kind !== kind || manifest.key !== key) {
        throw new Error("its manifest belongs to another entry or layout");
      }
      const files: EntryFiles = new Map();
      for (const [name, want] of Object.entries(manifest.files)) {
        const bytes = await Deno.readFile(join(dir, "files", name));
        if (bytes.length !== want.size || sha256(bytes) !== want.sha256) throw new Error(`${name} does not match`);
        files.set(name, bytes);
      }
      // Touch the manifest: pruning keeps the most recently used entries.
      const now = new Date();
      await Deno.utime(join(dir, "manifest.json"), now, now).catch(() => {});
      return { files, meta: manifest.meta, created: manifest.created };
    } catch (e) {
      this.#warn(
        `Warning: cache entry ${kind}/${key.slice(0, 12)} is corrupt (${
          (e as Error).message
        }); recomputing (${dir} removed).`,
      );
      await Deno.remove(dir, { recursive: true }).catch(() => {});
      return undefined;
    }
  }

  /** Stores an entry atomically (a concurrent writer of the same key wins or loses whole). */
  async put(kind: string, key: string, files: EntryFiles, meta: unknown = null): Promise<void> {
    const target = this.#entry(kind, key);
    const tmp = join(this.dir, kind, `.tmp-${key.slice(0, 16)}-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`);
    try {
      const manifest: Manifest = {
        version: CACHE_DEFAULTS.version,
        kind,
        key,
        created: new Date().toISOString(),
        files: {},
        meta,
      };
      for (const [name, bytes] of files) {
        const path = join(tmp, "files", name);
        await Deno.mkdir(dirname(path), { recursive: true });
        await Deno.writeFile(path, bytes);
        manifest.files[name] = { sha256: sha256(bytes), size: bytes.length };
      }
      await Deno.mkdir(tmp, { recursive: true });
      await Deno.writeTextFile(join(tmp, "manifest.json"), JSON.stringify(manifest));
      await Deno.remove(target, { recursive: true }).catch(() => {});
      await Deno.rename(tmp, target);
      await this.#prune(kind);
    } catch (e) {
      await Deno.remove(tmp, { recursive: true }).catch(() => {});
      this.#warn(
        `Warning: could not save cache entry ${kind}/${key.slice(0, 12)} in ${this.dir}: ${(e as Error).message}`,
      );
    }
  }

  /** Removes all but the most recently used entries of a kind, and temporary folders of dead writers. */
  async #prune(kind: string): Promise<void> {
    const dir = join(this.dir, kind);
    const entries: { name: string; used: number }[] = [];
    for await (const e of Deno.readDir(dir)) {
      if (!e.isDirectory) continue;
      const tmpPid = /^\.tmp-[0-9a-f]+-(\d+)-/.exec(e.name)?.[1];
      if (tmpPid !== undefined) {
        if (Number(tmpPid) !== Deno.pid && !(await pathExists(`/proc/${tmpPid}`))) {
          await Deno.remove(join(dir, e.name), { recursive: true }).catch(() => {});
        }
        continue;
      }
      const used = (await Deno.stat(join(dir, e.name, "manifest.json")).catch(() => undefined))?.mtime?.getTime() ?? 0;
      entries.push({ name: e.name, used });
    }
    entries.sort((a, b) => b.used - a.used || a.name.localeCompare(b.name));
    for (const old of entries.slice(this.#keep)) {
      await Deno.remove(join(dir, old.name), { recursive: true }).catch(() => {});
    }
  }
}
