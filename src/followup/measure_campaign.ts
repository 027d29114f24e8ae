/**
 * The follow-up end to end: read the offers.csv a run wrote and the store's
 * next export (the same four tables, through the data stage's loader), join
 * them by exact id and compare treatment with control per action segment and
 * overall.
 *
 * Customers of the offers whom the loader's cleaning removes (revenue 0 in
 * one of the three months: `inactive_customers`) have no outcome the model's
 * rules accept; they are counted per group and left out, not treated as
 * missing. Customers of the export who are not in the offers (new ones) are
 * counted and ignored.
 *
 * @module
 */
import { basename, join, resolve } from "node:path";
import pl from "nodejs-polars";
import { type Dataset, loadDataset } from "../data/load.ts";
import { DataError } from "../data/errors.ts";
import type { CustomerId } from "../data/customer_id.ts";
import { LABEL_DROPPED, TABLES } from "../data/schema.ts";
import { compareCampaignColumns, type Comparison, type OutcomeColumns } from "./compare_groups.ts";
import { type OffersFile, offersName, readOffersFile } from "./offers_file.ts";

/** Ids listed in the message about ids missing from the export. */
const SHOWN_IDS = 5;

/** What the follow-up measured. */
export interface CampaignResult {
  /** The offers file's name. */
  offers: string;
  /** The export folder's name (never an absolute path). */
  data: string;
  customers: {
    /** Rows of offers.csv. */
    offers: number;
    /** Offers' customers found in the export and compared. */
    compared: number;
    /** Offers' customers the loader removed as inactive, per group. */
    inactive: { treatment: number; control: number };
    /** Customers of the export not in the offers (ignored). */
    notOffered: number;
  };
  overall: Comparison;
  segments: Comparison[];
}

/**
 * Measures a campaign: `offersPath` is the run's offers.csv, `dataDir` the
 * store's export after the campaign. Bad input is one {@linkcode DataError}.
 *
 * @example
 * ```ts
 * const r = await measureCampaign("out/artifacts/offers.csv", "data/next");
 * r.overall.drop.effect; // control's drop rate − treatment's
 * ```
 */
export async function measureCampaign(offersPath: string, dataDir: string): Promise<CampaignResult> {
  const offers = await readOffersFile(offersPath);
  const dataset = await loadLabelled(dataDir);
  const rows = exportRows(dataset);
  const inactive = new Set(dataset.quality.steps.find((s) => s.step === "inactive_customers")?.ids ?? []);
  checkIds(offers, rows.at, inactive, dataDir);
  // The compared customers by column: their offers' entry and their export row.
  const size = offers.ids.length;
  const entry = new Uint32Array(size), row = new Uint32Array(size);
  const matched = new Uint8Array(rows.dropped.length);
  const removed = { treatment: 0, control: 0 };
  let compared = 0;
  for (let i = 0; i < size; i++) {
    const r = rows.at.get(offers.ids[i]!);
    if (r === undefined) {
      removed[offers.treated[i] ? "treatment" : "control"]++;
      continue;
    }
    entry[compared] = i, row[compared++] = r;
    matched[r] = 1;
  }
  const outcomes: OutcomeColumns = {
    size: compared,
    segment: Uint32Array.from(entry.subarray(0, compared), (i) => offers.segment[i]!),
    segments: offers.segments,
    treated: Uint8Array.from(entry.subarray(0, compared), (i) => offers.treated[i]!),
    dropped: Uint8Array.from(row.subarray(0, compared), (r) => rows.dropped[r]!),
    profit: Float64Array.from(row.subarray(0, compared), (r) => rows.profit[r]!),
    probability: Float64Array.from(entry.subarray(0, compared), (i) => offers.probability[i]!),
  };
  return {
    offers: offersName(offers),
    data: basename(resolve(dataDir)),
    customers: {
      offers: size,
      compared,
      inactive: removed,
      // Offered ids may repeat once leading zeros are dropped: count the export's ids none of them matched.
      notOffered: rows.at.size - matched.reduce((a, m) => a + m, 0),
    },
    ...compareCampaignColumns(outcomes),
  };
}

/** The export, with the activity label required: the campaign is measured by it. */
async function loadLabelled(dir: string): Promise<Dataset> {
  const label = TABLES.market_file.columns.find((c) => c.name === "activity")!.header;
  try {
    return await loadDataset(dir);
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    // Say why the label matters here; the loader's other messages stand as they are.
    const labelMissing = (p: DataError["problems"][number]) =>
      p.column === label && p.line === 1 && p.expected.startsWith("a column");
    if (!e.problems.some(labelMissing)) throw e;
    throw new DataError(
      e.problems.map((p) =>
        labelMissing(p)
          ? {
            ...p,
            expected: `the column «${label}» — the activity after the campaign, by which the campaign is measured ` +
              `(the export has no label; ${p.expected.slice(p.expected.indexOf("("))})`,
          }
          : p
      ),
      e.omitted,
    );
  }
}

/** The export's rows: each id's row, and each row's outcome. */
interface ExportRows {
  at: Map<CustomerId, number>;
  /** 1: activity «Снизилась». */
  dropped: Uint8Array;
  profit: Float64Array;
}

/** Each exported customer's outcome, by row, and the row of each id. */
function exportRows(dataset: Dataset): ExportRows {
  const f = dataset.frame;
  const ids = f.getColumn("id").toArray() as CustomerId[];
  const isDropped = f.select(pl.col("activity").eq(pl.lit(LABEL_DROPPED)).alias("d")).getColumn("d");
  const dropped = Uint8Array.from(isDropped.toArray() as (boolean | null)[], (d) => d === true ? 1 : 0);
  const profit = Float64Array.from(f.getColumn("profit").toArray() as number[]);
  const at = new Map<CustomerId, number>();
  ids.forEach((id, i) => at.set(id, i));
  return { at, dropped, profit };
}

/** Every offered customer must be in the export (kept, or removed by cleaning). */
function checkIds(
  offers: OffersFile,
  rows: ReadonlyMap<CustomerId, unknown>,
  inactive: ReadonlySet<CustomerId>,
  dataDir: string,
): void {
  const missing = offers.ids.filter((id) => !rows.has(id) && !inactive.has(id));
  if (missing.length === 0) return;
  const shown = missing.slice(0, SHOWN_IDS).join(", ") + (missing.length > SHOWN_IDS ? ", …" : "");
  throw new DataError([{
    file: join(dataDir, TABLES.market_file.file),
    column: "id",
    expected: `every customer of ${offers.path} in the next export; ${missing.length} of its ` +
      `${offers.ids.length} are missing: ${shown} (is it the export of the same store after the campaign? ` +
      "offers of another run or store share no customers with it)",
  }]);
}
