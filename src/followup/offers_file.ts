/**
 * Reads back the `offers.csv` a run wrote (the Excel export: `;`, decimal
 * comma, UTF-8 with a BOM, CRLF, RFC 4180 quotes) for the follow-up: who got
 * an offer, who is in the control group, in which action segment, at what
 * predicted risk. Columns are found by their header names, never by position,
 * so columns added or moved by later versions do not matter.
 *
 * @module
 */
import { basename } from "node:path";
import { DataError, type Problem, ProblemLog } from "../data/errors.ts";
import type { CustomerId } from "../data/customer_id.ts";
import { normalKey } from "../data/read_table.ts";
import { OFFERS_CSV_GROUPS, OFFERS_CSV_HEADERS } from "../segments/offers_csv.ts";
import { csvFileRecords, type CsvRecord, csvRecords } from "./csv_records.ts";

/** The header names this reader needs, as `src/segments/offers_csv.ts` writes them. */
export const OFFERS_COLUMNS = {
  id: OFFERS_CSV_HEADERS.id,
  // offers_csv.ts writes this header as a literal (it exports no constant for it); it must stay equal to it.
  probability: "Вероятность снижения активности",
  segmentName: OFFERS_CSV_HEADERS.actionSegmentName,
  segment: OFFERS_CSV_HEADERS.actionSegment,
  group: OFFERS_CSV_HEADERS.group,
} as const;

/** The group cell of customers who get the offer. */
export const GROUP_TREATMENT: string = OFFERS_CSV_GROUPS.offer;
/** The group cell of customers held back to measure the offer against. */
export const GROUP_CONTROL: string = OFFERS_CSV_GROUPS.control;

/** One customer of offers.csv. */
export interface OfferedCustomer {
  id: CustomerId;
  /** The model's probability that activity drops, as the run predicted it. */
  probability: number;
  /** Action segment code (e.g. `win_back`). */
  segment: string;
  /** Its Russian name. */
  segmentName: string;
  /** Whether the customer gets the offer (false: control group). */
  treated: boolean;
}

/** An action segment as a row of offers.csv names it. */
export interface OfferSegment {
  /** Code (e.g. `win_back`). */
  code: string;
  /** Russian name. */
  name: string;
}

/**
 * offers.csv as the follow-up needs it, one entry per customer row in file
 * order, by column: a million customers are a few typed arrays and their id
 * texts, not a million objects ({@linkcode offeredCustomer} gives one).
 */
export interface OffersFile {
  /** The path as given. */
  path: string;
  /** Ids, as the export writes them (no leading zeros). */
  ids: CustomerId[];
  /** The model's probability that activity drops, as the run predicted it. */
  probability: Float64Array;
  /** 1: gets the offer; 0: control group. */
  treated: Uint8Array;
  /** Index into {@linkcode OffersFile.segments}. */
  segment: Uint32Array;
  /** Each distinct (code, name) pair, in order of appearance. */
  segments: OfferSegment[];
}

/**
 * Customer `i` of an offers file as one object.
 *
 * @example
 * ```ts
 * const offers = parseOffers(
 *   "id покупателя;Вероятность снижения активности;Сегмент действия;Код сегмента действия;Группа\r\n" +
 *     "7;0,500;Удержать;prevent;контроль\r\n",
 *   "offers.csv",
 * );
 * offeredCustomer(offers, 0); // { id: "7", probability: 0.5, segment: "prevent", segmentName: "Удержать", treated: false }
 * ```
 */
export function offeredCustomer(offers: OffersFile, i: number): OfferedCustomer {
  const s = offers.segments[offers.segment[i]!]!;
  return {
    id: offers.ids[i]!,
    probability: offers.probability[i]!,
    segment: s.code,
    segmentName: s.name,
    treated: offers.treated[i] === 1,
  };
}

/**
 * Reads and checks an offers.csv, one record at a time (the file is never one
 * string). A file without the needed columns (not an offers.csv of this
 * version), a bad cell, a repeated id or no control group at all is one
 * {@linkcode DataError} naming the file, line and column.
 *
 * @param path the offers.csv a run wrote
 * @param readBytes bytes read at a time (default a megabyte; tests use a few to split records and characters)
 * @example
 * ```ts
 * const offers = await readOffersFile("out/artifacts/offers.csv");
 * offers.treated.filter((t) => t === 0).length; // the control group's size
 * ```
 */
export async function readOffersFile(path: string, readBytes?: number): Promise<OffersFile> {
  const offers = new OffersBuilder(path);
  try {
    for await (const records of csvFileRecords(path, readBytes)) offers.add(records);
  } catch (e) {
    // Only the file system's errors (opening, reading) mean "not an offers.csv we can read".
    if (!Object.values(Deno.errors).some((kind) => e instanceof kind)) throw e;
    const why = e instanceof Deno.errors.NotFound ? "it does not exist" : (e as Error).message;
    throw new DataError([{ file: path, expected: `an offers.csv written by the segments stage (${why})` }]);
  }
  return offers.finish();
}

/**
 * Parses offers.csv text; `path` names it in messages.
 *
 * @example
 * ```ts
 * const text = "\uFEFFid покупателя;Вероятность снижения активности;Сегмент действия;Код сегмента действия;Группа\r\n" +
 *   "7;0,500;Удержать;prevent;контроль\r\n";
 * offeredCustomer(parseOffers(text, "offers.csv"), 0); // { id: "7", probability: 0.5, segment: "prevent", … treated: false }
 * ```
 */
export function parseOffers(text: string, path: string): OffersFile {
  const offers = new OffersBuilder(path);
  offers.add(csvRecords(text, path));
  return offers.finish();
}

type Key = keyof typeof OFFERS_COLUMNS;

/**
 * Checks records as they come and keeps the needed columns in growing typed
 * arrays. Problems are collected and thrown by `finish`, after the reader's
 * own (an unclosed quote), which comes first as it always did.
 */
class OffersBuilder {
  readonly #path: string;
  readonly #log = new ProblemLog();
  /** Line of each raw id cell seen, for the message about a repeated one. */
  readonly #seen = new Map<string, number>();
  #columns: Record<Key, number> | undefined;
  /** The header's problem; the rest of the file is still read for an unclosed quote. */
  #headerProblem: Problem | undefined;
  #size = 0;
  readonly #ids: CustomerId[] = [];
  #probability = new Float64Array(1024);
  #treated = new Uint8Array(1024);
  #segment = new Uint32Array(1024);
  readonly #segments: OfferSegment[] = [];
  readonly #segmentAt = new Map<string, number>();
  #control = false;

  constructor(path: string) {
    this.#path = path;
  }

  add(records: readonly CsvRecord[]): void {
    for (const record of records) {
      if (this.#columns === undefined && this.#headerProblem === undefined) this.#header(record.fields);
      else if (this.#columns !== undefined) this.#row(record);
    }
  }

  finish(): OffersFile {
    const path = this.#path;
    if (this.#columns === undefined && this.#headerProblem === undefined) this.#header([]); // no record at all
    if (this.#headerProblem) throw new DataError([this.#headerProblem]);
    this.#log.throwIfAny();
    const size = this.#size;
    if (size === 0) throw new DataError([{ file: path, expected: "at least one customer row after the header" }]);
    if (!this.#control) {
      throw new DataError([{
        file: path,
        column: OFFERS_COLUMNS.group,
        expected: `some customers in the group «${GROUP_CONTROL}»: without a control group the campaign's effect ` +
          `cannot be measured (every one of the ${size} customers is «${GROUP_TREATMENT}»)`,
      }]);
    }
    return {
      path,
      ids: this.#ids,
      probability: this.#probability.slice(0, size),
      treated: this.#treated.slice(0, size),
      segment: this.#segment.slice(0, size),
      segments: this.#segments,
    };
  }

  #header(header: string[]): void {
    const at = new Map(header.map((h, j) => [normalKey(h), j]));
    const wanted = Object.values(OFFERS_COLUMNS);
    const missing = wanted.filter((name) => !at.has(normalKey(name)));
    if (missing.length > 0) {
      this.#headerProblem = {
        file: this.#path,
        line: 1,
        expected: `an offers.csv written by the segments stage, with the columns ${quoteAll(wanted)}; ` +
          `missing ${quoteAll(missing)} (the header has ${header.length === 0 ? "nothing" : quoteAll(header)})`,
      };
      return;
    }
    const col = (key: Key) => at.get(normalKey(OFFERS_COLUMNS[key]))!;
    this.#columns = {
      id: col("id"),
      probability: col("probability"),
      segmentName: col("segmentName"),
      segment: col("segment"),
      group: col("group"),
    };
  }

  #row({ line, fields }: CsvRecord): void {
    if (fields.length === 1 && fields[0] === "") return; // a blank line
    const columns = this.#columns!;
    const cell = (key: Key) => (fields[columns[key]] ?? "").trim();
    const log = this.#log;
    const bad = (key: Key, expected: string) =>
      log.add({ file: this.#path, line, column: OFFERS_COLUMNS[key], value: cell(key), expected });
    const id = cell("id");
    const probability = Number(cell("probability").replace(",", "."));
    const group = cell("group");
    const before = log.size;
    if (!/^-?\d+$/.test(id)) bad("id", "a customer id (an integer)");
    else if (this.#seen.has(id)) bad("id", `an id not already on line ${this.#seen.get(id)}`);
    if (cell("probability") === "" || !(probability >= 0 && probability <= 1)) {
      bad("probability", "a probability from 0 to 1");
    }
    if (cell("segment") === "") bad("segment", "an action segment code");
    if (group !== GROUP_TREATMENT && group !== GROUP_CONTROL) {
      bad("group", `«${GROUP_TREATMENT}» or «${GROUP_CONTROL}»`);
    }
    if (log.size > before) return;
    this.#seen.set(id, line);
    if (this.#size === this.#probability.length) this.#grow();
    const i = this.#size++;
    this.#ids.push(id.replace(/^(-?)0+(?=\d)/, "$1")); // the export's ids have no leading zeros
    this.#probability[i] = probability;
    this.#treated[i] = group === GROUP_TREATMENT ? 1 : 0;
    if (group === GROUP_CONTROL) this.#control = true;
    this.#segment[i] = this.#segmentIndex(cell("segment"), cell("segmentName"));
  }

  /** The pair's index; codes and names are kept once, not once per customer. */
  #segmentIndex(code: string, name: string): number {
    const key = `${code}\u0000${name}`;
    let at = this.#segmentAt.get(key);
    if (at === undefined) {
      at = this.#segments.length;
      this.#segments.push({ code, name });
      this.#segmentAt.set(key, at);
    }
    return at;
  }

  #grow(): void {
    const grown = <T extends Float64Array | Uint8Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(a.length * 2);
      b.set(a);
      return b;
    };
    this.#probability = grown(this.#probability, (n) => new Float64Array(n));
    this.#treated = grown(this.#treated, (n) => new Uint8Array(n));
    this.#segment = grown(this.#segment, (n) => new Uint32Array(n));
  }
}

/** The file's name for artifacts and summaries (never an absolute path). */
export const offersName = (offers: OffersFile): string => basename(offers.path);

const quoteAll = (names: readonly string[]) => names.map((n) => `«${n}»`).join(", ");
