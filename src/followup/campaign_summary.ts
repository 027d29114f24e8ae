/**
 * The campaign's result in a few Russian lines for the terminal: per action
 * segment and overall, the two groups and whether the offer changed the drop
 * rate and the profit. Numbers through `src/text/ru_format.ts`.
 *
 * @module
 */
import { NBSP, ruCount, ruInterval, ruNumber, ruPercent } from "../text/ru_format.ts";
import { type Comparison, CONFIDENCE, type Effect, type GroupFigures } from "./compare_groups.ts";
import { GROUP_CONTROL, GROUP_TREATMENT } from "./offers_file.ts";
import type { CampaignResult } from "./measure_campaign.ts";

const CUSTOMERS = ["покупатель", "покупателя", "покупателей"] as const;
/** The money.csv unit. */
const MONEY_UNIT = `усл.${NBSP}ед.`;
const POINTS = `п.${NBSP}п.`;
/**
 * Difference of the groups' mean predicted drop probability from which the
 * summary warns that the groups are not comparable (5 points: the size of a
 * modest planned effect).
 */
const IMBALANCE = 0.05;

/**
 * The Russian summary of a measured campaign.
 *
 * @example
 * ```ts
 * import { measureCampaign } from "./measure_campaign.ts";
 * console.log(campaignSummary(await measureCampaign("offers.csv", "data/next")));
 * ```
 */
export function campaignSummary(r: CampaignResult): string {
  const level = ruPercent(CONFIDENCE, 0);
  const { inactive } = r.customers;
  return [
    `Кампания: ${r.offers}, выгрузка после кампании «${r.data}»; сравнено ${
      ruCount(r.customers.compared, CUSTOMERS)
    } ` +
    `из ${ruInt(r.customers.offers)}.`,
    ...(inactive.treatment + inactive.control > 0
      ? [
        `Не сравнивались ${ruCount(inactive.treatment + inactive.control, CUSTOMERS)} с нулевой выручкой ` +
        `в одном из месяцев (правило очистки данных): «${GROUP_TREATMENT}» ${ruInt(inactive.treatment)}, ` +
        `«${GROUP_CONTROL}» ${ruInt(inactive.control)}.`,
      ]
      : []),
    `Эффект — доля «Снизилась» в группе «${GROUP_CONTROL}» минус доля в группе «${GROUP_TREATMENT}» ` +
    `(больше нуля — предложение удержало покупателей), ${level}-й интервал Ньюкомба; прибыль — разность средних ` +
    `(«${GROUP_TREATMENT}» минус «${GROUP_CONTROL}»), интервал Уэлча. «Всего» — все сегменты с обеими группами вместе.`,
    "",
    ...r.segments.flatMap(block),
    ...block({ ...r.overall, segmentName: "Всего" }),
  ].join("\n").trimEnd();
}

const ruInt = (n: number) => ruNumber(n, 0);

function block(c: Comparison): string[] {
  return [
    `${c.segmentName}: ${group(GROUP_TREATMENT, c.treatment)}; ${group(GROUP_CONTROL, c.control)}.`,
    `  ${verdict(c)}`,
  ];
}

function group(name: string, g: GroupFigures): string {
  if (g.customers === 0) return `«${name}» — нет покупателей`;
  return `«${name}» ${ruInt(g.customers)}, снизилась у ${ruPercent(g.dropRate)}, прибыль ${
    ruNumber(g.meanProfit, 2)
  }${NBSP}${MONEY_UNIT} в месяц`;
}

function verdict(c: Comparison): string {
  if (c.control.customers === 0) return "Контрольной группы нет: эффект не измерить.";
  if (c.treatment.customers === 0) return "Предложений не было: эффект не измерить.";
  const gap = c.control.meanProbability - c.treatment.meanProbability;
  const warning = Math.abs(gap) < IMBALANCE ? "" : ` Внимание: группы неравноценны — средний прогноз риска ` +
    `«${GROUP_TREATMENT}» ${ruNumber(c.treatment.meanProbability, 2)}, «${GROUP_CONTROL}» ` +
    `${ruNumber(c.control.meanProbability, 2)}; часть разницы — не эффект предложения.`;
  return `Снижение: эффект ${points(c.drop)}. Прибыль: ${money(c.profit)}.${warning}`;
}

function points(e: Effect): string {
  const x = (v: number) => v * 100;
  return `${ruNumber(x(e.effect), 1)}${NBSP}${POINTS} ${ruInterval([x(e.low), x(e.high)], 1)} — ${distinct(e)}`;
}

function money(e: Effect): string {
  if (Number.isNaN(e.effect)) return "разность не оценить (меньше двух покупателей в группе или нет разброса)";
  return `разность ${ruNumber(e.effect, 2)}${NBSP}${MONEY_UNIT} ${ruInterval([e.low, e.high], 2)} — ${distinct(e)}`;
}

const distinct = (e: Effect) =>
  e.distinguishable ? "интервал не содержит 0: эффект есть" : "интервал содержит 0: эффект не доказан";
