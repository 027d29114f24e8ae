/**
 * Reads a run configuration from a JSON file and command-line overrides.
 *
 * @module
 */
import { type ConfigProblem, mergeInputs, parseRunConfig, type RunConfig } from "./run_config.ts";

/** A bad config file or value: a usage error (exit 2) naming the key. */
export class ConfigError extends Error {
  constructor(readonly source: string, readonly problems: readonly ConfigProblem[]) {
    super(
      [
        problems.length === 1
          ? `Bad run configuration (${source}):`
          : `${problems.length} problems in the run configuration (${source}):`,
        ...problems.map((p) => {
          const what = p.unknown
            ? "unknown key; expected"
            : p.found === undefined
            ? "expected"
            : `found ${p.found}, expected`;
          return `  key «${p.key}»: ${what} ${p.expected}`;
        }),
      ].join("\n"),
    );
    this.name = "ConfigError";
  }
}

/**
 * The run configuration from an optional JSON file, then `overrides` (from
 * flags), over the defaults.
 *
 * @example
 * ```ts
 * const config = await loadRunConfig(undefined, { seed: 7 });
 * config.seed; // 7
 * ```
 */
export async function loadRunConfig(file: string | undefined, overrides: unknown = {}): Promise<RunConfig> {
  const fromFile = file === undefined ? {} : await readConfigFile(file);
  const parsed = parseRunConfig(mergeInputs(fromFile, overrides));
  if (!parsed.ok) {
    throw new ConfigError(file === undefined ? "command-line flags" : `${file} and flags`, parsed.problems);
  }
  return parsed.config;
}

/** The JSON in `file`; a missing file or bad JSON is a ConfigError with the position. */
export async function readConfigFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (e) {
    const why = e instanceof Deno.errors.NotFound ? "the file to exist" : `a readable file (${(e as Error).message})`;
    throw new ConfigError(file, [{ key: "(the whole file)", expected: why }]);
  }
  try {
    const json = JSON.parse(text);
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
      throw new ConfigError(file, [{
        key: "(the whole file)",
        expected: "a JSON object of keys",
        found: text.trim().slice(0, 40),
      }]);
    }
    return json;
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(file, [{ key: "(the whole file)", expected: `valid JSON (${(e as Error).message})` }]);
  }
}
