/**
 * `deno task synth --customers N --out DIR [--seed S]`: writes the four raw
 * files of N synthetic customers and prints the generator's summary as JSON.
 *
 * `deno task synth --out DIR --followup OFFERS_CSV --uplift X [--seed S]`:
 * writes the next export of the customers of a run's offers.csv with a planted
 * campaign effect (`src/data/synth_followup.ts`); `--customers`, if given,
 * must be their number.
 *
 * @module
 */
import { DEFAULT_SEED, MAX_CUSTOMERS, writeSynthetic } from "../data/synth.ts";
import { writeFollowup } from "../data/synth_followup.ts";
import { readOffersFile } from "../followup/offers_file.ts";
import { wholeOption } from "./options.ts";
import { parseOptions, runCommand, UsageError } from "./run.ts";

const USAGE = "deno task synth --customers N --out DIR [--seed S] [--followup OFFERS_CSV --uplift X]";

/** The flags: a plain synthetic export, or a follow-up export of an offers.csv. */
export type SynthArgs =
  | { customers: number; out: string; seed: number }
  | { customers?: number; out: string; seed: number; followup: string; uplift: number };

/** Parses the flags; bad ones are usage errors. */
export function synthArgs(args: string[]): SynthArgs {
  const { values } = parseOptions(args, {
    customers: { type: "string" },
    out: { type: "string" },
    seed: { type: "string", default: String(DEFAULT_SEED) },
    followup: { type: "string" },
    uplift: { type: "string" },
  });
  const int = (name: string, raw: string | undefined) => {
    if (raw === undefined) throw new UsageError(`Missing --${name}`);
    // The generator takes any 32-bit seed, negative ones too.
    return wholeOption(name, raw, name === "seed" ? -(2 ** 31) : 0)!;
  };
  if (!values.out) throw new UsageError("Missing --out");
  const seed = int("seed", values.seed);
  const customers = values.followup !== undefined && values.customers === undefined
    ? undefined
    : int("customers", values.customers);
  if (customers !== undefined && (customers < 1 || customers > MAX_CUSTOMERS)) {
    throw new UsageError(`--customers must be from 1 to ${MAX_CUSTOMERS}, got ${customers}`);
  }
  if (values.followup === undefined) {
    if (values.uplift !== undefined) throw new UsageError("--uplift needs --followup OFFERS_CSV");
    return { customers: customers!, out: values.out, seed };
  }
  if (values.uplift === undefined) throw new UsageError("--followup needs --uplift X (0 for no effect)");
  const uplift = /^\s*\d+([.,]\d+)?\s*$/.test(values.uplift) ? Number(values.uplift.replace(",", ".")) : NaN;
  if (!(uplift >= 0 && uplift <= 1)) {
    throw new UsageError(
      `--uplift must be a number from 0 to 1 (a drop probability reduction), got "${values.uplift}"`,
    );
  }
  return {
    ...(customers === undefined ? {} : { customers }),
    out: values.out,
    seed,
    followup: values.followup,
    uplift,
  };
}

if (import.meta.main) {
  await runCommand(USAGE, async () => {
    const args = synthArgs(Deno.args);
    if (!("followup" in args)) {
      const { out, ...options } = args;
      // Compact: the summary lists thousands of ids for big runs.
      console.log(JSON.stringify(await writeSynthetic(out, options)));
      return;
    }
    const offers = await readOffersFile(args.followup);
    if (args.customers !== undefined && args.customers !== offers.ids.length) {
      throw new UsageError(
        `--customers ${args.customers} does not match the ${offers.ids.length} customers of ${args.followup}; ` +
          "leave it out with --followup",
      );
    }
    console.log(
      JSON.stringify(
        await writeFollowup(args.out, { customers: offers, uplift: args.uplift, seed: args.seed }),
      ),
    );
  });
}
