/**
 * One build at a time per output folder: an exclusive lock on
 * `OUT/.build.lock` (flock(2), which the kernel releases when its holder
 * dies, however it dies), holding who took it — pid, start time, host — so
 * that a second build can say who is building and either stop or wait. A
 * lock file left by a build that ended without releasing it (killed, crashed)
 * is taken over with a note. Releasing removes the file.
 *
 * @module
 */
import { hostname } from "node:os";
import { join } from "node:path";
import { pathExists } from "../util/path_exists.ts";

/** Defaults of {@linkcode lockOutput}. */
export const OUTPUT_LOCK_DEFAULTS = {
  /** The lock file's name inside the output folder. */
  file: ".build.lock",
  /** How often a waiting build tries again, milliseconds. */
  pollMs: 250,
} as const;

/** Who holds (or held) a lock, as written into the lock file. */
export interface LockHolder {
  pid: number;
  /** ISO 8601, UTC. */
  startedAt: string;
  host: string;
  /** The job id of the holder's child processes, to find what a dead holder left running. */
  job?: string;
}

/** Thrown by {@linkcode lockOutput} when another build holds the lock and `wait` is off. */
export class OutputLockedError extends Error {
  /** The holder, when the lock file could be read. */
  readonly holder: LockHolder | undefined;
  readonly dir: string;
  constructor(dir: string, holder: LockHolder | undefined) {
    super(`${dir} is being built into by ${describeHolder(holder)}`);
    this.name = "OutputLockedError";
    this.dir = dir;
    this.holder = holder;
  }
}

/** Options of {@linkcode lockOutput}. */
export interface LockOptions {
  /** Wait for the holder to finish instead of throwing {@linkcode OutputLockedError}. */
  wait?: boolean | undefined;
  /** Called once when the lock is held by another build and we wait. */
  onWait?: ((holder: LockHolder | undefined) => void) | undefined;
  /** Stops waiting (the promise rejects with the signal's reason). */
  signal?: AbortSignal | undefined;
  /** Written into the lock (see {@linkcode LockHolder.job}). */
  job?: string | undefined;
}

/** A held lock. */
export interface OutputLock {
  readonly path: string;
  /** The holder of a lock file that was left behind and taken over, if any. */
  readonly takenOver: LockHolder | undefined;
  /** Removes the lock file and unlocks; safe to call twice. */
  release(): void;
}

/**
 * Takes the lock of output folder `dir` (which must exist).
 *
 * @throws {OutputLockedError} when another live build holds it and `wait` is off
 * @example
 * ```ts
 * const lock = await lockOutput("out");
 * try {
 *   // build into out/
 * } finally {
 *   lock.release();
 * }
 * ```
 */
export async function lockOutput(dir: string, o: LockOptions = {}): Promise<OutputLock> {
  const path = join(dir, OUTPUT_LOCK_DEFAULTS.file);
  let waiting = false;
  for (;;) {
    o.signal?.throwIfAborted();
    const file = await Deno.open(path, { read: true, write: true, create: true });
    let locked = false, mine = false;
    try {
      locked = await file.tryLock(true);
      // The holder before us may have removed the file after we opened it: then ours is a lock on nothing.
      if (locked && await sameFile(file, path)) {
        const lock = await claim(file, path, o.job);
        mine = true;
        return lock;
      }
    } finally {
      if (!mine) file.close();
    }
    if (locked || !(await pathExists(path))) continue; // released meanwhile: try again at once
    const holder = await readHolder(path);
    if (!o.wait) throw new OutputLockedError(dir, holder);
    if (!waiting) o.onWait?.(holder);
    waiting = true;
    await sleep(OUTPUT_LOCK_DEFAULTS.pollMs, o.signal);
  }
}

/** Writes us into the locked file; returns the lock. */
async function claim(file: Deno.FsFile, path: string, job: string | undefined): Promise<OutputLock> {
  const left = parseHolder(new TextDecoder().decode(await Deno.readFile(path)));
  const me: LockHolder = {
    pid: Deno.pid,
    startedAt: new Date().toISOString(),
    host: hostname(),
    ...(job !== undefined ? { job } : {}),
  };
  await file.truncate(0);
  const bytes = new TextEncoder().encode(JSON.stringify(me) + "\n");
  for (let written = 0; written < bytes.length;) written += await file.write(bytes.subarray(written));
  let released = false;
  return {
    path,
    takenOver: left,
    release() {
      if (released) return;
      released = true;
      // Remove first, then unlock: a build that opened the file meanwhile finds it gone and starts over.
      try {
        Deno.removeSync(path);
      } catch {
        // removed by hand
      }
      file.close();
    },
  };
}

async function sameFile(file: Deno.FsFile, path: string): Promise<boolean> {
  try {
    const [a, b] = [await file.stat(), await Deno.stat(path)];
    return a.ino === b.ino && a.dev === b.dev;
  } catch {
    return false;
  }
}

/** The holder from the lock file; retried briefly, since a new holder writes just after locking. */
async function readHolder(path: string): Promise<LockHolder | undefined> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const holder = parseHolder(await Deno.readTextFile(path));
      if (holder) return holder;
    } catch {
      // removed meanwhile
    }
    await sleep(20);
  }
  return undefined;
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const x = JSON.parse(text);
    if (typeof x?.pid !== "number" || typeof x.startedAt !== "string") return undefined;
    return {
      pid: x.pid,
      startedAt: x.startedAt,
      host: typeof x.host === "string" ? x.host : "",
      ...(typeof x.job === "string" ? { job: x.job } : {}),
    };
  } catch {
    return undefined;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", aborted);
      resolve();
    }
    function aborted() {
      clearTimeout(timer);
      reject(signal!.reason);
    }
    signal?.addEventListener("abort", aborted, { once: true });
  });
}

/**
 * A holder in words: "process 4242 on host a1 (started 2026-12-02 01:40:03 UTC, 75 s ago)".
 *
 * @example
 * ```ts
 * describeHolder({ pid: 4242, startedAt: "2026-12-02T01:40:03.120Z", host: "a1" }, new Date("2026-12-02T01:41:18Z"));
 * // "process 4242 on host a1 (started 2026-12-02 01:40:03 UTC, 75 s ago)"
 * ```
 */
export function describeHolder(holder: LockHolder | undefined, now: Date = new Date()): string {
  if (holder === undefined) return "another build (its lock file could not be read)";
  const started = new Date(holder.startedAt);
  const when = Number.isNaN(started.getTime())
    ? `started ${JSON.stringify(holder.startedAt)}`
    : `started ${started.toISOString().slice(0, 19).replace("T", " ")} UTC, ${ago(now.getTime() - started.getTime())}`;
  return `process ${holder.pid}${holder.host ? ` on host ${holder.host}` : ""} (${when})`;
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s ago`;
  if (s < 7200) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
}
