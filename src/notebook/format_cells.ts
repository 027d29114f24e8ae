/**
 * `deno task fmt:notebooks [--check] [FILE.ipynb…]`: formats the code cells
 * of the notebooks (default `notebooks/*.ipynb`) with `deno fmt`, as the
 * project formats its `.ts` files (line width 120); with `--check` changes
 * nothing and exits 1 naming the cells that are not formatted.
 *
 * Why not `deno fmt` on the `.ipynb` files: Deno 2.9.6's `--check` reports
 * a formatted notebook as unformatted on a fresh cache (an empty diff), so
 * the test command could not rely on it. Each code cell is written to a
 * temporary `.ts` file, one `deno fmt` run formats them all, and the cells
 * are put back; outputs, ids and metadata are untouched.
 *
 * @module
 */
import { basename, join } from "node:path";
import { projectNotebooks } from "./strip.ts";

/** Defaults of the formatter. */
export const FORMAT_DEFAULTS = {
  /** The project's line width (deno.json `fmt.lineWidth`). */
  lineWidth: 120,
} as const;

interface Cell {
  cell_type: string;
  source: string | string[];
  [key: string]: unknown;
}

/** A code cell that is not formatted. */
export interface Unformatted {
  file: string;
  /** 1-based number among the notebook's code cells. */
  cell: number;
}

const text = (source: string | string[]) => (Array.isArray(source) ? source.join("") : source);
/** Jupyter's layout of a source: lines with their newline, the last without. */
const lines = (s: string) => s.split(/(?<=\n)/);

/**
 * Formats (or, with `check`, only checks) the code cells of `files`; returns
 * the cells that were (or would be) changed.
 *
 * @example
 * ```ts
 * await formatNotebooks(["notebooks/01_data.ipynb"], { check: true }); // [] when formatted
 * ```
 */
export async function formatNotebooks(files: readonly string[], o: { check: boolean }): Promise<Unformatted[]> {
  const dir = await Deno.makeTempDir({ prefix: "fmt-cells-" });
  try {
    const notebooks = await Promise.all(files.map(async (file) => {
      const raw = await Deno.readTextFile(file);
      return { file, raw, nb: JSON.parse(raw) as { cells: Cell[] } };
    }));
    const written: { n: number; cell: Cell; code: number; path: string }[] = [];
    for (const [n, { nb }] of notebooks.entries()) {
      let code = 0;
      for (const cell of nb.cells) {
        if (cell.cell_type !== "code") continue;
        code++;
        const path = join(dir, `${n}_${code}.ts`);
        await Deno.writeTextFile(path, text(cell.source));
        written.push({ n, cell, code, path });
      }
    }
    if (written.length === 0) return [];
    const r = await new Deno.Command(Deno.execPath(), {
      args: ["fmt", "--quiet", "--no-config", `--line-width=${FORMAT_DEFAULTS.lineWidth}`, dir],
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!r.success) {
      throw new Error(`deno fmt could not format the notebooks' code cells:\n${new TextDecoder().decode(r.stderr)}`);
    }
    const changed: Unformatted[] = [];
    const touched = new Set<number>();
    for (const w of written) {
      // deno fmt ends a file with a newline; a cell's source does not.
      const formatted = (await Deno.readTextFile(w.path)).replace(/\n$/, "");
      if (formatted === text(w.cell.source)) continue;
      changed.push({ file: notebooks[w.n]!.file, cell: w.code });
      w.cell.source = lines(formatted);
      touched.add(w.n);
    }
    if (!o.check) {
      for (const n of touched) {
        const { file, nb } = notebooks[n]!;
        await Deno.writeTextFile(file, JSON.stringify(nb, null, 1) + "\n");
      }
    }
    return changed;
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) {
  const check = Deno.args.includes("--check");
  const given = Deno.args.filter((a) => a !== "--check");
  const bad = given.find((a) => !a.endsWith(".ipynb"));
  if (bad !== undefined) {
    console.error(`expected notebook files (*.ipynb) or --check, got "${bad}"`);
    console.error("Usage: deno task fmt:notebooks [--check] [FILE.ipynb…]");
    Deno.exit(2);
  }
  const files = given.length > 0 ? given : await projectNotebooks();
  const changed = await formatNotebooks(files, { check });
  for (const c of changed) {
    console.error(`${basename(c.file)}: code cell ${c.cell} ${check ? "is not formatted" : "formatted"}`);
  }
  if (check && changed.length > 0) {
    console.error("Run `deno task fmt:notebooks` (or ./oneclick fmt:notebooks) to format them.");
    Deno.exit(1);
  }
}
