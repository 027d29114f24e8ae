/**
 * The export a benchmark runs on: the folder given with `--data`, or a
 * synthetic export of `--customers` (seed 42) written to a temporary folder
 * that `remove` deletes — a million customers are 340 MB of CSV.
 *
 * @module
 */
import { UsageError } from "../src/cli/run.ts";
import { writeSynthetic } from "../src/data/synth.ts";

/**
 * The export's folder and how to clean it up.
 *
 * @param data `--data`, if given: used as it is, never removed
 * @param customers `--customers` as typed: a whole number ≥ `least`
 * @param least fewest customers the benchmark can run on
 * @param prefix name of the temporary folder
 * @example
 * ```ts
 * const data = await benchExport(undefined, "2000", 1, "oneclick-eda-bench-");
 * try {
 *   // … read data.dir …
 * } finally {
 *   await data.remove();
 * }
 * ```
 */
export async function benchExport(
  data: string | undefined,
  customers: string,
  least: number,
  prefix: string,
): Promise<{ dir: string; remove: () => Promise<void> }> {
  if (data !== undefined) return { dir: data, remove: () => Promise.resolve() };
  const n = Number(customers);
  if (!Number.isInteger(n) || n < least) throw new UsageError(`--customers: a whole number ≥ ${least}`);
  const dir = await Deno.makeTempDir({ prefix });
  await writeSynthetic(dir, { customers: n, seed: 42 });
  return { dir, remove: () => Deno.remove(dir, { recursive: true }) };
}
