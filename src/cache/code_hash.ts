/**
 * The hash of the code a computation depends on: the source files reachable
 * from its entry files through relative imports (static, dynamic, and
 * worker URLs `new URL("./x.ts", import.meta.url)`), with the npm versions
 * of deno.json and the Deno version. A cache keyed by it misses exactly
 * when code that can change the result changed — an edit to a chart misses
 * the notebooks that draw charts, not the model stage.
 *
 * @module
 */
import { dirname, join, relative, resolve } from "node:path";
import { PROJECT_ROOT } from "../data/source.ts";
import { sha256 } from "./store.ts";

/** What one file refers to: import specifiers and worker/asset URLs relative to it. */
const REFERENCE = /(?:\bfrom\s*|\bimport\s*\(?\s*|new URL\(\s*)["'](\.{1,2}\/[^"']+)["']/g;

/**
 * The relative specifiers a source text refers to (imports, re-exports, dynamic imports, `new URL` of a file).
 *
 * @example
 * ```ts
 * references('import { a } from "./a.ts";\nexport * from "../b.ts";\nnew URL("./w.ts", import.meta.url);');
 * // ["./a.ts", "../b.ts", "./w.ts"]
 * ```
 */
export function references(text: string): string[] {
  return [...text.matchAll(REFERENCE)].map((m) => m[1]!);
}

/**
 * The files reachable from `entries` (absolute or project-relative paths),
 * sorted, project-relative. References to folders or missing files are
 * skipped (they are data, such as templates, or an error the run reports).
 *
 * @example
 * ```ts
 * const files = await moduleFiles(["src/stages/model_stage.ts"]);
 * files.includes("src/selection/search_worker.ts"); // true: the search's worker
 * ```
 */
export async function moduleFiles(entries: readonly string[], root = PROJECT_ROOT): Promise<string[]> {
  const seen = new Set<string>();
  const queue = entries.map((e) => resolve(root, e));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    let text: string;
    try {
      if (!(await Deno.stat(file)).isFile) continue;
      text = await Deno.readTextFile(file);
    } catch {
      continue;
    }
    seen.add(file);
    if (!/\.(ts|js|mjs)$/.test(file)) continue;
    for (const spec of references(text)) queue.push(resolve(dirname(file), spec.split(/[?#]/)[0]!));
  }
  return [...seen].map((f) => relative(root, f)).sort();
}

/** Code-hash results of this process, by entry list (source files do not change under a running build). */
const memo = new Map<string, Promise<string>>();

/**
 * The SHA-256 of the code reachable from `entries` (see {@linkcode moduleFiles}),
 * deno.json's `imports` (the npm versions) and the Deno version.
 *
 * @example
 * ```ts
 * await codeHash(["src/stages/model_stage.ts"]); // "3f9c…" (64 hex digits)
 * ```
 */
export function codeHash(entries: readonly string[], root = PROJECT_ROOT): Promise<string> {
  const id = `${root}\n${[...entries].sort().join("\n")}`;
  let hash = memo.get(id);
  if (hash === undefined) {
    hash = computeCodeHash(entries, root);
    memo.set(id, hash);
  }
  return hash;
}

async function computeCodeHash(entries: readonly string[], root: string): Promise<string> {
  const lines: string[] = [`deno ${Deno.version.deno}`];
  try {
    const config = JSON.parse(await Deno.readTextFile(join(root, "deno.json")));
    lines.push(`imports ${JSON.stringify(config.imports ?? {})}`);
  } catch {
    // no deno.json: the versions come from elsewhere
  }
  for (const file of await moduleFiles(entries, root)) {
    lines.push(`${file} ${sha256(await Deno.readFile(join(root, file)))}`);
  }
  return sha256(lines.join("\n"));
}
