/**
 * «С кем связаться в первую очередь»: the first offers by profit at risk,
 * from offers.json (offers.csv is the same list for Excel, never read back).
 *
 * @module
 */
import { NBSP, ruCount, ruNumber, ruPercent } from "../../text/ru_format.ts";
import { CUSTOMERS, type ReportArtifacts } from "./common.ts";

/** Offers shown as "contact first". */
export const TOP_OFFERS = 20;

/** One customer to contact. */
export interface ContactRow {
  id: string;
  probability: string;
  profit: string;
  profitAtRisk: string;
  cell: string;
  reasons: string;
  action: string;
}

/** The contacts section. */
export interface ContactsSection {
  /** Months of profit in the «под риском» column. */
  horizonMonths: number;
  /** The unit of the money columns («усл. ед.»), from the run's config. */
  unit: string;
  rows: ContactRow[];
  /** All offers, with their noun. */
  total: string;
}

/**
 * The contacts section: the first {@linkcode TOP_OFFERS} offers.
 *
 * @example
 * ```ts
 * import type { ReportArtifacts } from "./common.ts";
 * declare const artifacts: ReportArtifacts;
 * contactsSection(artifacts).rows[0]?.probability; // "97 %"
 * ```
 */
export function contactsSection(a: Pick<ReportArtifacts, "offers">): ContactsSection {
  return {
    horizonMonths: a.offers.horizonMonths,
    // «усл. ед.» never breaks across lines.
    unit: a.offers.config.moneyUnit.replaceAll(" ", NBSP),
    rows: a.offers.offers.slice(0, TOP_OFFERS).map((o) => ({
      id: o.id,
      probability: ruPercent(o.probability, 0),
      profit: ruNumber(o.profit, 2),
      profitAtRisk: ruNumber(o.profitAtRisk, 2),
      cell: o.cell,
      // An arrow never starts a line on its own.
      reasons: o.reasons.join("; ").replace(/ ([↑↓])/g, "\u00A0$1"),
      action: o.actionName,
    })),
    total: ruCount(a.offers.offers.length, CUSTOMERS),
  };
}
