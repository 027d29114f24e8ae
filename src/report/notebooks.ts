/**
 * Executes the notebooks with Jupyter (nbclient, a fresh kernel each, a time
 * limit per cell) through `scripts/run_notebooks.py`, streams its per-cell
 * progress, and turns a failing cell into one readable message: notebook,
 * code cell, the source line that failed and the error — no stack dump.
 * Then exports every executed notebook to HTML with nbconvert.
 *
 * @module
 */
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { jupyterPath } from "../notebook/kernelspec.ts";
import { type ChildGroup, withChildGroup } from "../util/child_group.ts";
import { EXIT_DATA, EXIT_INTERNAL, EXIT_UNAVAILABLE } from "../util/exit_codes.ts";

/** Defaults of the notebook stage. */
export const NOTEBOOK_DEFAULTS = {
  /** Time limit per cell, seconds. */
  timeoutSeconds: 120,
  /** The project's notebooks. */
  dir: fileURLToPath(new URL("../../notebooks", import.meta.url)),
  /** The runner script. */
  runner: fileURLToPath(new URL("../../scripts/run_notebooks.py", import.meta.url)),
} as const;

export { EXIT_DATA, EXIT_INTERNAL, EXIT_UNAVAILABLE };

/** A user-facing failure of the build: one message, an exit code, no stack. */
export class BuildError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT_INTERNAL) {
    super(message);
    this.name = "BuildError";
    this.exitCode = exitCode;
  }
}

/** The runner's error record (see scripts/run_notebooks.py). */
export interface CellFailure {
  notebook: string;
  /** 1-based number among the notebook's code cells; null when no cell ran (the kernel did not start). */
  cell: number | null;
  cells: number;
  source: string;
  ename: string;
  evalue: string;
  traceback: string[];
  startup?: boolean;
}

/** Where in a cell an error happened. */
export interface CellLocation {
  /** 1-based line of the cell's source. */
  line: number;
  text: string;
}

// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
const stripAnsi = (s: string) => s.replace(ANSI, "");

/**
 * Finds the source line of a cell that raised, from the kernel's traceback.
 *
 * The Deno kernel runs a transpiled copy of the cell, so the line numbers in
 * its stack (`<anonymous>:L:C`) count the transpiled code: blank lines and
 * type-only declarations are gone and long expressions may be re-wrapped.
 * The line is therefore chosen by what the error names — the function called
 * from the cell that raised (`at loadDataset (file:…)`), the property read
 * (`reading 'toFixed'`), the undefined name, the missing module, or `throw`
 * — among the source lines, nearest to the L-th non-blank line; without such
 * a clue the L-th non-blank line is taken.
 *
 * @param failure the runner's error record
 * @returns the line, or undefined when the traceback has no position in the cell
 * @example
 * ```ts
 * locateFailure({ source: "const a = 1;\n\nnull.foo;", traceback: ["TypeError: …", "    at <anonymous>:2:6"],
 *   evalue: "Cannot read properties of null (reading 'foo')", ename: "TypeError" });
 * // { line: 3, text: "null.foo;" }
 * ```
 */
export function locateFailure(
  failure: Pick<CellFailure, "source" | "traceback" | "evalue" | "ename">,
): CellLocation | undefined {
  const frames = failure.traceback.flatMap((t) => stripAnsi(t).split("\n")).filter((l) => /^\s*at\s/.test(l));
  const inCell = frames.findIndex((f) => /<anonymous>:\d+:\d+/.test(f));
  if (inCell < 0) return undefined;
  const transpiledLine = Number(/<anonymous>:(\d+):\d+/.exec(frames[inCell]!)![1]);
  const lines = failure.source.split("\n");
  const nonBlank = lines.map((l, i) => ({ i, l })).filter((x) => x.l.trim() !== "");
  if (nonBlank.length === 0) return undefined;
  const estimate = nonBlank[Math.min(transpiledLine, nonBlank.length) - 1]!.i;

  const clues: ((line: string) => boolean)[] = [];
  const word = (name: string) => new RegExp(`(^|[^\\w$])${name.replace(/[$]/g, "\\$")}([^\\w$]|$)`);
  // The function the cell called that raised: the frame just above the first one in the cell.
  const callee = inCell > 0
    ? /^\s*at\s+(?:async\s+)?(?:new\s+)?([\w$.<>]+)\s+\(/.exec(frames[inCell - 1]!)?.[1]
    : undefined;
  if (callee && !callee.includes("<")) {
    const name = callee.split(".").pop()!;
    if (name !== "Object" && name !== "") clues.push((l) => word(name).test(l));
  }
  const reading = /reading '([^']+)'/.exec(failure.evalue)?.[1];
  if (reading) clues.push((l) => l.includes(`.${reading}`) || l.includes(`["${reading}"]`));
  const notDefined = /^([\w$]+) is not defined/.exec(failure.evalue)?.[1];
  if (notDefined) clues.push((l) => word(notDefined).test(l));
  const notFunction = /([\w$.]+) is not a function/.exec(failure.evalue)?.[1];
  if (notFunction) clues.push((l) => word(notFunction.split(".").pop()!).test(l));
  const module = /Module not found "([^"]+)"/.exec(failure.evalue)?.[1];
  if (module) {
    const tail = module.split("/").slice(-2).join("/");
    clues.push((l) => l.includes(tail) || l.includes(module.split("/").pop()!));
  }
  if (inCell === 0) clues.push((l) => /\bthrow\b/.test(l));

  for (const clue of clues) {
    const hits = nonBlank.filter((x) => clue(x.l));
    if (hits.length === 0) continue;
    const best = hits.reduce((a, b) => (Math.abs(b.i - estimate) < Math.abs(a.i - estimate) ? b : a));
    return { line: best.i + 1, text: best.l.trim() };
  }
  return { line: estimate + 1, text: lines[estimate]!.trim() };
}

/** Where a frame outside the cell raised (our own module), if the traceback says. */
function raisedIn(traceback: readonly string[]): string | undefined {
  for (const t of traceback) {
    const m = /\((file:\/\/[^)]+:\d+):\d+\)|at (file:\/\/\S+:\d+):\d+/.exec(stripAnsi(t));
    const url = m?.[1] ?? m?.[2];
    if (url) {
      const path = decodeURIComponent(url.replace(/^file:\/\//, ""));
      const src = path.indexOf("/src/");
      return src >= 0 ? path.slice(src + 1) : path;
    }
  }
  return undefined;
}

/**
 * The one message for a failed notebook.
 *
 * @example
 * ```ts
 * failureMessage({ notebook: "02_eda.ipynb", cell: 3, cells: 9, source: "x.y;", ename: "ReferenceError",
 *   evalue: "x is not defined", traceback: ["    at <anonymous>:1:1"] });
 * // "Notebook 02_eda.ipynb failed in code cell 3 of 9, line 1:\n    x.y;\nReferenceError: x is not defined"
 * ```
 */
export function failureMessage(f: CellFailure): string {
  if (f.cell === null) {
    return `Notebook ${f.notebook} did not run: ${f.ename}${f.evalue ? `: ${f.evalue}` : ""}`;
  }
  const where = locateFailure(f);
  const head = `Notebook ${f.notebook} failed in code cell ${f.cell} of ${f.cells}` +
    (where ? `, line ${where.line}:\n    ${where.text}` : `:\n    ${firstLine(f.source)}`);
  const origin = raisedIn(f.traceback);
  const error = f.ename === "Timeout" || f.ename === "DeadKernel"
    ? f.evalue
    : `${f.ename}: ${stripAnsi(f.evalue).trim()}${origin && f.ename !== "DataError" ? `\n(raised in ${origin})` : ""}`;
  return `${head}\n${error}`;
}

const firstLine = (s: string) => s.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";

/**
 * The Python interpreter that has nbclient: $ONECLICK_PYTHON, the one `jupyter` runs with, python3.
 *
 * @example
 * ```ts
 * const python = await findPython(); // "/usr/bin/python3"
 * ```
 */
export async function findPython(): Promise<string> {
  const candidates: string[] = [];
  const env = Deno.env.get("ONECLICK_PYTHON");
  if (env) candidates.push(env);
  for (const dir of (Deno.env.get("PATH") ?? "").split(":")) {
    try {
      const head = (await Deno.readTextFile(join(dir, "jupyter"))).slice(0, 200);
      const shebang = /^#!\s*(\S+)/.exec(head)?.[1];
      if (shebang && !shebang.endsWith("/env")) candidates.push(shebang);
      break;
    } catch {
      // not in this directory
    }
  }
  candidates.push("python3", "/usr/bin/python3");
  for (const python of [...new Set(candidates)]) {
    try {
      const r = await new Deno.Command(python, {
        args: ["-c", "import nbclient, nbformat, nbconvert"],
        stdout: "null",
        stderr: "null",
      }).output();
      if (r.success) return python;
    } catch {
      // not installed
    }
  }
  throw new BuildError(
    "Jupyter is not installed: no python3 with nbclient and nbconvert was found " +
      "(install jupyter-nbconvert and python3-nbclient, or set ONECLICK_PYTHON)",
    EXIT_UNAVAILABLE,
  );
}

/**
 * The notebooks of a folder in name order.
 *
 * @example
 * ```ts
 * await listNotebooks("notebooks"); // ["notebooks/01_data.ipynb", …, "notebooks/04_segments.ipynb"]
 * ```
 */
export async function listNotebooks(dir: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) if (e.isFile && e.name.endsWith(".ipynb")) names.push(e.name);
  } catch (e) {
    throw new BuildError(`Notebook folder ${dir} cannot be read: ${(e as Error).message}`);
  }
  if (names.length === 0) throw new BuildError(`Notebook folder ${dir} holds no .ipynb files`);
  return names.sort().map((n) => join(dir, n));
}

/** Options of {@linkcode runNotebooks}. */
export interface RunNotebooksOptions {
  /** Notebook files, run in this order. */
  notebooks: string[];
  /** Where the executed notebooks are written. */
  outDir: string;
  /** Extra environment for the kernels (ONECLICK_*). */
  env: Record<string, string>;
  /**
   * The values of the `injected-parameters` cell the runner inserts after
   * each notebook's `parameters` cell (absent: none inserted).
   */
  parameters?: Record<string, unknown> | undefined;
  /** Comment lines shown above the injected values. */
  parametersNote?: string | undefined;
  timeoutSeconds?: number | undefined;
  python: string;
  /** Receives every progress line. */
  log: (line: string) => void;
  /** Stops the runner and its kernels. */
  signal?: AbortSignal | undefined;
  /**
   * The group the runner is started in (the build's, which it stops when
   * interrupted); by default one of its own, stopped when the run ends, so
   * no kernel outlives the run.
   */
  children?: ChildGroup | undefined;
}

async function* lines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  let buffer = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    buffer += chunk;
    let nl;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      yield buffer.slice(0, nl).replace(/\r$/, "");
      buffer = buffer.slice(nl + 1);
    }
  }
  if (buffer !== "") yield buffer;
}

/**
 * Runs the notebooks in order; resolves when all succeeded, otherwise throws
 * a {@linkcode BuildError} with {@linkcode failureMessage}'s text (exit code 1
 * when the cell raised a `DataError`, the user's data being the problem).
 *
 * @example
 * ```ts
 * import { findPython, listNotebooks, runNotebooks } from "./notebooks.ts";
 * const python = await findPython(), notebooks = await listNotebooks("notebooks");
 * await runNotebooks({
 *   notebooks, outDir: "tmp/notebooks", env: {}, parameters: { out: "tmp/artifacts" }, python, log: console.log,
 * });
 * ```
 */
export async function runNotebooks(o: RunNotebooksOptions): Promise<void> {
  await withChildGroup(o.children, o.signal, (group) => runRunner(o, group));
}

async function runRunner(o: RunNotebooksOptions, group: ChildGroup): Promise<void> {
  const child = group.spawn(o.python, {
    args: [
      NOTEBOOK_DEFAULTS.runner,
      "--output-dir",
      o.outDir,
      "--timeout",
      String(o.timeoutSeconds ?? NOTEBOOK_DEFAULTS.timeoutSeconds),
      ...(o.parameters === undefined ? [] : ["--parameters", JSON.stringify(o.parameters)]),
      ...(o.parametersNote === undefined ? [] : ["--parameters-note", o.parametersNote]),
      ...o.notebooks,
    ],
    // The project's Deno kernelspec (.tools/jupyter, written by ./oneclick) before the user's.
    env: { JUPYTER_PATH: jupyterPath(), ...o.env, PYTHONUNBUFFERED: "1", PYDEVD_DISABLE_FILE_VALIDATION: "1" },
    stdout: "piped",
    stderr: "piped",
  });
  const stderrText = new Response(child.stderr).text();
  let failure: CellFailure | undefined;
  for await (const line of lines(child.stdout)) {
    if (line.startsWith("{")) {
      try {
        const parsed = JSON.parse(line);
        if (parsed && typeof parsed === "object" && "error" in parsed) failure = parsed.error as CellFailure;
        continue;
      } catch {
        // not ours: print it
      }
    }
    o.log(line);
  }
  const status = await child.status;
  const stderr = await stderrText;
  if (failure) {
    const startupProblem = failure.cell === null;
    throw new BuildError(
      failureMessage(failure) +
        (startupProblem ? "\n(is the Deno kernel installed? `deno run -A src/notebook/kernelspec.ts` writes it)" : ""),
      failure.ename === "DataError" ? EXIT_DATA : startupProblem ? EXIT_UNAVAILABLE : EXIT_INTERNAL,
    );
  }
  if (!status.success) {
    const tail = stderr.split("\n").filter((l) => l.trim() !== "" && !/unstable/.test(l)).slice(-5).join("\n");
    throw new BuildError(`The notebook runner stopped with exit code ${status.code}${tail ? `:\n${tail}` : ""}`);
  }
}

/**
 * Exports executed notebooks to HTML next to them with nbconvert
 * (`jupyter nbconvert --to html`, run through the same Python).
 *
 * @example
 * ```ts
 * import { exportHtml, findPython } from "./notebooks.ts";
 * const python = await findPython();
 * await exportHtml(python, ["tmp/notebooks/01_data.ipynb"], "tmp/notebooks"); // writes 01_data.html
 * ```
 */
export async function exportHtml(
  python: string,
  notebooks: string[],
  outDir: string,
  o: { signal?: AbortSignal | undefined; children?: ChildGroup | undefined } = {},
): Promise<void> {
  const r = await withChildGroup(o.children, o.signal, (group) =>
    group.spawn(python, {
      args: ["-m", "nbconvert", "--to", "html", "--output-dir", outDir, ...notebooks],
      stdout: "piped",
      stderr: "piped",
    }).output());
  if (!r.success) {
    const err = new TextDecoder().decode(r.stderr).split("\n").filter((l) => l.trim() !== "").slice(-3).join("\n");
    throw new BuildError(
      `nbconvert could not export ${notebooks.map((n) => basename(n)).join(", ")} to HTML:\n${err}`,
    );
  }
}
