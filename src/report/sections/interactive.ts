/**
 * The screen-only parts of the report — «Все покупатели» (the customer table)
 * and «Что если» (the threshold and assumptions explorer): their few static
 * texts and the data the page's script reads (`interactive/data.ts`). In print
 * both are hidden; the PDF stays the static report.
 *
 * @module
 */
import { CHANNEL_ORDER, type InteractiveData, interactiveData } from "../interactive/data.ts";
import { CHANNELS } from "../../decisions/channels.ts";
import { NBSP, ruCount, ruNumber } from "../../text/ru_format.ts";
import { CUSTOMERS, type ReportArtifacts } from "./common.ts";

/** The interactive parts' texts and data. */
export interface InteractiveSection {
  /** Embedded as JSON through `scriptJson` only. */
  data: InteractiveData;
  /** The money unit, never broken across lines. */
  unit: string;
  horizonMonths: number;
  /** Every customer, with the noun. */
  customers: string;
  /** The model's threshold, «0,461». */
  modelThreshold: string;
  /** The cost inputs: channel index (the data's order), name, id. */
  channels: { index: number; id: string; name: string }[];
}

/**
 * The interactive parts of the report.
 *
 * @example
 * ```ts
 * import type { ReportArtifacts } from "./common.ts";
 * declare const artifacts: ReportArtifacts;
 * interactiveSection(artifacts).data.id.length; // every customer of offers.json
 * ```
 */
export function interactiveSection(a: Pick<ReportArtifacts, "offers" | "plan">): InteractiveSection {
  return {
    data: interactiveData(a.offers, a.plan),
    unit: a.offers.moneyUnit.replaceAll(" ", NBSP),
    horizonMonths: a.offers.horizonMonths,
    customers: ruCount(a.offers.offers.length, CUSTOMERS),
    modelThreshold: ruNumber(a.plan.threshold, 3),
    channels: CHANNEL_ORDER.map((id, index) => ({ index, id, name: CHANNELS[id].name })),
  };
}
