/**
 * Notebook hygiene: the committed notebooks carry no outputs, no execution
 * counts and a stable id on every cell (nbformat 4.5), so that a diff shows
 * only what a person changed and no run's numbers (or real data) land in git.
 *
 * `deno task strip [FILE.ipynb…]` (`./oneclick strip`) removes outputs,
 * execution counts and nbclient's timing metadata in place — from
 * `notebooks/*.ipynb` by default; a file already clean is left untouched, so
 * the command is idempotent. {@linkcode notebookProblems} is what the test
 * command checks.
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseJsonText } from "../artifacts/artifact_file.ts";
import { runCommand, UsageError } from "../cli/run.ts";
import { DataError } from "../data/errors.ts";

/** Defaults of the hygiene tools. */
export const STRIP_DEFAULTS = {
  /** The project's notebooks. */
  dir: fileURLToPath(new URL("../../notebooks", import.meta.url)),
  /** nbformat's cell id: 1–64 letters, digits, `-` and `_`. */
  idPattern: /^[A-Za-z0-9_-]{1,64}$/,
} as const;

/** A notebook cell, as far as hygiene looks at it. */
interface Cell {
  cell_type?: unknown;
  id?: unknown;
  metadata?: Record<string, unknown>;
  outputs?: unknown;
  execution_count?: unknown;
}

/** A notebook, as far as hygiene looks at it. */
interface Notebook {
  nbformat?: unknown;
  nbformat_minor?: unknown;
  cells?: unknown;
}

function notebookOf(text: string, file: string): Notebook & { cells: Cell[] } {
  const nb = parseJsonText(text, file, "Jupyter (a notebook)") as Notebook;
  if (typeof nb !== "object" || nb === null || !Array.isArray(nb.cells)) {
    throw new DataError([{ file, expected: "a Jupyter notebook: an object with a list of cells" }]);
  }
  return nb as Notebook & { cells: Cell[] };
}

/**
 * The notebook's text without outputs, execution counts and nbclient's
 * `metadata.execution` timings; the same text when there were none. Written
 * as Jupyter writes (one-space indent, a final newline), keys in their order.
 *
 * @param text the notebook file's text
 * @param file its path, for the message when it is not a notebook
 * @throws DataError naming the file (and the line) when the text is not a notebook
 * @example
 * ```ts
 * stripNotebook(await Deno.readTextFile("notebooks/01_data.ipynb"), "notebooks/01_data.ipynb");
 * ```
 */
export function stripNotebook(text: string, file: string): string {
  const nb = notebookOf(text, file);
  let changed = false;
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code") continue;
    if (!Array.isArray(cell.outputs) || cell.outputs.length > 0) {
      cell.outputs = [];
      changed = true;
    }
    if (cell.execution_count !== null) {
      cell.execution_count = null;
      changed = true;
    }
    if (cell.metadata !== undefined && "execution" in cell.metadata) {
      delete cell.metadata.execution;
      changed = true;
    }
  }
  return changed ? JSON.stringify(nb, null, 1) + "\n" : text;
}

/**
 * What keeps a notebook from being committed: outputs, execution counts,
 * timing metadata, a format older than 4.5, cells without an id or with a
 * duplicate or malformed one. Empty when the notebook is clean.
 *
 * @param text the notebook file's text
 * @param file its path, named in every problem
 * @example
 * ```ts
 * notebookProblems('{"nbformat": 4, "nbformat_minor": 5, "cells": [{"cell_type": "code", "outputs": [], "execution_count": 3}]}', "a.ipynb");
 * // ["a.ipynb: cell 1 has no id", "a.ipynb: cell 1 (code) has an execution count (3): run `./oneclick strip`"]
 * ```
 */
export function notebookProblems(text: string, file: string): string[] {
  const nb = notebookOf(text, file);
  const problems: string[] = [];
  const major = Number(nb.nbformat), minor = Number(nb.nbformat_minor);
  if (!(major > 4 || (major === 4 && minor >= 5))) {
    problems.push(`${file}: nbformat ${nb.nbformat}.${nb.nbformat_minor}, expected 4.5 or later (cell ids)`);
  }
  const seen = new Map<string, number>();
  nb.cells.forEach((cell, i) => {
    const at = `${file}: cell ${i + 1}`;
    if (cell.id === undefined) problems.push(`${at} has no id`);
    else if (typeof cell.id !== "string" || !STRIP_DEFAULTS.idPattern.test(cell.id)) {
      problems.push(`${at} has id ${JSON.stringify(cell.id)}, expected 1–64 letters, digits, "-" or "_"`);
    } else if (seen.has(cell.id)) problems.push(`${at} repeats the id "${cell.id}" of cell ${seen.get(cell.id)}`);
    else seen.set(cell.id, i + 1);
    if (cell.cell_type !== "code") return;
    const strip = "run `./oneclick strip`";
    if (!Array.isArray(cell.outputs) || cell.outputs.length > 0) problems.push(`${at} (code) has outputs: ${strip}`);
    if (cell.execution_count !== null) {
      problems.push(`${at} (code) has an execution count (${JSON.stringify(cell.execution_count)}): ${strip}`);
    }
    if (cell.metadata !== undefined && "execution" in cell.metadata) {
      problems.push(`${at} (code) has execution timings in its metadata: ${strip}`);
    }
  });
  return problems;
}

/**
 * The project's notebooks, `notebooks/*.ipynb`, sorted.
 *
 * @example
 * ```ts
 * await projectNotebooks(); // ["…/notebooks/01_data.ipynb", …]
 * ```
 */
export async function projectNotebooks(dir: string = STRIP_DEFAULTS.dir): Promise<string[]> {
  const files: string[] = [];
  for await (const e of Deno.readDir(dir)) if (e.isFile && e.name.endsWith(".ipynb")) files.push(join(dir, e.name));
  return files.sort();
}

/**
 * Strips the files in place (atomically: a temporary file, then a rename);
 * returns those that changed.
 *
 * @example
 * ```ts
 * await stripFiles(await projectNotebooks()); // [] when all were clean
 * ```
 */
export async function stripFiles(files: string[]): Promise<string[]> {
  const changed: string[] = [];
  for (const file of files) {
    const text = await Deno.readTextFile(file);
    const stripped = stripNotebook(text, file);
    if (stripped === text) continue;
    await Deno.writeTextFile(`${file}.strip.tmp`, stripped);
    await Deno.rename(`${file}.strip.tmp`, file);
    changed.push(file);
  }
  return changed;
}

if (import.meta.main) {
  await runCommand("deno task strip [FILE.ipynb…]", async () => {
    const bad = Deno.args.find((a) => a.startsWith("-") || !a.endsWith(".ipynb"));
    if (bad !== undefined) throw new UsageError(`expected notebook files (*.ipynb), got "${bad}"`);
    const files = Deno.args.length > 0 ? Deno.args : await projectNotebooks();
    const changed = await stripFiles(files);
    for (const file of changed) console.log(`stripped ${file}`);
    console.log(`${changed.length} of ${files.length} notebooks changed; all clean now`);
  });
}
