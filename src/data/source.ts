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
 * An explicitly empty data setting (`--data ""`, `ONECLICK_DATA=""`): a slip
 * in a script, never a request for demo data. Commands report it as a usage
 * error.
 */
export class EmptyDataSettingError extends Error {
  constructor(readonly setting: "--data" | "ONECLICK_DATA") {
    super(
      setting === "--data"
        ? "--data is empty: give the folder with the four files, or leave --data out " +
          "to use $ONECLICK_DATA, data/raw/ or the demo data"
        : "ONECLICK_DATA is set but empty: set it to the folder with the four files, " +
          "or unset it to use data/raw/ or the demo data",
    );
    this.name = "EmptyDataSettingError";
  }
}

/**
 * Picks the data directory. An explicit `--data` or `ONECLICK_DATA` is always
 * used as given (missing files there are an error, not a silent switch to demo
 * data; an empty one throws {@linkcode EmptyDataSettingError}); `data/raw/` is
 * used when it holds any of the four files.
 *
 * @example
 * ```ts
 * await resolveSource("data/raw"); // { dir: "data/raw", kind: "user", origin: "--data" }
 * ```
 */
export async function resolveSource(
  flag: string | undefined,
  options: { env?: string | undefined; root?: string; demoDir?: string } = {},
): Promise<DataSource> {
  const root = options.root ?? PROJECT_ROOT;
  if (flag !== undefined) {
    if (flag.trim() === "") throw new EmptyDataSettingError("--data");
    return { dir: flag, kind: "user", origin: "--data" };
  }
  if (options.env !== undefined) {
    if (options.env.trim() === "") throw new EmptyDataSettingError("ONECLICK_DATA");
    return { dir: options.env, kind: "user", origin: "ONECLICK_DATA" };
  }
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
