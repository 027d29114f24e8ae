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
import { DataError, ProblemLog } from "../data/errors.ts";
import type { CustomerId } from "../data/customer_id.ts";
import { normalKey } from "../data/read_table.ts";
import { OFFERS_CSV_GROUPS, OFFERS_CSV_HEADERS } from "../segments/offers_csv.ts";

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

/** offers.csv as the follow-up needs it. */
export interface OffersFile {
  /** The path as given. */
  path: string;
  customers: OfferedCustomer[];
}

/**
 * Reads and checks an offers.csv. A file without the needed columns (not an
 * offers.csv of this version), a bad cell, a repeated id or no control group
 * at all is one {@linkcode DataError} naming the file, line and column.
 *
 * @param path the offers.csv a run wrote
 * @example
 * ```ts
 * const offers = await readOffersFile("out/artifacts/offers.csv");
 * offers.customers.filter((c) => !c.treated).length; // the control group's size
 * ```
 */
export async function readOffersFile(path: string): Promise<OffersFile> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    const why = e instanceof Deno.errors.NotFound ? "it does not exist" : (e as Error).message;
    throw new DataError([{ file: path, expected: `an offers.csv written by the segments stage (${why})` }]);
  }
  return parseOffers(text, path);
}

/**
 * Parses offers.csv text; `path` names it in messages.
 *
 * @example
 * ```ts
 * const text = "\uFEFFid покупателя;Вероятность снижения активности;Сегмент действия;Код сегмента действия;Группа\r\n" +
 *   "7;0,500;Удержать;prevent;контроль\r\n";
 * parseOffers(text, "offers.csv").customers[0]; // { id: "7", probability: 0.5, segment: "prevent", … treated: false }
 * ```
 */
export function parseOffers(text: string, path: string): OffersFile {
  const records = csvRecords(text.replace(/^\uFEFF/, ""), path);
  const header = records[0]?.fields ?? [];
  const at = new Map(header.map((h, j) => [normalKey(h), j]));
  const wanted = Object.values(OFFERS_COLUMNS);
  const missing = wanted.filter((name) => !at.has(normalKey(name)));
  if (missing.length > 0) {
    throw new DataError([{
      file: path,
      line: 1,
      expected: `an offers.csv written by the segments stage, with the columns ${quoteAll(wanted)}; ` +
        `missing ${quoteAll(missing)} (the header has ${header.length === 0 ? "nothing" : quoteAll(header)})`,
    }]);
  }
  const col = (key: keyof typeof OFFERS_COLUMNS) => at.get(normalKey(OFFERS_COLUMNS[key]))!;
  const log = new ProblemLog();
  const seen = new Map<CustomerId, number>();
  const customers: OfferedCustomer[] = [];
  for (const { line, fields } of records.slice(1)) {
    if (fields.length === 1 && fields[0] === "") continue; // a blank line
    const cell = (key: keyof typeof OFFERS_COLUMNS) => (fields[col(key)] ?? "").trim();
    const bad = (key: keyof typeof OFFERS_COLUMNS, expected: string) =>
      log.add({ file: path, line, column: OFFERS_COLUMNS[key], value: cell(key), expected });
    const id = cell("id");
    const probability = Number(cell("probability").replace(",", "."));
    const group = cell("group");
    const before = log.size;
    if (!/^-?\d+$/.test(id)) bad("id", "a customer id (an integer)");
    else if (seen.has(id)) bad("id", `an id not already on line ${seen.get(id)}`);
    if (cell("probability") === "" || !(probability >= 0 && probability <= 1)) {
      bad("probability", "a probability from 0 to 1");
    }
    if (cell("segment") === "") bad("segment", "an action segment code");
    if (group !== GROUP_TREATMENT && group !== GROUP_CONTROL) {
      bad("group", `«${GROUP_TREATMENT}» or «${GROUP_CONTROL}»`);
    }
    if (log.size > before) continue;
    seen.set(id, line);
    customers.push({
      id: id.replace(/^(-?)0+(?=\d)/, "$1"), // the export's ids have no leading zeros
      probability,
      segment: cell("segment"),
      segmentName: cell("segmentName"),
      treated: group === GROUP_TREATMENT,
    });
  }
  log.throwIfAny();
  if (customers.length === 0) {
    throw new DataError([{ file: path, expected: "at least one customer row after the header" }]);
  }
  if (!customers.some((c) => !c.treated)) {
    throw new DataError([{
      file: path,
      column: OFFERS_COLUMNS.group,
      expected: `some customers in the group «${GROUP_CONTROL}»: without a control group the campaign's effect ` +
        `cannot be measured (every one of the ${customers.length} customers is «${GROUP_TREATMENT}»)`,
    }]);
  }
  return { path, customers };
}

/** The file's name for artifacts and summaries (never an absolute path). */
export const offersName = (offers: OffersFile): string => basename(offers.path);

const quoteAll = (names: readonly string[]) => names.map((n) => `«${n}»`).join(", ");

/** A CSV record and the 1-based line it starts on. */
interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * RFC 4180 records separated by `;`: quoted fields may hold `;`, `""` and line
 * breaks; CRLF or LF line ends. An unclosed quote is a problem of its line.
 */
function csvRecords(text: string, path: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [], field = "", quoted = false, line = 1, start = 1;
  let quoteLine = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') field += '"', i++;
        else quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field === "") quoted = true, quoteLine = line;
    else if (ch === ";") fields.push(field), field = "";
    else if (ch === "\r" && text[i + 1] === "\n") continue;
    else if (ch === "\n") {
      fields.push(field), records.push({ line: start, fields });
      fields = [], field = "", start = ++line;
    } else field += ch;
  }
  if (quoted) {
    throw new DataError([{ file: path, line: quoteLine, expected: 'a closing quote (") for the field opened here' }]);
  }
  if (field !== "" || fields.length > 0) fields.push(field), records.push({ line: start, fields });
  return records;
}
