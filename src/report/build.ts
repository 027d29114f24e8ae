/**
 * The headless report build: run the notebooks in a temporary folder under
 * `out/`, export them to HTML, render report.html from the artifacts they
 * wrote, print it to an A4 PDF with headless Chromium, and only then move
 * everything into place. A failure anywhere leaves the previous
 * `out/report.*`, `out/artifacts/` and `out/notebooks/` untouched and removes
 * the temporary folder.
 *
 * @module
 */
import { basename, join, resolve } from "node:path";
import {
  BuildError,
  EXIT_UNAVAILABLE,
  exportHtml,
  findPython,
  listNotebooks,
  NOTEBOOK_DEFAULTS,
  runNotebooks,
} from "./notebooks.ts";
import { ArtifactError, renderReport } from "./render.ts";

/** Defaults of the build. */
export const BUILD_DEFAULTS = {
  /** Time limit for printing the PDF, seconds. */
  pdfTimeoutSeconds: 90,
} as const;

/** Options of {@linkcode buildReport}. */
export interface BuildOptions {
  /** The final output folder (report.html, report.pdf, artifacts/, notebooks/ go here). */
  out: string;
  /** Data folder; undefined: $ONECLICK_DATA, data/raw/ or demo data, as the notebooks decide. */
  data?: string | undefined;
  seed?: number | undefined;
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
  signal?: AbortSignal,
): Promise<void> {
  const child = new Deno.Command(chromium, {
    args: chromiumArgs(
      profileDir,
      "--no-pdf-header-footer",
      "--run-all-compositor-stages-before-draw",
      `--print-to-pdf=${pdfFile}`,
      `file://${htmlFile}`,
    ),
    stdout: "piped",
    stderr: "piped",
    ...(signal ? { signal } : {}),
  }).spawn();
  const timer = setTimeout(() => child.kill("SIGKILL"), BUILD_DEFAULTS.pdfTimeoutSeconds * 1000);
  const r = await child.output().finally(() => clearTimeout(timer));
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

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** Removes build folders of earlier builds whose process is gone (a crash or a kill). */
async function removeStaleBuilds(out: string): Promise<void> {
  for await (const e of Deno.readDir(out)) {
    const pid = /^\.build-(\d+)$/.exec(e.name)?.[1];
    if (!pid || Number(pid) === Deno.pid) continue;
    if (await exists(`/proc/${pid}`)) continue;
    await Deno.remove(join(out, e.name), { recursive: true }).catch(() => {});
  }
}

/**
 * Moves the build's results into `out`: folders are swapped (the old one
 * kept aside until every move succeeded, and put back if one fails), files
 * replaced by rename.
 */
async function moveIntoPlace(tmp: string, out: string, names: { dirs: string[]; files: string[] }): Promise<void> {
  const done: { name: string; hadOld: boolean }[] = [];
  try {
    for (const name of names.dirs) {
      const target = join(out, name), old = join(tmp, `old-${name}`);
      const hadOld = await exists(target);
      if (hadOld) await Deno.rename(target, old);
      try {
        await Deno.rename(join(tmp, name), target);
      } catch (e) {
        if (hadOld) await Deno.rename(old, target);
        throw e;
      }
      done.push({ name, hadOld });
    }
  } catch (e) {
    for (const { name, hadOld } of done.reverse()) {
      await Deno.remove(join(out, name), { recursive: true }).catch(() => {});
      if (hadOld) await Deno.rename(join(tmp, `old-${name}`), join(out, name)).catch(() => {});
    }
    throw new BuildError(`Could not move the results into ${out}: ${(e as Error).message}`);
  }
  for (const name of names.files) await Deno.rename(join(tmp, name), join(out, name));
}

/**
 * Builds the report. Throws {@linkcode BuildError} (one readable message and
 * an exit code) on any failure, after removing the temporary folder.
 *
 * @example
 * ```ts
 * const { stages } = await buildReport({ out: "out", data: "../shared/data/one-click", log: console.log });
 * ```
 */
export async function buildReport(o: BuildOptions): Promise<BuildResult> {
  const log = o.log ?? (() => {});
  const out = resolve(o.out);
  await Deno.mkdir(out, { recursive: true });
  await removeStaleBuilds(out);
  const tmp = join(out, `.build-${Deno.pid}`);
  await Deno.remove(tmp, { recursive: true }).catch(() => {});
  const artifacts = join(tmp, "artifacts"), executed = join(tmp, "notebooks");
  await Deno.mkdir(artifacts, { recursive: true });
  await Deno.mkdir(executed, { recursive: true });

  const stages: StageTime[] = [];
  let t = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    stages.push({ stage, seconds: (now - t) / 1000 });
    log(`— ${stage}: ${((now - t) / 1000).toFixed(2)} s`);
    t = now;
  };
  let exported: Promise<number> | undefined;
  // Interrupted (Ctrl-C, kill): stop the children, remove the temporary folder, leave the previous results.
  const stop = new AbortController();
  const onSignal = () => {
    stop.abort();
    try {
      Deno.removeSync(tmp, { recursive: true });
    } catch {
      // already gone
    }
    Deno.exit(130);
  };
  const signals: Deno.Signal[] = ["SIGINT", "SIGTERM"];
  for (const s of signals) Deno.addSignalListener(s, onSignal);
  try {
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
    const env: Record<string, string> = { ONECLICK_OUT: artifacts };
    if (o.data !== undefined) env.ONECLICK_DATA = resolve(o.data);
    if (o.seed !== undefined) env.ONECLICK_SEED = String(o.seed);
    if (o.workers !== undefined) env.ONECLICK_WORKERS = String(o.workers);
    t = performance.now();

    await runNotebooks({
      notebooks,
      outDir: executed,
      env,
      timeoutSeconds: o.timeoutSeconds,
      python,
      log,
      signal: stop.signal,
    });
    lap("notebooks");
    // The HTML export needs only the executed notebooks: it runs while the report renders and prints.
    const htmlStarted = performance.now();
    exported = exportHtml(python, notebooks.map((n) => join(executed, basename(n))), executed, stop.signal)
      .then(() => (performance.now() - htmlStarted) / 1000);
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

    const files = ["report.html"];
    if (chromium !== undefined) {
      await printPdf(
        chromium,
        join(tmp, "report.html"),
        join(tmp, "report.pdf"),
        join(tmp, "chromium-profile"),
        stop.signal,
      );
      files.push("report.pdf");
      lap("pdf");
    }
    const htmlSeconds = await exported;
    stages.push({ stage: "notebook html", seconds: htmlSeconds });
    log(`— notebook html: ${htmlSeconds.toFixed(2)} s (alongside render and pdf)`);
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
  } finally {
    for (const s of signals) Deno.removeSignalListener(s, onSignal);
    // Let a running export finish before its folder goes.
    await exported?.catch(() => {});
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
}
