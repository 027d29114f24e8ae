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

/**
 * The offers' customers by column (entry `i` of each is customer `i`), as
 * `readOffersFile` gives them: a million customers without a million objects.
 */
export interface FollowupColumns {
  ids: readonly CustomerId[];
  probability: ArrayLike<number>;
  /** Truthy: in the offer's group. */
  treated: ArrayLike<boolean | number>;
}

/** What to generate. */
export interface FollowupOptions {
  /** As objects or as columns. */
  customers: readonly FollowupCustomer[] | FollowupColumns;
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
  return labels(columnsOf(customers), uplift, seed);
}

function labels(c: FollowupColumns, uplift: number, seed: number): boolean[] {
  const key = seedKey(seed) ^ LABEL_STREAM_SALT;
  const rng = new Rng();
  return Array.from(c.ids, (id, i) =>
    rng.reset(hash(key, i)).next() <
      dropProbability({ id, probability: c.probability[i]!, treated: Boolean(c.treated[i]) }, uplift));
}

function columnsOf(customers: readonly FollowupCustomer[] | FollowupColumns): FollowupColumns {
  if (!Array.isArray(customers)) return customers as FollowupColumns;
  const list = customers as readonly FollowupCustomer[];
  return {
    ids: list.map((c) => c.id),
    probability: list.map((c) => c.probability),
    treated: list.map((c) => c.treated),
  };
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
  const { uplift, seed = DEFAULT_SEED, variant = {} } = options;
  const c = columnsOf(options.customers);
  if (!(uplift >= 0 && uplift <= 1)) {
    throw new DataError([{ column: "uplift", value: String(uplift), expected: "a number from 0 to 1" }]);
  }
  const seen = new Set<CustomerId>();
  for (const [i, id] of c.ids.entries()) {
    const p = c.probability[i]!;
    if (!(p >= 0 && p <= 1)) {
      throw new DataError([{ column: `probability of ${id}`, value: String(p), expected: "0 … 1" }]);
    }
    if (seen.has(id)) throw new DataError([{ column: "id", value: id, expected: "each customer once" }]);
    seen.add(id);
  }
  seen.clear();
  const dropped = labels(c, uplift, seed);
  await writeCohort(dir, { ids: c.ids, dropped }, { seed, variant });
  const treatment = { customers: 0, dropped: 0 }, control = { customers: 0, dropped: 0 };
  let planted = 0;
  for (let i = 0; i < c.ids.length; i++) {
    const group = c.treated[i] ? treatment : control;
    group.customers++;
    if (dropped[i]) group.dropped++;
    if (c.treated[i]) planted += Math.min(c.probability[i]!, uplift);
  }
  return {
    dir,
    customers: c.ids.length,
    seed,
    uplift,
    treatment,
    control,
    plantedEffect: treatment.customers === 0 ? NaN : planted / treatment.customers,
  };
}
