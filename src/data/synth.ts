/**
 * Synthetic data generator: writes the store's four raw tables in the raw
 * export format, quirks included, for any number of customers. Output is a pure
 * function of (customers, seed, variant): same inputs → byte-identical files.
 *
 * Every customer is drawn from its own PRNG stream (seeded by a hash of the seed
 * and the customer's index), so a duplicate can re-draw its source on the fly
 * and five million customers stream out in bounded memory.
 *
 * @example
 * ```ts
 * import { synthesizeTables } from "./synth.ts";
 * const t = synthesizeTables({ customers: 50, seed: 1 });
 * t.money.split("\n")[0]; // "id;Прибыль"
 * ```
 *
 * @module
 */
import type { CustomerId } from "./customer_id.ts";
import { DataError } from "./errors.ts";
import { hash, Rng, seedKey } from "../util/random.ts";
import {
  CATEGORIES,
  LABEL_DROPPED,
  LABEL_SAME,
  MINUTES_PERIODS,
  MISSPELLINGS,
  REVENUE_PERIODS,
  TABLE_NAMES,
  type TableName,
  TABLES,
} from "./schema.ts";

/** Largest supported number of customers. */
export const MAX_CUSTOMERS = 5_000_000;
/** Seed used when none is given. */
export const DEFAULT_SEED = 42;
/** First customer id, as in the store's export. */
export const FIRST_ID = 215348;
/** The data-entry outlier, in the current month's revenue. */
export const OUTLIER_REVENUE = 106862.2;

/**
 * Output is built as short strings, encoded every TEXT_CHARS characters into a
 * per-file byte buffer of CHUNK_BYTES that is written when nearly full. Short
 * strings stay flat and die young; one giant string would cost most of the
 * time in garbage collection and flattening.
 */
const TEXT_CHARS = 1 << 14;
const CHUNK_BYTES = 1 << 22;

/** Quirk rates, measured on the real export (1300 customers). */
const RATES = {
  /** Customers with zero revenue in the oldest month(s): 3 / 1300. */
  inactive: 0.0023,
  /** Service type spelt «стандартт»: 10 / 1300. */
  misspeltService: 0.0078,
  /** Groups of two customers identical except the id. */
  duplicateGroups: 0.001,
};

/** Raw spellings the store uses instead of the canonical ones in schema.ts. */
export const RAW_SPELLING = {
  standard: "стандартт",
  previousMonth: "предыдцщий_месяц",
  cosmetics: "Косметика и аксесуары",
} as const;

/** Class balance: P(«Снизилась») ≈ 498 / 1300 is set by the threshold below. */
const LATENT = { noise: 0.6, threshold: 0.346 };

/**
 * A numeric feature: value = mean + sd · (load · risk + √(1 − load²) · noise),
 * rounded to `unit` and clamped. Means, spreads and ranges are the real data's;
 * the loads are set so class means differ about as much as in the real data.
 */
interface Feature {
  mean: number;
  sd: number;
  min: number;
  max: number;
  load: number;
}
const F = {
  marketing6m: { mean: 4.25, sd: 1.01, min: 0.9, max: 6.6, load: -0.59 },
  duration: { mean: 600, sd: 330, min: 110, max: 1079, load: 0.06 },
  categoriesPerVisit: { mean: 3.27, sd: 1.36, min: 1, max: 6, load: -0.55 },
  unpaid: { mean: 2.84, sd: 1.96, min: 0, max: 10, load: 0.53 },
  errors: { mean: 4.18, sd: 1.95, min: 0, max: 9, load: -0.15 },
  pages: { mean: 8.18, sd: 3.97, min: 1, max: 20, load: -0.77 },
  revenueOldest: { mean: 4836, sd: 334, min: 4098, max: 5663, load: -0.55 },
  minutesPrevious: { mean: 13.47, sd: 3.92, min: 4, max: 23, load: -0.75 },
  minutesCurrent: { mean: 13.2, sd: 4.22, min: 4, max: 23, load: -0.63 },
  profit: { mean: 4.0, sd: 1.01, min: 0.86, max: 7.43, load: 0 },
} satisfies Record<string, Feature>;

/** Promo share is bimodal: most near 0.22, a cluster at 0.89–0.99 (riskier). */
const PROMO = { highLoad: 0.75, highCut: 1.15, low: 0.22, lowSd: 0.065, lowLoad: 0.5 };
/** P(премиум) = logistic(a + b · risk): 34 % among «Снизилась», 26 % otherwise. */
const PREMIUM = { a: -0.9, b: 0.25 };
/**
 * Revenue of later months: mean, spread, correlation with the month before and a
 * risk term that cancels the one inherited from the oldest month (the real later
 * months hardly differ by class).
 */
const REVENUE = {
  previous: { mean: 4950, sd: 700, min: 2890, max: 6870, rho: 0.45, risk: 0.3 },
  current: { mean: 5237, sd: 835, min: 2758, max: 7799, rho: 0.84, risk: 0.03 },
};
/** Category counts by class, in CATEGORIES order. */
const CATEGORY_WEIGHTS = { dropped: [146, 102, 105, 52, 27, 66], same: [184, 149, 118, 132, 147, 72] };
/** Revenue row orders within a customer (indices into REVENUE_PERIODS) and counts. */
const REVENUE_ORDERS: readonly (readonly [readonly number[], number])[] = [
  [[0, 1, 2], 298],
  [[2, 0, 1], 314],
  [[1, 2, 0], 288],
  [[1, 0, 2], 145],
  [[2, 1, 0], 132],
  [[0, 2, 1], 123],
];
/** P(current month's minutes row comes first). */
const MINUTES_CURRENT_FIRST = 677 / 1300;

/**
 * How an export writes numbers and lines. A field that is set applies to all
 * four files; a field left out keeps each file's real default (market_file `,`
 * and CRLF, market_money and market_time `,` and LF, money `;`, decimal comma
 * and LF; no BOM). With `,` as both separator and decimal mark, fractional
 * numbers are quoted, RFC 4180 style: `215349,"4,16"`.
 */
export interface ExportVariant {
  /** Field separator. */
  separator?: "," | ";";
  /** Decimal mark. */
  decimal?: "." | ",";
  lineEnding?: "\n" | "\r\n";
  /** Start each file with a UTF-8 byte-order mark. */
  bom?: boolean;
  /**
   * Write a zero float as `0` instead of `0.0`. Only revenue has fixed
   * decimals; the other floats are written shortest (`4`, `0.75`) like the real
   * export, so they are unaffected.
   */
  integerZero?: boolean;
}

/** What to generate. */
export interface SynthOptions {
  customers: number;
  /** Defaults to {@linkcode DEFAULT_SEED}. */
  seed?: number;
  variant?: ExportVariant;
}

/**
 * Customers given from outside instead of numbered from {@linkcode FIRST_ID}:
 * their ids and activity labels, in output order (a follow-up export,
 * `src/data/synth_followup.ts`). Features are drawn as usual; no quirky rows
 * (inactive customers would leave the study, copies would add customers), only
 * the store's misspellings.
 */
export interface Cohort {
  ids: readonly CustomerId[];
  /** Whether each customer's activity is «Снизилась». */
  dropped: readonly boolean[];
}

/** What was generated, for tests and for the product's demo. */
export interface SynthSummary {
  customers: number;
  seed: number;
  /** The output directory, as given. */
  dir: string;
  /** Customers with zero revenue in one or two oldest months. */
  inactiveIds: number[];
  /** The one revenue outlier (always in «текущий_месяц»). */
  outlier: { id: number; period: string; value: number };
  /** Groups of ids whose rows are identical in every field except the id. */
  duplicateIds: number[][];
  /** Customers labelled «Снизилась». */
  dropped: number;
}

/** The real export's per-file format (market_file CRLF, money `;` and decimal comma). */
const DEFAULT_FORMATS: Record<TableName, Required<ExportVariant>> = {
  market_file: { separator: ",", decimal: ".", lineEnding: "\r\n", bom: false, integerZero: false },
  market_money: { separator: ",", decimal: ".", lineEnding: "\n", bom: false, integerZero: false },
  market_time: { separator: ",", decimal: ".", lineEnding: "\n", bom: false, integerZero: false },
  money: { separator: ";", decimal: ",", lineEnding: "\n", bom: false, integerZero: false },
};

// ------------------------------------------------------------------ customers

/** One customer's values; numbers in integer units (tenths, hundredths) to print exactly. */
interface Customer {
  dropped: boolean;
  service: string;
  allow: string;
  marketing6mTenths: number;
  marketingCurrent: number;
  duration: number;
  promoHundredths: number;
  category: string;
  categoriesPerVisit: number;
  unpaid: number;
  errors: number;
  pages: number;
  /** Revenue in tenths, REVENUE_PERIODS order. */
  revenueTenths: [number, number, number];
  revenueOrder: readonly number[];
  /** Minutes, MINUTES_PERIODS order (previous, current). */
  minutes: [number, number];
  currentMinutesFirst: boolean;
  profitHundredths: number;
}

const clamp = (x: number, lo: number, hi: number) => x < lo ? lo : x > hi ? hi : x;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const CATEGORY_TOTALS = { dropped: sum(CATEGORY_WEIGHTS.dropped), same: sum(CATEGORY_WEIGHTS.same) };
const ORDER_WEIGHTS = REVENUE_ORDERS.map(([, w]) => w);
const ORDER_TOTAL = sum(ORDER_WEIGHTS);
const RAW_CATEGORIES = CATEGORIES.map(rawSpelling);
const [SERVICE_STANDARD, SERVICE_PREMIUM] = categoryValues("market_file", "service_type");
const [ALLOW_YES, ALLOW_NO] = categoryValues("market_file", "allow_messages");

/** The store's spelling of a canonical value (the inverse of MISSPELLINGS). */
function rawSpelling(canonical: string): string {
  return Object.values(RAW_SPELLING).find((raw) => MISSPELLINGS[raw.toLowerCase()] === canonical) ?? canonical;
}

function categoryValues(table: TableName, name: string): readonly string[] {
  const t = TABLES[table].columns.find((c) => c.name === name)?.type;
  if (t?.kind !== "category") throw new Error(`Schema has no category column "${name}" in ${table}`);
  return t.values;
}

/** Standardised value loaded on the risk score. */
function loaded(rng: Rng, risk: number, load: number): number {
  return load * risk + Math.sqrt(1 - load * load) * rng.normal();
}

/**
 * Standard normal ρ·z + β·risk + noise, where `c` is corr(z, risk); the noise
 * term keeps the variance at 1.
 */
function follow(rng: Rng, z: number, c: number, risk: number, m: { rho: number; risk: number }): number {
  const explained = m.rho ** 2 + m.risk ** 2 + 2 * m.rho * m.risk * c;
  return m.rho * z + m.risk * risk + Math.sqrt(1 - explained) * rng.normal();
}

/** A feature value in multiples of `unit`, returned as an integer count of units. */
function feature(rng: Rng, risk: number, f: Feature, unit: number): number {
  const x = f.mean + f.sd * loaded(rng, risk, f.load);
  return Math.round(clamp(x, f.min, f.max) / unit);
}

/**
 * Draws one customer. A latent risk score drives the target and shifts the
 * features the way they differ by class in the real data, so the link is
 * learnable but noisy. The order of draws is part of the output: keep it.
 */
function drawCustomer(rng: Rng, c: Customer, misspelt: boolean): void {
  const risk = rng.normal();
  c.dropped = risk + LATENT.noise * rng.normal() > LATENT.threshold;
  const premium = rng.next() < 1 / (1 + Math.exp(-(PREMIUM.a + PREMIUM.b * risk)));
  c.service = misspelt ? RAW_SPELLING.standard : premium ? SERVICE_PREMIUM! : SERVICE_STANDARD!;
  c.allow = rng.next() < 0.74 ? ALLOW_YES! : ALLOW_NO!;
  c.marketing6mTenths = feature(rng, risk, F.marketing6m, 0.1);
  const u = rng.next();
  c.marketingCurrent = u < 0.237 ? 3 : u < 0.752 ? 4 : 5;
  // Truncated normal (re-draw outside the range) avoids spikes at the ends.
  let d = NaN;
  while (!(d >= F.duration.min && d <= F.duration.max)) {
    d = F.duration.mean + F.duration.sd * loaded(rng, risk, F.duration.load);
  }
  c.duration = Math.round(d);
  c.promoHundredths = loaded(rng, risk, PROMO.highLoad) > PROMO.highCut
    ? Math.round(clamp(94.5 + 3 * rng.normal(), 89, 99))
    : Math.round(100 * clamp(PROMO.low + PROMO.lowSd * loaded(rng, risk, PROMO.lowLoad), 0.11, 0.47));
  const w = c.dropped ? CATEGORY_WEIGHTS.dropped : CATEGORY_WEIGHTS.same;
  c.category = RAW_CATEGORIES[rng.pick(w, c.dropped ? CATEGORY_TOTALS.dropped : CATEGORY_TOTALS.same)]!;
  c.categoriesPerVisit = feature(rng, risk, F.categoriesPerVisit, 1);
  c.unpaid = feature(rng, risk, F.unpaid, 1);
  c.errors = feature(rng, risk, F.errors, 1);
  c.pages = feature(rng, risk, F.pages, 1);
  // Revenue: oldest month in whole roubles, previous in halves, current in 0.2
  // steps, as in the real export; later months follow the month before.
  const z0 = loaded(rng, risk, F.revenueOldest.load);
  const oldest = Math.round(
    clamp(F.revenueOldest.mean + F.revenueOldest.sd * z0, F.revenueOldest.min, F.revenueOldest.max),
  );
  const { previous: P, current: C } = REVENUE;
  const z1 = follow(rng, z0, F.revenueOldest.load, risk, P);
  const previous = Math.round(2 * clamp(P.mean + P.sd * z1, P.min, P.max)) / 2;
  const z2 = follow(rng, z1, P.rho * F.revenueOldest.load + P.risk, risk, C);
  const current = Math.round(5 * clamp(C.mean + C.sd * z2, C.min, C.max)) / 5;
  c.revenueTenths = [oldest * 10, Math.round(previous * 10), Math.round(current * 10)];
  c.revenueOrder = REVENUE_ORDERS[rng.pick(ORDER_WEIGHTS, ORDER_TOTAL)]![0];
  c.minutes = [feature(rng, risk, F.minutesPrevious, 1), feature(rng, risk, F.minutesCurrent, 1)];
  c.currentMinutesFirst = rng.next() < MINUTES_CURRENT_FIRST;
  c.profitHundredths = feature(rng, risk, F.profit, 0.01);
}

// ---------------------------------------------------------------------- plan

type Role =
  | { kind: "inactive"; zeroMonths: 1 | 2 }
  | { kind: "outlier" }
  | { kind: "copy"; source: number };

/** Which customers carry which quirk; indices are 0-based (id = FIRST_ID + index). */
interface Plan {
  /** 32-bit seed for the per-customer streams. */
  key: number;
  roles: Map<number, Role>;
  misspelt: Set<number>;
  summary: Omit<SynthSummary, "dir" | "dropped">;
}

/**
 * Picks the quirky customers: distinct indices for the exclusive roles. With
 * `rowQuirks` false (a cohort), only the misspellings: no inactive, outlier or
 * copied customers.
 */
function plan(customers: number, seed: number, rowQuirks = true): Plan {
  const key = seedKey(seed);
  const rng = new Rng().reset(hash(key, -1));
  const taken = new Set<number>();
  const pickFree = () => {
    for (;;) {
      const i = Math.floor(rng.next() * customers);
      if (!taken.has(i)) return taken.add(i), i;
    }
  };
  const roles = new Map<number, Role>();
  const big = customers >= 20;
  const outlier = pickFree();
  if (rowQuirks) roles.set(outlier, { kind: "outlier" });
  const inactiveIds: number[] = [];
  const nInactive = big && rowQuirks ? Math.max(1, Math.round(RATES.inactive * customers)) : 0;
  for (let k = 0; k < nInactive; k++) {
    const i = pickFree();
    // New customers: zeros in the oldest month, usually the two oldest (as all three real ones).
    roles.set(i, { kind: "inactive", zeroMonths: rng.next() < 2 / 3 ? 2 : 1 });
    inactiveIds.push(FIRST_ID + i);
  }
  const duplicateIds: number[][] = [];
  const nGroups = !big || !rowQuirks
    ? 0
    : Math.max(customers >= 1000 ? 2 : 1, Math.round(RATES.duplicateGroups * customers));
  for (let k = 0; k < nGroups; k++) {
    const source = pickFree(), copy = pickFree();
    roles.set(copy, { kind: "copy", source });
    duplicateIds.push([FIRST_ID + Math.min(source, copy), FIRST_ID + Math.max(source, copy)]);
  }
  // Misspelling is a property of the drawn customer, so copies inherit it; not exclusive.
  const misspelt = new Set<number>();
  const nMisspelt = big ? Math.max(1, Math.round(RATES.misspeltService * customers)) : 0;
  while (misspelt.size < nMisspelt) misspelt.add(Math.floor(rng.next() * customers));
  const byId = (a: number, b: number) => a - b;
  return {
    key,
    roles,
    misspelt,
    summary: {
      customers,
      seed,
      inactiveIds: inactiveIds.sort(byId),
      outlier: { id: FIRST_ID + outlier, period: REVENUE_PERIODS[2], value: OUTLIER_REVENUE },
      duplicateIds: duplicateIds.sort((a, b) => a[0]! - b[0]!),
    },
  };
}

// ---------------------------------------------------------------- formatting

type Cell = (c: Customer, id: CustomerId, k: number) => string;

/** Cell writers for one table's format, keyed by the schema's English column name. */
function cells(f: Required<ExportVariant>): Record<string, Cell> {
  const dec = f.decimal;
  // With `,` as both separator and decimal mark, fractional numbers are quoted (RFC 4180).
  const q = f.separator === dec ? '"' : "";
  const frac = (int: number, digits: string) => `${q}${int}${dec}${digits}${q}`;
  /** Shortest form of tenths: 4 → "0.4", 40 → "4". */
  const short1 = (t: number) => t % 10 === 0 ? String(t / 10) : frac(Math.floor(t / 10), String(t % 10));
  /** Shortest form of hundredths: 416 → "4.16", 140 → "1.4", 400 → "4". */
  const short2 = (h: number) => {
    const i = Math.floor(h / 100), r = h % 100;
    return r === 0 ? String(i) : r % 10 === 0 ? frac(i, String(r / 10)) : frac(i, r < 10 ? "0" + r : String(r));
  };
  /** Revenue always has one decimal ("0.0", "3293.1"), like the real export. */
  const fixed1 = (t: number) => t === 0 && f.integerZero ? "0" : frac(Math.floor(t / 10), String(t % 10));
  const minutesPeriods = MINUTES_PERIODS.map(rawSpelling);
  return {
    id: (_c, id) => id,
    activity: (c) => c.dropped ? LABEL_DROPPED : LABEL_SAME,
    service_type: (c) => c.service,
    allow_messages: (c) => c.allow,
    marketing_6m: (c) => short1(c.marketing6mTenths),
    marketing_current: (c) => String(c.marketingCurrent),
    duration_days: (c) => String(c.duration),
    promo_share: (c) => short2(c.promoHundredths),
    popular_category: (c) => c.category,
    categories_per_visit: (c) => String(c.categoriesPerVisit),
    unpaid_items_quarter: (c) => String(c.unpaid),
    service_errors: (c) => String(c.errors),
    pages_per_visit: (c) => String(c.pages),
    revenue_period: (_c, _id, k) => REVENUE_PERIODS[k]!,
    revenue: (c, _id, k) => fixed1(c.revenueTenths[k]!),
    minutes_period: (_c, _id, k) => minutesPeriods[k]!,
    minutes: (c, _id, k) => String(c.minutes[k]!),
    profit: (c) => short2(c.profitHundredths),
  };
}

/** One table's writer: header, row builder and its format. */
interface TableWriter {
  name: TableName;
  format: Required<ExportVariant>;
  header: string;
  row: (c: Customer, id: CustomerId, k: number) => string;
}

function tableWriter(name: TableName, variant: ExportVariant): TableWriter {
  const format = { ...DEFAULT_FORMATS[name], ...variant };
  const all = cells(format);
  // "period" means a different thing in the two long tables.
  const key = (n: string) => n === "period" ? (name === "market_time" ? "minutes_period" : "revenue_period") : n;
  const columns = TABLES[name].columns.map((col) => {
    const cell = all[key(col.name)];
    if (!cell) throw new Error(`Generator has no writer for column "${col.name}" of ${name}`);
    return cell;
  });
  const { separator: sep, lineEnding: eol } = format;
  const header = (format.bom ? "\uFEFF" : "") + TABLES[name].columns.map((c) => c.header).join(sep) + eol;
  const row = (c: Customer, id: CustomerId, k: number) => {
    let line = columns[0]!(c, id, k);
    for (let j = 1; j < columns.length; j++) line += sep + columns[j]!(c, id, k);
    return line + eol;
  };
  return { name, format, header, row };
}

// ----------------------------------------------------------------- generation

/** Validates options; a bad value is a user-facing {@linkcode DataError}. */
function normalise(options: SynthOptions): { customers: number; seed: number; variant: ExportVariant } {
  const { customers, seed = DEFAULT_SEED, variant = {} } = options;
  const bad = (column: string, value: unknown, expected: string) =>
    new DataError([{ column, value: String(value), expected }]);
  if (!Number.isInteger(customers) || customers < 1 || customers > MAX_CUSTOMERS) {
    throw bad("customers", customers, `an integer from 1 to ${MAX_CUSTOMERS}`);
  }
  if (!Number.isInteger(seed)) throw bad("seed", seed, "an integer");
  const allowed: Record<string, readonly unknown[]> = {
    separator: [",", ";"],
    decimal: [".", ","],
    lineEnding: ["\n", "\r\n"],
    bom: [true, false],
    integerZero: [true, false],
  };
  for (const [k, v] of Object.entries(variant)) {
    const ok = allowed[k];
    if (!ok) throw bad("variant", k, `one of ${Object.keys(allowed).join(", ")}`);
    if (v !== undefined && !ok.includes(v)) {
      throw bad(`variant.${k}`, JSON.stringify(v), `one of ${ok.map((x) => JSON.stringify(x)).join(", ")}`);
    }
  }
  // Drop undefined fields so they don't override the per-file defaults.
  const clean = Object.fromEntries(Object.entries(variant).filter(([, v]) => v !== undefined));
  return { customers, seed, variant: clean };
}

/** A piece of one file: a view valid only until the generator is resumed. */
interface Chunk {
  table: TableName;
  bytes: Uint8Array;
}

/**
 * Streams the four files as UTF-8 chunks; returns the number of «Снизилась»
 * customers. A cohort gives the ids and labels.
 */
function* chunks(customers: number, p: Plan, variant: ExportVariant, cohort?: Cohort): Generator<Chunk, number> {
  const [mf, mm, mt, mo] = TABLE_NAMES.map((n) => tableWriter(n, variant)) as [
    TableWriter,
    TableWriter,
    TableWriter,
    TableWriter,
  ];
  const writers = [mf, mm, mt, mo];
  const text = writers.map((w) => w.header);
  const bytes = writers.map(() => new Uint8Array(CHUNK_BYTES));
  const used = [0, 0, 0, 0];
  const encoder = new TextEncoder();
  // A string of < TEXT_CHARS + one customer's rows is at most 3 bytes per UTF-16 unit.
  const room = CHUNK_BYTES - 3 * (TEXT_CHARS + 4096);
  const encode = (t: number) => {
    used[t]! += encoder.encodeInto(text[t]!, bytes[t]!.subarray(used[t])).written;
    text[t] = "";
  };
  const rng = new Rng();
  const c = {} as Customer;
  let dropped = 0;
  for (let i = 0; i < customers; i++) {
    const role = p.roles.get(i);
    const source = role?.kind === "copy" ? role.source : i;
    drawCustomer(rng.reset(hash(p.key, source)), c, p.misspelt.has(source));
    if (role?.kind === "inactive") {
      c.revenueTenths[0] = 0;
      if (role.zeroMonths === 2) c.revenueTenths[1] = 0;
      // Like the real ones: new (short duration) and no promo purchases yet.
      c.duration = 110 + Math.floor(rng.next() * 50);
      c.promoHundredths = 0;
    } else if (role?.kind === "outlier") c.revenueTenths[2] = Math.round(OUTLIER_REVENUE * 10);
    if (cohort) c.dropped = cohort.dropped[i]!;
    if (c.dropped) dropped++;
    const id = cohort ? cohort.ids[i]! : String(FIRST_ID + i);
    text[0] += mf.row(c, id, 0);
    for (const k of c.revenueOrder) text[1] += mm.row(c, id, k);
    text[2] += c.currentMinutesFirst ? mt.row(c, id, 1) + mt.row(c, id, 0) : mt.row(c, id, 0) + mt.row(c, id, 1);
    text[3] += mo.row(c, id, 0);
    for (let t = 0; t < 4; t++) {
      if (text[t]!.length < TEXT_CHARS) continue;
      encode(t);
      if (used[t]! < room) continue;
      yield { table: writers[t]!.name, bytes: bytes[t]!.subarray(0, used[t]) };
      used[t] = 0;
    }
  }
  for (let t = 0; t < 4; t++) {
    encode(t);
    if (used[t]! > 0) yield { table: writers[t]!.name, bytes: bytes[t]!.subarray(0, used[t]) };
  }
  return dropped;
}

/**
 * Generates the four raw files as strings — for small fixtures. Same text as
 * {@linkcode writeSynthetic} writes (a BOM, if asked for, is the leading "\uFEFF").
 *
 * @param options number of customers, seed and export variant
 * @returns file text keyed by table name
 * @example
 * ```ts
 * import { synthesizeTables } from "./synth.ts";
 * const { market_file } = synthesizeTables({ customers: 20, seed: 7, variant: { lineEnding: "\n" } });
 * market_file.split("\n").length; // 22: header, 20 rows, "" after the last line end
 * ```
 */
export function synthesizeTables(options: SynthOptions): Record<TableName, string> {
  const { customers, seed, variant } = normalise(options);
  const out: Record<TableName, string> = { market_file: "", market_money: "", market_time: "", money: "" };
  // Chunks end at line ends, so each decodes on its own; keep a BOM as "\uFEFF".
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  for (const { table, bytes } of chunks(customers, plan(customers, seed), variant)) out[table] += decoder.decode(bytes);
  return out;
}

/**
 * Writes market_file.csv, market_money.csv, market_time.csv and money.csv into
 * `dir` (created if needed), streaming in chunks so memory stays bounded.
 *
 * @param dir output directory
 * @param options number of customers (1 … 5 000 000), seed (default 42), export variant
 * @returns what was generated: quirky ids, the outlier and the class count
 * @throws {DataError} on bad options
 * @example
 * ```ts
 * import { writeSynthetic } from "./synth.ts";
 * const dir = await Deno.makeTempDir();
 * const s = await writeSynthetic(dir, { customers: 1000 });
 * s.duplicateIds.length; // 2
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function writeSynthetic(dir: string, options: SynthOptions): Promise<SynthSummary> {
  const { customers, seed, variant } = normalise(options);
  const p = plan(customers, seed);
  const dropped = await writeChunks(dir, chunks(customers, p, variant));
  return { ...p.summary, dir, dropped };
}

/**
 * Writes the four files of a {@linkcode Cohort}: the given customers, in the
 * given order, with the given labels — a next export of known customers.
 *
 * @param dir output directory (created if needed)
 * @param cohort ids and labels (same length, ids distinct and integer text)
 * @param options seed of the features and export variant (`customers` is the cohort's)
 * @returns the number of «Снизилась» customers written
 * @throws {DataError} on bad options or a cohort of the wrong size
 * @example
 * ```ts
 * import { writeCohort } from "./synth.ts";
 * const dir = await Deno.makeTempDir();
 * await writeCohort(dir, { ids: ["7", "9"], dropped: [true, false] }, { seed: 1 }); // 1
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function writeCohort(
  dir: string,
  cohort: Cohort,
  options: Omit<SynthOptions, "customers"> = {},
): Promise<number> {
  const { customers, seed, variant } = normalise({ ...options, customers: cohort.ids.length });
  if (cohort.dropped.length !== customers) {
    throw new DataError([{
      column: "cohort.dropped",
      value: String(cohort.dropped.length),
      expected: `one label per id (${customers})`,
    }]);
  }
  return await writeChunks(dir, chunks(customers, plan(customers, seed, false), variant, cohort));
}

/** Writes the chunks into the four files of `dir`; returns the generator's count. */
async function writeChunks(dir: string, gen: Generator<Chunk, number>): Promise<number> {
  await Deno.mkdir(dir, { recursive: true });
  const files = new Map<TableName, Deno.FsFile>();
  try {
    for (const name of TABLE_NAMES) {
      files.set(name, await Deno.open(`${dir}/${TABLES[name].file}`, { write: true, create: true, truncate: true }));
    }
    for (let r = gen.next();; r = gen.next()) {
      if (r.done) return r.value;
      // Written before the generator resumes and reuses the buffer.
      const { table, bytes } = r.value;
      const file = files.get(table)!;
      for (let off = 0; off < bytes.length;) off += await file.write(bytes.subarray(off));
    }
  } finally {
    for (const f of files.values()) f.close();
  }
}
