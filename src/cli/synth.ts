/**
 * `deno task synth --customers N --out DIR [--seed S]`: writes the four raw
 * files of N synthetic customers and prints the generator's summary as JSON.
 *
 * @module
 */
import { DEFAULT_SEED, MAX_CUSTOMERS, writeSynthetic } from "../data/synth.ts";
import { wholeOption } from "./options.ts";
import { parseOptions, runCommand, UsageError } from "./run.ts";

const USAGE = "deno task synth --customers N --out DIR [--seed S]";

/** Parses the flags; bad ones are usage errors. */
export function synthArgs(args: string[]): { customers: number; out: string; seed: number } {
  const { values } = parseOptions(args, {
    customers: { type: "string" },
    out: { type: "string" },
    seed: { type: "string", default: String(DEFAULT_SEED) },
  });
  const int = (name: string, raw: string | undefined) => {
    if (raw === undefined) throw new UsageError(`Missing --${name}`);
    // The generator takes any 32-bit seed, negative ones too.
    return wholeOption(name, raw, name === "seed" ? -(2 ** 31) : 0)!;
  };
  if (!values.out) throw new UsageError("Missing --out");
  const customers = int("customers", values.customers);
  if (customers < 1 || customers > MAX_CUSTOMERS) {
    throw new UsageError(`--customers must be from 1 to ${MAX_CUSTOMERS}, got ${customers}`);
  }
  return { customers, out: values.out, seed: int("seed", values.seed) };
}

if (import.meta.main) {
  await runCommand(USAGE, async () => {
    const { out, ...options } = synthArgs(Deno.args);
    // Compact: the summary lists thousands of ids for big runs.
    console.log(JSON.stringify(await writeSynthetic(out, options)));
  });
}
