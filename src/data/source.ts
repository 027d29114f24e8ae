/**
 * Where the data comes from: `--data DIR`, else `$ONECLICK_DATA`, else
 * `data/raw/`; when none of these is given or holds the files, the synthetic
 * demo data, and every output says so.
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeSynthetic } from "./synth.ts";
import { TABLE_NAMES, TABLES } from "./schema.ts";

/** The project's root: `data/raw/` and `out/` are found here whatever the working directory (notebooks run in notebooks/). */
export const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Customers and seed of the demo data set (the size of the real one). */
export const DEMO = { customers: 1300, seed: 42 } as const;

/** A resolved data directory and how it was chosen. */
export interface DataSource {
  dir: string;
  /** `demo` when the synthetic generator wrote the files. */
  kind: "user" | "demo";
  /** What chose it: the flag, the env var, the default folder or the demo. */
  origin: "--data" | "ONECLICK_DATA" | "data/raw" | "demo";
}

/** The plain-words note every output carries about demo data. */
export const DEMO_NOTE = "DEMO DATA: synthetic customers made by the generator, not the store's data " +
  "(pass --data DIR, set ONECLICK_DATA or put the four files into data/raw/)";

/**
 * Picks the data directory. An explicit `--data` or `ONECLICK_DATA` is always
 * used as given (missing files there are an error, not a silent switch to demo
 * data); `data/raw/` is used when it holds any of the four files.
 */
export async function resolveSource(
  flag: string | undefined,
  options: { env?: string | undefined; root?: string; demoDir?: string } = {},
): Promise<DataSource> {
  const root = options.root ?? PROJECT_ROOT;
  if (flag) return { dir: flag, kind: "user", origin: "--data" };
  if (options.env) return { dir: options.env, kind: "user", origin: "ONECLICK_DATA" };
  const raw = join(root, "data", "raw");
  if (await holdsAny(raw)) return { dir: raw, kind: "user", origin: "data/raw" };
  const dir = options.demoDir ?? join(root, "out", "demo-data");
  await writeSynthetic(dir, DEMO);
  return { dir, kind: "demo", origin: "demo" };
}

async function holdsAny(dir: string): Promise<boolean> {
  for (const name of TABLE_NAMES) {
    try {
      await Deno.stat(join(dir, TABLES[name].file));
      return true;
    } catch {
      // absent: look at the next one
    }
  }
  return false;
}
