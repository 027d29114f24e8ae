/**
 * Whether a path exists.
 *
 * @module
 */

/**
 * False only when nothing is at `path` (a link counts, even a broken one);
 * any other failure to look (permissions, I/O) answers true, so that the
 * operation that follows reports the real problem instead of skipping it.
 *
 * @example
 * ```ts
 * import { pathExists } from "./path_exists.ts";
 * await pathExists("/"); // true
 * ```
 */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (e) {
    return !(e instanceof Deno.errors.NotFound);
  }
}
