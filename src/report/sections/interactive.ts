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
import { NBSP, ruCount, ruInt, ruNumber } from "../../text/ru_format.ts";
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
  /**
   * When the table holds only the first rows: how many, of how many, and where the rest are;
   * null when it holds everyone.
   */
  tableNote: string | null;
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
 * interactiveSection(artifacts).data.id.length; // every customer of offers.json, at most TABLE_CUSTOMERS
 * ```
 */
export function interactiveSection(a: Pick<ReportArtifacts, "offers" | "plan">): InteractiveSection {
  return {
    data: interactiveData(a.offers, a.plan),
    unit: a.offers.moneyUnit.replaceAll(" ", NBSP),
    horizonMonths: a.offers.horizonMonths,
    customers: ruCount(a.offers.customers, CUSTOMERS),
    tableNote: a.offers.top.length < a.offers.customers
      ? `В таблице — первые ${ruInt(a.offers.top.length)} покупателей по прибыли под риском из ` +
        `${ruInt(a.offers.customers)}; полный список — в offers.csv. Поиск, фильтры и сортировка — среди них; ` +
        "расчёт «Что если» ниже — по всем покупателям."
      : null,
    modelThreshold: ruNumber(a.plan.threshold, 3),
    channels: CHANNEL_ORDER.map((id, index) => ({ index, id, name: CHANNELS[id].name })),
  };
}
