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
import { type Dataset, loadDataset } from "../data/load.ts";
import { DataError } from "../data/errors.ts";
import type { CustomerId } from "../data/customer_id.ts";
import { LABEL_DROPPED, TABLES } from "../data/schema.ts";
import { compareCampaign, type Comparison, type Outcome } from "./compare_groups.ts";
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
  checkIds(offers, rows, inactive, dataDir);
  const outcomes: Outcome[] = [];
  const removed = { treatment: 0, control: 0 };
  for (const c of offers.customers) {
    const row = rows.get(c.id);
    if (!row) {
      removed[c.treated ? "treatment" : "control"]++;
      continue;
    }
    outcomes.push({ ...c, dropped: row.dropped, profit: row.profit });
  }
  const offered = new Set(offers.customers.map((c) => c.id));
  return {
    offers: offersName(offers),
    data: basename(resolve(dataDir)),
    customers: {
      offers: offers.customers.length,
      compared: outcomes.length,
      inactive: removed,
      notOffered: [...rows.keys()].filter((id) => !offered.has(id)).length,
    },
    ...compareCampaign(outcomes),
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

/** Each exported customer's outcome by id. */
function exportRows(dataset: Dataset): Map<CustomerId, { dropped: boolean; profit: number }> {
  const f = dataset.frame;
  const ids = f.getColumn("id").toArray() as CustomerId[];
  const activity = f.getColumn("activity").toArray() as string[];
  const profit = f.getColumn("profit").toArray() as number[];
  return new Map(ids.map((id, i) => [id, { dropped: activity[i] === LABEL_DROPPED, profit: profit[i]! }]));
}

/** Every offered customer must be in the export (kept, or removed by cleaning). */
function checkIds(
  offers: OffersFile,
  rows: ReadonlyMap<CustomerId, unknown>,
  inactive: ReadonlySet<CustomerId>,
  dataDir: string,
): void {
  const missing = offers.customers.filter((c) => !rows.has(c.id) && !inactive.has(c.id)).map((c) => c.id);
  if (missing.length === 0) return;
  const shown = missing.slice(0, SHOWN_IDS).join(", ") + (missing.length > SHOWN_IDS ? ", …" : "");
  throw new DataError([{
    file: join(dataDir, TABLES.market_file.file),
    column: "id",
    expected: `every customer of ${offers.path} in the next export; ${missing.length} of its ` +
      `${offers.customers.length} are missing: ${shown} (is it the export of the same store after the campaign? ` +
      "offers of another run or store share no customers with it)",
  }]);
}
