/**
 * A synthetic "next export" for the campaign follow-up: the customers of a
 * run's offers.csv (same ids) in the store's raw format, written by the
 * generator's writers (`writeCohort` in `./synth.ts`), with an effect planted
 * in the activity label:
 *
 * - a control customer drops («Снизилась») with the probability offers.csv
 *   predicted for them, p;
 * - a treated customer with max(0, p − uplift): the offer lowers the drop
 *   probability by `uplift`, absolutely.
 *
 * So with groups assigned at random, the expected effect (control's drop rate
 * − treatment's) in a set of customers is the mean over its treated customers
 * of min(p, uplift) — `uplift` itself when every treated p ≥ uplift. Each label is one uniform draw from its own
 * stream (a hash of the seed and the customer's position), so the export is a
 * pure function of (customers, uplift, seed). The other columns are the
 * generator's usual draws and carry no effect: profit is the same in both
 * groups.
 *
 * @module
 */
import type { CustomerId } from "./customer_id.ts";
import { DataError } from "./errors.ts";
import { DEFAULT_SEED, type ExportVariant, writeCohort } from "./synth.ts";
import { hash, Rng, seedKey } from "../util/random.ts";

/** Keeps the label draws apart from the feature streams of the same seed. */
const LABEL_STREAM_SALT = 0x5eed_f011;

/** One customer of the offers: id, predicted drop probability and group. */
export interface FollowupCustomer {
  id: CustomerId;
  probability: number;
  /** In the offer's group (false: control). */
  treated: boolean;
}

/** What to generate. */
export interface FollowupOptions {
  customers: readonly FollowupCustomer[];
  /** Absolute reduction of a treated customer's drop probability, 0 … 1. */
  uplift: number;
  /** Defaults to {@linkcode DEFAULT_SEED}. */
  seed?: number;
  variant?: ExportVariant;
}

/** What was generated. */
export interface FollowupSummary {
  dir: string;
  customers: number;
  seed: number;
  uplift: number;
  treatment: { customers: number; dropped: number };
  control: { customers: number; dropped: number };
  /** The planted effect: mean over treated customers of min(p, uplift) (NaN without any). */
  plantedEffect: number;
}

/**
 * A customer's drop probability after the campaign.
 *
 * @example
 * ```ts
 * dropProbability({ id: "1", probability: 0.4, treated: true }, 0.15); // 0.25 (to rounding)
 * dropProbability({ id: "2", probability: 0.1, treated: true }, 0.15); // 0
 * ```
 */
export function dropProbability(c: FollowupCustomer, uplift: number): number {
  return c.treated ? Math.max(0, c.probability - uplift) : c.probability;
}

/**
 * Draws each customer's label: «Снизилась» with {@linkcode dropProbability}.
 *
 * @example
 * ```ts
 * followupLabels([{ id: "1", probability: 1, treated: false }], 0, 42); // [true]
 * ```
 */
export function followupLabels(customers: readonly FollowupCustomer[], uplift: number, seed: number): boolean[] {
  const key = seedKey(seed) ^ LABEL_STREAM_SALT;
  const rng = new Rng();
  return customers.map((c, i) => rng.reset(hash(key, i)).next() < dropProbability(c, uplift));
}

/**
 * Writes the next export of `customers` into `dir`: the four files, the given
 * ids in the given order, labels drawn with the planted effect.
 *
 * @throws {DataError} on an uplift outside [0, 1], a bad probability or a repeated id
 * @example
 * ```ts
 * const dir = await Deno.makeTempDir();
 * const s = await writeFollowup(dir, {
 *   customers: [{ id: "7", probability: 0.5, treated: true }, { id: "9", probability: 0.5, treated: false }],
 *   uplift: 0.2,
 * });
 * s.plantedEffect; // 0.2
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function writeFollowup(dir: string, options: FollowupOptions): Promise<FollowupSummary> {
  const { customers, uplift, seed = DEFAULT_SEED, variant = {} } = options;
  if (!(uplift >= 0 && uplift <= 1)) {
    throw new DataError([{ column: "uplift", value: String(uplift), expected: "a number from 0 to 1" }]);
  }
  const seen = new Set<CustomerId>();
  for (const c of customers) {
    if (!(c.probability >= 0 && c.probability <= 1)) {
      throw new DataError([{ column: `probability of ${c.id}`, value: String(c.probability), expected: "0 … 1" }]);
    }
    if (seen.has(c.id)) throw new DataError([{ column: "id", value: c.id, expected: "each customer once" }]);
    seen.add(c.id);
  }
  const dropped = followupLabels(customers, uplift, seed);
  await writeCohort(dir, { ids: customers.map((c) => c.id), dropped }, { seed, variant });
  const tally = (treated: boolean) => {
    const idx = customers.flatMap((c, i) => c.treated === treated ? [i] : []);
    return { customers: idx.length, dropped: idx.filter((i) => dropped[i]).length };
  };
  const treated = customers.filter((c) => c.treated);
  const planted = treated.reduce((s, c) => s + Math.min(c.probability, uplift), 0) / treated.length;
  return {
    dir,
    customers: customers.length,
    seed,
    uplift,
    treatment: tally(true),
    control: tally(false),
    plantedEffect: treated.length === 0 ? NaN : planted,
  };
}
