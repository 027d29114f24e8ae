/**
 * The headless report build: run the notebooks in a temporary folder under
 * `out/`, export them to HTML, render report.html from the artifacts they
 * wrote, print it to an A4 PDF with headless Chromium, and only then move
 * everything into place. A failure or an interrupt anywhere leaves the
 * previous `out/report.*`, `out/artifacts/` and `out/notebooks/` untouched,
 * ends every process the build started and removes the temporary folder.
 * One build at a time writes into an output folder (see `output_lock.ts`).
 *
 * @module
 */
import { basename, join, resolve } from "node:path";
import { CHILD_GROUP_DEFAULTS, ChildGroup, processesWith, withChildGroup } from "../util/child_group.ts";
import {
  BuildError,
  EXIT_UNAVAILABLE,
  exportHtml,
  findPython,
  listNotebooks,
  NOTEBOOK_DEFAULTS,
  runNotebooks,
} from "./notebooks.ts";
import {
  describeHolder,
  type LockHolder,
  lockOutput,
  OUTPUT_LOCK_DEFAULTS,
  type OutputLock,
  OutputLockedError,
} from "./output_lock.ts";
import { ArtifactError, renderReport } from "./render.ts";
import { DEFAULT_CONFIG, type RunConfig } from "../config/run_config.ts";
import { EXIT_INTERRUPTED, EXIT_LOCKED, EXIT_OUTPUT } from "../util/exit_codes.ts";
import { pathExists } from "../util/path_exists.ts";
import { shownPath } from "../notebook/params.ts";
import { CacheStore } from "../cache/store.ts";
import { resolveSource } from "../data/source.ts";
import {
  buildKeyParts,
  dataKey,
  notebookKey,
  restoreNotebook,
  restoreNotebookHtml,
  saveNotebook,
  saveNotebookHtml,
  snapshot,
} from "./notebook_cache.ts";

/** Defaults of the build. */
export const BUILD_DEFAULTS = {
  /** Time limit for printing the PDF, seconds. */
  pdfTimeoutSeconds: 90,
} as const;

export { EXIT_INTERRUPTED, EXIT_LOCKED, EXIT_OUTPUT };

/** Options of {@linkcode buildReport}. */
export interface BuildOptions {
  /** The final output folder (report.html, report.pdf, artifacts/, notebooks/ go here). */
  out: string;
  /** Data folder; undefined: $ONECLICK_DATA, data/raw/ or demo data, as the notebooks decide (`openSource`). */
  data?: string | undefined;
  /** The export's date, YYYY-MM-DD (checked by the caller); undefined: the files' own date. */
  dataDate?: string | undefined;
  /** The run configuration the notebooks run with (in their injected-parameters cell; default: the defaults). */
  config?: RunConfig | undefined;
  workers?: number | undefined;
  /** Folder of the notebooks to run (the project's notebooks/ by default). */
  notebooksDir?: string | undefined;
  /** Time limit per cell, seconds. */
  timeoutSeconds?: number | undefined;
  templatesDir?: string | undefined;
  /** Print the PDF (default true). */
  pdf?: boolean;
  /** The build time shown on the title page. */
  builtAt?: Date;
  /** Receives progress lines. */
  log?: (line: string) => void;
  /** When another build holds the output folder: wait for it (true) or fail with {@linkcode EXIT_LOCKED}. */
  wait?: boolean | undefined;
  /**
   * Interrupts the build: every child process is ended, the temporary folder
   * removed, and a {@linkcode BuildError} with {@linkcode EXIT_INTERRUPTED}
   * thrown. A string reason (the signal's name) is named in the message.
   */
  signal?: AbortSignal | undefined;
  /**
   * The cache of executed notebooks and of the slow stages inside them
   * (`notebook_cache.ts`, `src/stages/cached.ts`); absent: nothing is read
   * and nothing outlives the build.
   */
  cache?: BuildCache | undefined;
}

/** How a build uses the cache. */
export interface BuildCache {
  /** The cache folder (default: `$ONECLICK_CACHE_DIR` or the project's `.cache/`). */
  dir?: string | undefined;
  /** Recompute everything and overwrite the entries (`--fresh`). */
  fresh?: boolean | undefined;
  /** Notebooks (base names without `.ipynb`) executed even when their entry is valid (`--notebook`). */
  run?: readonly string[] | undefined;
}

/** One timed stage. */
export interface StageTime {
  stage: string;
  seconds: number;
}

/** What a build produced. */
export interface BuildResult {
  html: string;
  pdf: string | undefined;
  stages: StageTime[];
}

/**
 * The Chromium binary: $ONECLICK_CHROMIUM or the first of the usual names that runs.
 *
 * @example
 * ```ts
 * await findChromium(); // "chromium", or undefined when none is installed
 * ```
 */
export async function findChromium(): Promise<string | undefined> {
  const names = [
    Deno.env.get("ONECLICK_CHROMIUM"),
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
  ];
  for (const name of names) {
    if (!name) continue;
    try {
      const r = await new Deno.Command(name, { args: ["--version"], stdout: "null", stderr: "null" }).output();
      if (r.success) return name;
    } catch {
      // not installed under this name
    }
  }
  return undefined;
}

/**
 * Arguments for a headless Chromium that never goes online.
 *
 * @example
 * ```ts
 * new Deno.Command("chromium", { args: chromiumArgs("/tmp/profile", "--screenshot=a.png", "file:///tmp/r.html") });
 * ```
 */
export function chromiumArgs(profileDir: string, ...rest: string[]): string[] {
  return [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    `--user-data-dir=${profileDir}`,
    ...rest,
  ];
}

/**
 * Prints an HTML file to an A4 PDF (the page size and margins come from the
 * report's `@page` rules; Chromium's own header and footer are off, the page
 * numbers come from `@page` margin boxes).
 *
 * @example
 * ```ts
 * await printPdf("chromium", "/abs/report.html", "/abs/report.pdf", "/tmp/chromium-profile");
 * ```
 */
export async function printPdf(
  chromium: string,
  htmlFile: string,
  pdfFile: string,
  profileDir: string,
  o: { signal?: AbortSignal | undefined; children?: ChildGroup | undefined } = {},
): Promise<void> {
  const r = await withChildGroup(o.children, o.signal, (group) => {
    const child = group.spawn(chromium, {
      args: chromiumArgs(
        profileDir,
        "--no-pdf-header-footer",
        "--run-all-compositor-stages-before-draw",
        `--print-to-pdf=${pdfFile}`,
        `file://${htmlFile}`,
      ),
      stdout: "piped",
      stderr: "piped",
    });
    // Chromium's zygote, renderer and GPU processes share its process group.
    const timer = setTimeout(() => group.signalGroup(child, "SIGKILL"), BUILD_DEFAULTS.pdfTimeoutSeconds * 1000);
    return child.output().finally(() => clearTimeout(timer));
  });
  let size = 0;
  try {
    size = (await Deno.stat(pdfFile)).size;
  } catch {
    // not written
  }
  if (!r.success || size === 0) {
    const err = new TextDecoder().decode(r.stderr).split("\n")
      .filter((l) => l.trim() !== "" && !/dbus|Fontconfig|sandbox/i.test(l)).slice(-3).join("\n");
    throw new BuildError(
      `Chromium could not print ${basename(htmlFile)} to PDF (exit code ${r.code})${err ? `:\n${err}` : ""}`,
    );
  }
}

/**
 * The data part of the notebooks' cache keys: the folder the notebooks will
 * read (`--data`, `$ONECLICK_DATA`, `data/raw/` or the demo data, as they
 * decide), or undefined when it cannot be read.
 */
async function buildDataKey(o: BuildOptions): Promise<unknown> {
  try {
    const source = await resolveSource(o.data, { env: Deno.env.get("ONECLICK_DATA") });
    return await dataKey(source.dir, o.dataDate);
  } catch {
    return undefined;
  }
}

/** Removes build folders of earlier builds whose process is gone (a crash or a kill). */
async function removeStaleBuilds(out: string): Promise<void> {
  for await (const e of Deno.readDir(out)) {
    const pid = /^\.build-(\d+)$/.exec(e.name)?.[1];
    if (!pid || Number(pid) === Deno.pid) continue;
    if (await pathExists(`/proc/${pid}`)) continue;
    await Deno.remove(join(out, e.name), { recursive: true }).catch(() => {});
  }
}

/**
 * Moves the build's results into `out` as one change: each old entry is put
 * aside in `tmp` (a folder by rename; a file by a hard link, so that the
 * file is replaced by one atomic rename) and put back if any move fails.
 */
async function moveIntoPlace(tmp: string, out: string, names: { dirs: string[]; files: string[] }): Promise<void> {
  const done: { name: string; hadOld: boolean; dir: boolean }[] = [];
  try {
    for (const name of names.dirs) {
      const target = join(out, name), old = join(tmp, `old-${name}`);
      const hadOld = await pathExists(target);
      if (hadOld) await Deno.rename(target, old);
      try {
        await Deno.rename(join(tmp, name), target);
      } catch (e) {
        if (hadOld) await Deno.rename(old, target);
        throw e;
      }
      done.push({ name, hadOld, dir: true });
    }
    for (const name of names.files) {
      const target = join(out, name);
      const hadOld = await pathExists(target);
      if (hadOld) await Deno.link(target, join(tmp, `old-${name}`));
      await Deno.rename(join(tmp, name), target);
      done.push({ name, hadOld, dir: false });
    }
  } catch (e) {
    for (const { name, hadOld, dir } of done.reverse()) {
      // A folder cannot be renamed over a non-empty one; a file is put back by one rename over the new one.
      if (dir || !hadOld) await Deno.remove(join(out, name), { recursive: true }).catch(() => {});
      if (hadOld) await Deno.rename(join(tmp, `old-${name}`), join(out, name)).catch(() => {});
    }
    throw outputError(out, e) ?? new BuildError(`Could not move the results into ${out}: ${(e as Error).message}`);
  }
}

/** Error codes of a write that failed because of the output folder, and what they mean for the user. */
const OUTPUT_PROBLEMS: Record<string, string> = {
  EROFS: "it is on a read-only file system",
  EACCES: "permission denied",
  EPERM: "the operation is not permitted (an immutable or append-only folder?)",
  ENOSPC: "no space is left on the device",
  EDQUOT: "the disk quota is exhausted",
  EEXIST: "a file of that name is in the way",
  ENOTDIR: "a file of that name is in the way",
};

/**
 * A user-facing {@linkcode EXIT_OUTPUT} error for a failed write into the
 * output folder `out`, or undefined when `e` is another kind of failure.
 */
function outputError(out: string, e: unknown): BuildError | undefined {
  const code = (e as { code?: unknown })?.code;
  const problem = typeof code === "string" ? OUTPUT_PROBLEMS[code] : undefined;
  if (problem === undefined) return undefined;
  // Deno's message is "Read-only file system (os error 30): open '/out/.build.lock'": keep the operation and path.
  const what = /\(os error \d+\):\s*(.+)$/.exec((e as Error).message)?.[1] ?? (e as Error).message;
  return new BuildError(
    `Cannot write into the output folder ${out}: ${problem} (${what}).\n` +
      `The build needs a writable folder: it creates ${OUTPUT_LOCK_DEFAULTS.file} and a temporary .build-* folder there ` +
      `and replaces report.html, report.pdf, artifacts/ and notebooks/. ` +
      `Make ${out} writable, or choose another folder with --out DIR.`,
    EXIT_OUTPUT,
  );
}

/** The one line of an interrupted build; `left`: pids that had not ended when we gave up waiting. */
async function interruptedError(out: string, signal: AbortSignal, left: number[] = []): Promise<BuildError> {
  const by = typeof signal.reason === "string" ? ` by ${signal.reason}` : "";
  const previous = await pathExists(join(out, "report.html"))
    ? `the previous report in ${out} is intact`
    : `nothing in ${out} was changed`;
  const stopped = left.length === 0
    ? "every process it started was stopped"
    : `every process it started was killed, but ${left.length} had not ended yet (pid ${left.join(", ")})`;
  return new BuildError(`Report build interrupted${by}: ${stopped} and ${previous}.`, EXIT_INTERRUPTED);
}

/** Creates `out` and takes its lock, turning lock and file-system problems into user-facing errors. */
async function openOutput(out: string, o: BuildOptions, job: string, log: (line: string) => void) {
  try {
    await Deno.mkdir(out, { recursive: true });
    return await lockOutput(out, {
      wait: o.wait,
      signal: o.signal,
      job,
      onWait: (holder) => log(`Waiting for ${describeHolder(holder)} to finish its build into ${out} …`),
    });
  } catch (e) {
    if (e instanceof OutputLockedError) {
      throw new BuildError(
        `Another report build is writing into ${out}: ${describeHolder(e.holder)}.\n` +
          `Wait for it to finish (or stop it), or run with --wait to start when it is done.`,
        EXIT_LOCKED,
      );
    }
    throw outputError(out, e) ?? e;
  }
}

/**
 * Builds the report. Throws {@linkcode BuildError} (one readable message and
 * an exit code) on any failure — {@linkcode EXIT_INTERRUPTED} when
 * `signal` aborts, {@linkcode EXIT_LOCKED} when another build holds `out`,
 * {@linkcode EXIT_OUTPUT} when `out` cannot be written — after ending every
 * process it started, removing the temporary folder and releasing the lock.
 *
 * @example
 * ```ts
 * const { stages } = await buildReport({ out: "out", data: "../shared/data/one-click", log: console.log });
 * ```
 */
export async function buildReport(o: BuildOptions): Promise<BuildResult> {
  const log = o.log ?? (() => {});
  const out = resolve(o.out);
  const tmp = join(out, `.build-${Deno.pid}`);
  // Everything the build starts carries this id, so that nothing it started can be missed when it stops.
  const children = new ChildGroup(tmp);
  let lock: OutputLock;
  try {
    lock = await openOutput(out, o, children.id, log);
  } catch (e) {
    if (o.signal?.aborted) throw await interruptedError(out, o.signal);
    throw e;
  }
  const stop = () => void children.stop();
  o.signal?.addEventListener("abort", stop, { once: true });
  try {
    if (lock.takenOver) await takeOver(lock.takenOver, log, out);
    return await buildLocked(o, out, tmp, children, log);
  } catch (e) {
    if (o.signal?.aborted) throw await interruptedError(out, o.signal, await children.stop());
    throw e;
  } finally {
    o.signal?.removeEventListener("abort", stop);
    await children.stop();
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
    lock.release();
  }
}

/** Notes a lock left by a build that did not release it, and ends what that build left running. */
async function takeOver(holder: LockHolder, log: (line: string) => void, out: string): Promise<void> {
  const left = holder.job === undefined ? [] : await processesWith(CHILD_GROUP_DEFAULTS.variable, holder.job);
  if (left.length > 0) await new ChildGroup(holder.job).stop();
  log(
    `Note: took over the lock of ${out} from ${describeHolder(holder)}, which ended without releasing it` +
      (left.length > 0 ? `; stopped ${left.length} process(es) it left running.` : "."),
  );
}

/** The build proper, with the lock held: stages in the temporary folder, then the move into `out`. */
async function buildLocked(
  o: BuildOptions,
  out: string,
  tmp: string,
  children: ChildGroup,
  log: (line: string) => void,
): Promise<BuildResult> {
  const artifacts = join(tmp, "artifacts"), executed = join(tmp, "notebooks");
  try {
    await removeStaleBuilds(out);
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
    await Deno.mkdir(artifacts, { recursive: true });
    await Deno.mkdir(executed, { recursive: true });
  } catch (e) {
    throw outputError(out, e) ?? e;
  }
  const checkpoint = () => o.signal?.throwIfAborted();

  const stages: StageTime[] = [];
  let t = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    stages.push({ stage, seconds: (now - t) / 1000 });
    log(`— ${stage}: ${((now - t) / 1000).toFixed(2)} s`);
    t = now;
  };
  const [python, chromium, notebooks] = await Promise.all([
    findPython(),
    o.pdf === false ? Promise.resolve(undefined) : findChromium(),
    listNotebooks(resolve(o.notebooksDir ?? NOTEBOOK_DEFAULTS.dir)),
  ]);
  if (o.pdf !== false && chromium === undefined) {
    throw new BuildError(
      "Chromium is not installed, so the PDF cannot be printed (install chromium or set ONECLICK_CHROMIUM)",
      EXIT_UNAVAILABLE,
    );
  }
  // The run's values reach each notebook as its injected-parameters cell (the full config, flags such as
  // --seed merged in), paths from the project's root where they are inside it. A notebook without a
  // parameters cell finds its artifact folder in $ONECLICK_OUT.
  const parameters = {
    ...(o.data === undefined ? {} : { data: shownPath(o.data) }),
    ...(o.dataDate === undefined ? {} : { dataDate: o.dataDate }),
    out: shownPath(artifacts),
    config: o.config ?? DEFAULT_CONFIG,
    ...(o.workers === undefined ? {} : { workers: o.workers }),
  };
  const parametersNote = `out is the build's staging folder; the build moved its files to ${
    shownPath(join(out, "artifacts"))
  }.`;
  checkpoint();
  t = performance.now();

  const cache = o.cache === undefined ? undefined : new CacheStore({ dir: o.cache.dir, warn: log });
  const folders = { staging: shownPath(artifacts), final: shownPath(join(out, "artifacts")) };
  const keyParts = cache && await buildKeyParts(parameters, folders, parametersNote, await buildDataKey(o));
  const keys = new Map<string, string>();
  for (const notebook of notebooks) {
    checkpoint();
    const name = basename(notebook, ".ipynb");
    const paths = { executed: join(executed, basename(notebook)), artifacts, folders };
    // Without a readable data folder there is no key: the notebooks run and report the problem.
    const before = cache && keyParts?.data !== undefined ? await snapshot(artifacts) : undefined;
    const key = before && keyParts ? await notebookKey(notebook, keyParts, before) : undefined;
    if (key !== undefined) keys.set(notebook, key);
    const forced = o.cache?.fresh === true || o.cache?.run?.includes(name) === true;
    if (cache && key !== undefined && !forced && await restoreNotebook(cache, key, paths)) {
      log(`${name}  from the cache (${key.slice(0, 12)})`);
      continue;
    }
    await runNotebooks({
      notebooks: [notebook],
      outDir: executed,
      env: {
        ONECLICK_OUT: artifacts,
        // Stage results: the build's cache, or a folder that goes with the temporary one.
        ONECLICK_CACHE_DIR: cache?.dir ?? join(tmp, "cache"),
        ...(o.cache?.fresh === true ? { ONECLICK_FRESH: "1" } : {}),
      },
      parameters,
      parametersNote,
      timeoutSeconds: o.timeoutSeconds,
      python,
      log,
      children,
    });
    if (cache && key !== undefined && before) await saveNotebook(cache, key, { ...paths, before });
  }
  lap("notebooks");
  checkpoint();
  // The HTML export needs only the executed notebooks: it runs while the report renders and prints.
  // A notebook restored from the cache brings its HTML too, when an earlier build exported it.
  const htmlStarted = performance.now();
  const toExport: string[] = [];
  for (const notebook of notebooks) {
    const key = keys.get(notebook), file = join(executed, basename(notebook, ".ipynb") + ".html");
    if (!(cache && key !== undefined && await restoreNotebookHtml(cache, key, file, folders))) {
      toExport.push(notebook);
    }
  }
  const exported = (toExport.length === 0 ? Promise.resolve() : exportHtml(
    python,
    toExport.map((n) => join(executed, basename(n))),
    executed,
    { children },
  ).then(async () => {
    if (!cache) return;
    for (const notebook of toExport) {
      const key = keys.get(notebook);
      if (key === undefined) continue;
      const html = await Deno.readTextFile(join(executed, basename(notebook, ".ipynb") + ".html"));
      await saveNotebookHtml(cache, key, html, folders);
    }
  })).then(() => (performance.now() - htmlStarted) / 1000);
  exported.catch(() => {}); // awaited below; never an unhandled rejection meanwhile

  let html: string;
  try {
    html = await renderReport(artifacts, { builtAt: o.builtAt ?? new Date(), templatesDir: o.templatesDir });
  } catch (e) {
    if (e instanceof ArtifactError) throw new BuildError(e.message);
    throw e;
  }
  await Deno.writeTextFile(join(tmp, "report.html"), html);
  lap("render");
  checkpoint();

  const files = ["report.html"];
  if (chromium !== undefined) {
    await printPdf(chromium, join(tmp, "report.html"), join(tmp, "report.pdf"), join(tmp, "chromium-profile"), {
      children,
    });
    files.push("report.pdf");
    lap("pdf");
  }
  const htmlSeconds = await exported;
  stages.push({ stage: "notebook html", seconds: htmlSeconds });
  log(`— notebook html: ${htmlSeconds.toFixed(2)} s (alongside render and pdf)`);
  // The last moment to stop: once the results move, the new report is completed instead.
  checkpoint();
  t = performance.now();

  await moveIntoPlace(tmp, out, { dirs: ["artifacts", "notebooks"], files });
  // Without a PDF this time, an older one would not match the new report.
  if (chromium === undefined) await Deno.remove(join(out, "report.pdf")).catch(() => {});
  lap("move");
  return {
    html: join(out, "report.html"),
    pdf: chromium === undefined ? undefined : join(out, "report.pdf"),
    stages,
  };
}
