/**
 * «С кем связаться в первую очередь»: the first offers by profit at risk,
 * from offers.json (offers.csv is the same list for Excel, never read back).
 *
 * @module
 */
import { CONTACT_ROWS } from "../offers_digest.ts";
import { NBSP, ruCount, ruNumber, ruPercent } from "../../text/ru_format.ts";
import { CUSTOMERS, type ReportArtifacts } from "./common.ts";

/** Offers shown as "contact first". */
export const TOP_OFFERS = CONTACT_ROWS;

/** One customer to contact. */
export interface ContactRow {
  id: string;
  probability: string;
  profit: string;
  profitAtRisk: string;
  cell: string;
  /** Action segment. */
  segment: string;
  category: string;
  /** Top reasons with the customer's own values, «Страниц за визит ↑ (3)». */
  reasons: string;
  action: string;
  channel: string;
  /** «предложение» or «контроль». */
  group: string;
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
    rows: a.offers.top.slice(0, TOP_OFFERS).map((o) => ({
      id: o.id,
      probability: ruPercent(o.probability, 0),
      profit: ruNumber(o.profit, 2),
      profitAtRisk: ruNumber(o.profitAtRisk, 2),
      cell: o.cell,
      segment: o.actionSegmentName,
      category: o.category,
      // The customer's own value behind each reason; an arrow never starts a line on its own.
      reasons:
        (o.reasonDetails.length > 0
          ? o.reasonDetails.map((r) =>
            `${r.label}\u00A0${r.direction === "up" ? "↑" : "↓"} (${
              typeof r.value === "number" ? ruNumber(r.value, Number.isInteger(r.value) ? 0 : 2) : r.value
            })`
          )
          : o.reasons.map((r) => r.replace(/ ([↑↓])/g, "\u00A0$1"))).join("; "),
      action: o.actionName,
      channel: o.channelName,
      group: o.groupName,
    })),
    total: ruCount(a.offers.customers, CUSTOMERS),
  };
}
