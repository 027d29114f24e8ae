/**
 * offers.json: one personal offer per customer, most profit at risk first —
 * the probability of a drop, monthly profit, profit at risk over the
 * horizon, whether the model flags the customer, the risk × profit cell, the
 * store segments, the top reasons with the customer's own values, the
 * observed label and favourite category, and the decision: action segment,
 * action, channel, consent, group (offer or control), the action's cost per
 * contact and the profit it is expected to save. The report reads this;
 * `offers.csv` (src/segments/offers_csv.ts) is the same list as an export for
 * Russian Excel and is never read back. The campaign plan's totals are sums
 * over these rows.
 *
 * A million customers make ≈ 1.2 GB of JSON — more than one JavaScript string
 * holds — so the file is written and read one offer at a time. It stays one
 * JSON document, laid out one offer per line:
 *
 * ```text
 * {"schemaVersion":3,"config":{…},…,"customers":1297,"offers":[
 * {"id":"215349",…},
 * {"id":"215350",…}
 * ]}
 * ```
 *
 * {@linkcode scanOffers} streams that layout (a problem names its line);
 * any other layout of the same JSON (pretty-printed by a tool, say) is read
 * whole when it is small enough.
 *
 * @module
 */
import { createReadStream } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import * as z from "zod";
import { DataError } from "../data/errors.ts";
import type { RunConfig } from "../config/run_config.ts";
import type { Cuts } from "../segments/cuts.ts";
import type { Offer } from "../segments/offers.ts";
import {
  type ArtifactSpec,
  CONFIG_FIELD,
  issueProblem,
  parseArtifact,
  parseJsonText,
  unsafeJsonValue,
  writeFileAtomicChunks,
} from "./artifact_file.ts";

/** The version of offers.json this code writes and reads. */
export const OFFERS_SCHEMA_VERSION = 3;

/** Everything of offers.json but the offers: its first line. */
export const OFFERS_HEADER_SCHEMA = z.object({
  schemaVersion: z.literal(OFFERS_SCHEMA_VERSION),
  config: CONFIG_FIELD,
  /** The model's threshold: `flagged` is probability ≥ threshold. */
  threshold: z.number(),
  /** Months of profit in `profitAtRisk`. */
  horizonMonths: z.number().int(),
  /** Unit of every amount (money.csv's). */
  moneyUnit: z.string(),
  /** The assumed relative reduction of drops behind `expectedSaved`. */
  assumedEffect: z.number(),
  /** How many offers follow (a file cut short says so). */
  customers: z.number().int().nonnegative(),
});

/** One customer's offer: one line of offers.json. */
export const OFFER_ROW_SCHEMA = z.object({
  id: z.string(),
  probability: z.number(),
  /** Mean monthly profit. */
  profit: z.number(),
  /** probability × monthly profit × horizon. */
  profitAtRisk: z.number(),
  /** The model flags the customer (probability ≥ threshold). */
  flagged: z.boolean(),
  /** Name of the customer's risk × profit cell. */
  cell: z.string(),
  /** Names of the store segments the customer belongs to. */
  segments: z.array(z.string()),
  /** Top reasons as "Страниц за визит ↑": ↑ raises the risk of a drop, ↓ lowers it. */
  reasons: z.array(z.string()),
  /** Top reasons with the customer's own values (a number, or a category's text). */
  reasonDetails: z.array(z.object({
    feature: z.string(),
    label: z.string(),
    direction: z.enum(["up", "down"]),
    value: z.union([z.number(), z.string()]),
  })),
  /** Action segment id and its Russian name. */
  actionSegment: z.enum(["win_back_valuable", "win_back", "prevent_valuable", "prevent", "maintain"]),
  actionSegmentName: z.string(),
  /** The lever (src/segments/levers.ts) and its Russian name. */
  action: z.string(),
  actionName: z.string(),
  channel: z.enum(["email", "push", "sms", "call", "site"]),
  channelName: z.string(),
  /** offer: gets the action; control: held out, not contacted (keeps the action it would have got). */
  group: z.enum(["offer", "control"]),
  /** «предложение» or «контроль», as offers.csv writes it. */
  groupName: z.string(),
  /** Favourite (popular) category. */
  category: z.string(),
  /** Observed label text («Снизилась», «Прежний уровень»). */
  activity: z.string(),
  /** Allows messages. */
  consent: z.boolean(),
  /** Cost of one contact through the channel, whatever the group. */
  actionCost: z.number(),
  /** assumedEffect × profitAtRisk: what the action is expected to save if the customer gets it. */
  expectedSaved: z.number(),
  /** The reason feature that chose the action; null when the action segment's default did. */
  reasonFeature: z.string().nullable(),
  /** A message action was replaced by its on-site alternative (no consent). */
  consentFallback: z.boolean(),
});

/** The schema of offers.json as one document (what any JSON tool reads). */
export const OFFERS_SCHEMA = OFFERS_HEADER_SCHEMA.extend({ offers: z.array(OFFER_ROW_SCHEMA) });

/** One customer's offer in offers.json. */
export type OfferRow = z.infer<typeof OFFER_ROW_SCHEMA>;
/** offers.json's first line: the run's values and how many offers follow. */
export type OffersFileHeader = z.infer<typeof OFFERS_HEADER_SCHEMA>;
/** The run's values of offers.json (its header without the count). */
export type OffersHeader = Omit<OffersFileHeader, "customers">;
/** offers.json in memory: the header and every offer. */
export interface OffersArtifact extends OffersHeader {
  offers: OfferRow[];
}

/** How offers.json is stored (compact: one row per customer). */
export const OFFERS_FILE: ArtifactSpec<typeof OFFERS_SCHEMA> = {
  file: "offers.json",
  schemaVersion: OFFERS_SCHEMA_VERSION,
  schema: OFFERS_SCHEMA,
  writtenBy: "the segment stage",
  pretty: false,
};

/** Where the first line's header ends and the offers begin. */
const OFFERS_OPEN = `,"offers":[`;
/** The last line. */
const OFFERS_CLOSE = "]}";
/** Offers joined into one write. */
const WRITE_CHUNK = 10_000;
/** Largest file in another layout that is still read whole. */
const WHOLE_FILE_BYTES = 256 * 1024 * 1024;

/**
 * offers.json's header from the segment stage's result.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * offersHeader({ cuts: { threshold: 0.43 } }, DEFAULT_CONFIG).horizonMonths; // 3
 * ```
 */
export function offersHeader(result: { cuts: Pick<Cuts, "threshold"> }, config: RunConfig): OffersHeader {
  return {
    schemaVersion: OFFERS_SCHEMA_VERSION,
    config,
    threshold: result.cuts.threshold,
    horizonMonths: config.horizonMonths,
    moneyUnit: config.moneyUnit,
    assumedEffect: config.campaign.assumedEffect,
  };
}

/**
 * One offer as offers.json holds it.
 *
 * @example
 * ```ts
 * import type { Offer } from "../segments/offers.ts";
 * declare const offer: Offer;
 * offerRow(offer, 0.43).flagged; // offer.probability ≥ 0.43
 * ```
 */
export function offerRow(o: Offer, threshold: number): OfferRow {
  return {
    id: o.id,
    probability: o.probability,
    profit: o.profit,
    profitAtRisk: o.profitAtRisk,
    flagged: o.probability >= threshold,
    cell: o.cell,
    segments: o.segments,
    reasons: o.reasons,
    reasonDetails: o.reasonDetails.map((r) => ({ ...r })),
    actionSegment: o.actionSegment as OfferRow["actionSegment"],
    actionSegmentName: o.actionSegmentName,
    action: o.action,
    actionName: o.actionName,
    channel: o.channel,
    channelName: o.channelName,
    group: o.group,
    groupName: o.groupName,
    category: o.category,
    activity: o.activity,
    consent: o.consent,
    actionCost: o.actionCost,
    expectedSaved: o.expectedSaved,
    reasonFeature: o.reasonFeature,
    consentFallback: o.consentFallback,
  };
}

/**
 * offers.json from the segment stage's result, in its order (most profit at
 * risk first), in memory. For many customers {@linkcode writeOffersOf}
 * writes the file without this copy of every offer.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import type { Cuts } from "../segments/cuts.ts";
 * import type { Offer } from "../segments/offers.ts";
 * declare const result: { cuts: Cuts; offers: Offer[] };
 * const artifact = buildOffersArtifact(result, DEFAULT_CONFIG);
 * artifact.offers.filter((o) => o.flagged).length;
 * ```
 */
export function buildOffersArtifact(
  result: { cuts: Pick<Cuts, "threshold">; offers: readonly Offer[] },
  config: RunConfig,
): OffersArtifact {
  return {
    ...offersHeader(result, config),
    offers: result.offers.map((o) => offerRow(o, result.cuts.threshold)),
  };
}

/**
 * Writes `dir/offers.json` (atomic) from a header and its offers, one offer
 * per line, a few thousand lines per write — never the whole file as one
 * string. A value JSON would change (NaN, ±Infinity) is an internal error
 * naming the offer and field, and leaves the previous file in place.
 */
function writeOffersFile(dir: string, header: OffersHeader, count: number, rows: Iterable<OfferRow>): Promise<void> {
  const fileHeader: OffersFileHeader = { ...header, customers: count };
  const bad = unsafeJsonValue(fileHeader);
  if (bad) throw new Error(`offers.json not written: field ${bad.path} is ${bad.what}; an artifact holds plain data`);
  function* chunks() {
    yield JSON.stringify(fileHeader).slice(0, -1) + OFFERS_OPEN + "\n";
    let i = 0, chunk: string[] = [];
    for (const row of rows) {
      const wrong = unsafeJsonValue(row);
      if (wrong) {
        throw new Error(
          `offers.json not written: offers[${i}].${wrong.path} is ${wrong.what}; an artifact holds plain data`,
        );
      }
      chunk.push(JSON.stringify(row) + (++i < count ? ",\n" : "\n"));
      if (chunk.length === WRITE_CHUNK) yield chunk.join(""), chunk = [];
    }
    if (i !== count) throw new Error(`offers.json not written: ${i} offers given, ${count} announced`);
    yield chunk.join("") + OFFERS_CLOSE + "\n";
  }
  return writeFileAtomicChunks(dir, OFFERS_FILE.file, chunks());
}

/**
 * Writes `dir/offers.json` (atomic) from an artifact in memory.
 *
 * @example
 * ```ts
 * declare const artifact: OffersArtifact;
 * await writeOffers("out/artifacts", artifact);
 * ```
 */
export function writeOffers(dir: string, artifact: OffersArtifact): Promise<void> {
  const { offers, ...header } = artifact;
  return writeOffersFile(dir, header, offers.length, offers);
}

/**
 * Writes `dir/offers.json` (atomic) straight from the segment stage's
 * result, one offer at a time: a million customers never exist twice in memory.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import type { Cuts } from "../segments/cuts.ts";
 * import type { Offer } from "../segments/offers.ts";
 * declare const result: { cuts: Cuts; offers: Offer[] };
 * await writeOffersOf("out/artifacts", result, DEFAULT_CONFIG);
 * ```
 */
export function writeOffersOf(
  dir: string,
  result: { cuts: Pick<Cuts, "threshold">; offers: readonly Offer[] },
  config: RunConfig,
): Promise<void> {
  const threshold = result.cuts.threshold;
  function* rows() {
    for (const o of result.offers) yield offerRow(o, threshold);
  }
  return writeOffersFile(dir, offersHeader(result, config), result.offers.length, rows());
}

/** One DataError about offers.json. */
function offersProblem(path: string, expected: string, line?: number, value?: string): DataError {
  return new DataError([{
    file: path,
    ...(line === undefined ? {} : { line }),
    ...(value === undefined ? {} : { value }),
    expected,
  }]);
}

/** "run the segment stage again", after what went wrong. */
const AGAIN = `(${OFFERS_FILE.file} written by ${OFFERS_FILE.writtenBy}: run it again)`;

/**
 * Reads `dir/offers.json` one offer at a time, validating each: `visit`
 * gets every offer in the file's order with its index, and the header is
 * returned. Missing file, another `schemaVersion`, a line that is not an
 * offer, a bad field or a file cut short: one {@linkcode DataError} naming
 * the file, the line and the field (`offers[17].probability`). `onHeader`
 * gets the header before the first offer. A file in
 * another layout (one line, pretty-printed) is read whole when it is at most
 * 256 MB.
 *
 * @example
 * ```ts
 * let flagged = 0;
 * const header = await scanOffers("out/artifacts", (o) => void (flagged += o.flagged ? 1 : 0));
 * header.customers; // every offer was visited
 * ```
 */
export async function scanOffers(
  dir: string,
  visit: (offer: OfferRow, index: number) => void,
  onHeader?: (header: OffersFileHeader) => void,
): Promise<OffersFileHeader> {
  const path = join(dir, OFFERS_FILE.file);
  let size: number;
  try {
    size = (await Deno.stat(path)).size;
  } catch (e) {
    const why = e instanceof Deno.errors.NotFound ? "it does not exist" : (e as Error).message;
    throw offersProblem(path, `${OFFERS_FILE.file} written by ${OFFERS_FILE.writtenBy} (${why})`);
  }
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
  try {
    let header: OffersFileHeader | undefined, lineNo = 0, index = 0, closed = false, last = false;
    for await (const line of lines) {
      lineNo++;
      if (header === undefined) {
        if (!line.endsWith(OFFERS_OPEN)) {
          lines.close();
          return readWhole(path, size, visit, onHeader);
        }
        header = parseHeader(line.slice(0, -OFFERS_OPEN.length) + "}", path);
        onHeader?.(header);
        continue;
      }
      if (closed) {
        if (line.trim() === "") continue;
        throw offersProblem(path, `nothing after the closing "${OFFERS_CLOSE}" ${AGAIN}`, lineNo);
      }
      if (line === OFFERS_CLOSE && (last || index === 0)) {
        closed = true;
        continue;
      }
      if (last) throw offersProblem(path, `the closing "${OFFERS_CLOSE}" after the last offer ${AGAIN}`, lineNo);
      last = !line.endsWith(",");
      visit(parseRow(last ? line : line.slice(0, -1), index, path, lineNo), index);
      index++;
    }
    if (header === undefined) throw offersProblem(path, `JSON written by ${OFFERS_FILE.writtenBy} (the file is empty)`);
    if (!closed || index !== header.customers) {
      throw offersProblem(
        path,
        `${header.customers} offers and the closing "${OFFERS_CLOSE}", found ${index} offers ` +
          `${closed ? "" : "and no end "}— the file is cut short or was changed ${AGAIN}`,
        lineNo,
      );
    }
    return header;
  } finally {
    lines.close();
  }
}

/** The header line, checked: the version first, so another version of the pipeline says so. */
function parseHeader(text: string, path: string): OffersFileHeader {
  const json = parseJsonText(text, path, OFFERS_FILE.writtenBy);
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== OFFERS_SCHEMA_VERSION) {
    throw offersProblem(
      path,
      `field "schemaVersion" to be ${OFFERS_SCHEMA_VERSION} (${OFFERS_FILE.file} from another version of the ` +
        `pipeline: run ${OFFERS_FILE.writtenBy} again)`,
      1,
      version === undefined ? undefined : String(version),
    );
  }
  const r = OFFERS_HEADER_SCHEMA.safeParse(json);
  if (r.success) return r.data;
  const problem = issueProblem(json, r.error.issues[0]!);
  throw offersProblem(path, problem.expected, 1, problem.value);
}

/** One offer's line, checked; a problem names the line and `offers[index].field`. */
function parseRow(text: string, index: number, path: string, line: number): OfferRow {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw offersProblem(path, `one offer as a JSON object (${(e as Error).message.slice(0, 120)}) ${AGAIN}`, line);
  }
  const r = OFFER_ROW_SCHEMA.safeParse(json);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const problem = issueProblem({ offers: { [index]: json } }, { ...issue, path: ["offers", index, ...issue.path] });
  throw offersProblem(path, problem.expected, line, problem.value);
}

/** offers.json in another layout: parsed whole (when small enough), then visited. */
async function readWhole(
  path: string,
  size: number,
  visit: (offer: OfferRow, index: number) => void,
  onHeader: ((header: OffersFileHeader) => void) | undefined,
): Promise<OffersFileHeader> {
  if (size > WHOLE_FILE_BYTES) {
    throw offersProblem(path, `one offer per line after a header line ending in ${OFFERS_OPEN} ${AGAIN}`, 1);
  }
  const artifact = parseArtifact(OFFERS_FILE, await Deno.readTextFile(path), path);
  const { offers, ...header } = artifact;
  if (offers.length !== header.customers) {
    throw offersProblem(
      path,
      `field "customers" to be the number of offers, ${offers.length}`,
      undefined,
      String(header.customers),
    );
  }
  onHeader?.(header);
  offers.forEach(visit);
  return header;
}

/**
 * Reads and validates all of `dir/offers.json` into memory (see
 * {@linkcode scanOffers} for one offer at a time); any problem is one
 * DataError naming the file, line and field.
 *
 * @example
 * ```ts
 * (await readOffers("out/artifacts")).offers.slice(0, 20);
 * ```
 */
export async function readOffers(dir: string): Promise<OffersArtifact> {
  const offers: OfferRow[] = [];
  const { customers: _, ...header } = await scanOffers(dir, (o) => void offers.push(o));
  return { ...header, offers };
}
