/**
 * The project-local Jupyter data directory (`.tools/jupyter/`) holding the
 * Deno kernelspec that starts this clone's Deno. Jupyter finds it through
 * `JUPYTER_PATH`; the user's `~/.local/share/jupyter` is never written, so
 * deleting the clone breaks no other notebook of theirs.
 *
 * `deno run -A src/notebook/kernelspec.ts` writes the kernelspec (what
 * `./oneclick` does before `report`, `test` and `notebook`).
 *
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where the project's kernelspecs live, and the kernel's name. */
export const KERNELSPEC_DEFAULTS = {
  /** The project-local Jupyter data directory (ignored by git, with the rest of `.tools/`). */
  dir: fileURLToPath(new URL("../../.tools/jupyter", import.meta.url)),
  /** The kernel's name, as the notebooks' metadata names it. */
  name: "deno",
} as const;

/** A kernelspec's `kernel.json`. */
export interface KernelJson {
  argv: string[];
  display_name: string;
  language: string;
}

/**
 * The Deno kernelspec starting the given Deno binary — the same content
 * `deno jupyter --install` writes.
 *
 * @param deno absolute path of the Deno binary (the binary, not npm's Node wrapper)
 * @example
 * ```ts
 * denoKernelJson("/clone/.tools/deno/node_modules/deno/deno").argv[0]; // "/clone/.tools/deno/node_modules/deno/deno"
 * ```
 */
export function denoKernelJson(deno: string): KernelJson {
  return {
    argv: [deno, "jupyter", "--kernel", "--conn", "{connection_file}"],
    display_name: "Deno",
    language: "typescript",
  };
}

/**
 * Writes `<dir>/kernels/deno/kernel.json` for the given Deno unless it
 * already says exactly that; the write goes through a temporary file and a
 * rename, so a concurrent reader never sees half a file.
 *
 * @param dir the Jupyter data directory
 * @param deno the Deno binary the kernel starts (this process's by default)
 * @returns the kernelspec file
 * @example
 * ```ts
 * await installKernelspec(); // .tools/jupyter/kernels/deno/kernel.json
 * ```
 */
export async function installKernelspec(
  dir: string = KERNELSPEC_DEFAULTS.dir,
  deno: string = Deno.execPath(),
): Promise<string> {
  const file = join(dir, "kernels", KERNELSPEC_DEFAULTS.name, "kernel.json");
  const text = JSON.stringify(denoKernelJson(deno), null, 2) + "\n";
  const current = await Deno.readTextFile(file).catch(() => undefined);
  if (current === text) return file;
  await Deno.mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${Deno.pid}.tmp`;
  await Deno.writeTextFile(tmp, text);
  await Deno.rename(tmp, file);
  return file;
}

/**
 * `JUPYTER_PATH` with the project's data directory first (Jupyter searches
 * it before the user's), keeping any directories already listed.
 *
 * @param dir the project's Jupyter data directory
 * @param current the inherited `JUPYTER_PATH`
 * @example
 * ```ts
 * jupyterPath("/clone/.tools/jupyter", "/opt/jupyter"); // "/clone/.tools/jupyter:/opt/jupyter"
 * ```
 */
export function jupyterPath(
  dir: string = KERNELSPEC_DEFAULTS.dir,
  current: string | undefined = Deno.env.get("JUPYTER_PATH"),
): string {
  const rest = (current ?? "").split(":").filter((p) => p !== "" && p !== dir);
  return [dir, ...rest].join(":");
}

if (import.meta.main) {
  console.log(await installKernelspec());
}
