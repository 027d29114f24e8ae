/**
 * «Кампания»: what the offers cost and may save per action segment, how
 * sensitive that is to the assumed effect, which threshold would pay most
 * under the same assumptions, and how the control groups will measure the
 * campaign — all from campaign_plan.json.
 *
 * @module
 */
import type { CampaignPlanArtifact } from "../../artifacts/campaign_plan.ts";
import { NBSP, ruCount, ruInt, ruNumber, ruPercent, ruScore } from "../../text/ru_format.ts";
import { CUSTOMERS } from "./common.ts";

/** One action segment's economics, formatted. */
export interface EconomicsRow {
  name: string;
  definition: string;
  customers: string;
  offer: string;
  control: string;
  contacts: string;
  cost: string;
  profitAtRisk: string;
  expectedSaved: string;
  net: string;
  roi: string;
  breakEven: string;
  /** Net value at each effect of the sensitivity table. */
  sensitivity: string[];
  /** The main actions, «Звонок менеджера (55)», … */
  actions: string;
  /** The control-group plan in a sentence. */
  controlNote: string;
}

/** The campaign section. */
export interface CampaignSection {
  unit: string;
  horizonMonths: number;
  assumedEffect: string;
  costs: string;
  /** Effects of the sensitivity table («5 %», …). */
  effects: string[];
  rows: EconomicsRow[];
  total: EconomicsRow;
  definitions: string[];
  threshold: { model: string; modelNet: string; best: string; bestNet: string; bestCustomers: string; note: string };
  control: { total: string; detectable: string };
  /** How the store measures the campaign. */
  followUp: string;
}

/**
 * The campaign section.
 *
 * @example
 * ```ts
 * import type { CampaignPlanArtifact } from "../../artifacts/campaign_plan.ts";
 * import { campaignSection } from "./campaign.ts";
 * declare const plan: CampaignPlanArtifact;
 * campaignSection(plan).total.net; // "225,0"
 * ```
 */
export function campaignSection(plan: CampaignPlanArtifact): CampaignSection {
  const unit = plan.moneyUnit.replaceAll(" ", NBSP);
  const amount = (x: number) => ruNumber(x, 1);
  const row = (
    name: string,
    definition: string,
    e: CampaignPlanArtifact["overall"],
    actions: string,
    controlNote: string,
  ): EconomicsRow => ({
    name,
    definition,
    customers: ruInt(e.customers),
    offer: ruInt(e.offer),
    control: ruInt(e.control),
    contacts: ruInt(e.contacts),
    cost: amount(e.cost),
    profitAtRisk: amount(e.profitAtRisk),
    expectedSaved: amount(e.expectedSaved),
    net: amount(e.net),
    roi: e.roi === null ? "—" : ruNumber(e.roi, 1),
    breakEven: e.breakEvenEffect === null ? "—" : ruPercent(e.breakEvenEffect),
    sensitivity: e.sensitivity.map((s) => amount(s.net)),
    actions,
    controlNote,
  });
  const costs = Object.entries(plan.assumptions.costPerContact)
    .map(([channel, cost]) =>
      `${plan.actions.find((a) => a.channel === channel)?.channelName ?? channel} — ${ruNumber(cost, 3)}`
    )
    .join(", ");
  const controls = plan.segments.reduce((n, s) => n + s.control.control, 0);
  return {
    unit,
    horizonMonths: plan.horizonMonths,
    assumedEffect: ruPercent(plan.assumptions.assumedEffect, 0),
    costs,
    effects: plan.overall.sensitivity.map((s) => ruPercent(s.effect, 0)),
    rows: plan.segments.map((s) =>
      row(
        s.name,
        s.definition,
        s.economics,
        s.actions.filter((a) => a.offer > 0).map((a) => `${a.name} (${ruInt(a.offer)})`).join(", ") ||
          "без предложения",
        s.control.note,
      )
    ),
    total: row("Всего", "", plan.overall, "", ""),
    // The curve's definition stands under the threshold paragraph already.
    definitions: Object.entries(plan.definitions).filter(([k]) => k !== "curve").map(([, v]) => v),
    threshold: {
      model: ruScore(plan.modelThreshold.threshold, 2),
      modelNet: amount(plan.modelThreshold.net),
      best: ruScore(plan.bestThreshold.threshold, 2),
      bestNet: amount(plan.bestThreshold.net),
      bestCustomers: ruCount(plan.bestThreshold.customers, CUSTOMERS),
      note: plan.definitions.curve ?? "",
    },
    control: {
      total: ruCount(controls, CUSTOMERS),
      detectable: plan.overallMinimalDetectableEffect === null
        ? "контрольных групп нет — измерить эффект нельзя"
        : `вместе они отличат от случайности снижение доли ушедших не меньше чем на ${
          ruPercent(plan.overallMinimalDetectableEffect, 0)
        }`,
    },
    followUp: "./oneclick campaign --offers out/artifacts/offers.csv --data <следующая выгрузка>",
  };
}
