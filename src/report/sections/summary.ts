/**
 * «Главное»: for management, in plain Russian — what happened, how sure we
 * are, what to do first (three actions for three different action segments,
 * each with its cost, expected effect and how it will be measured) and what
 * it is worth. No statistics here: they live in the tables and the methods.
 *
 * @module
 */
import type { CampaignPlanArtifact } from "../../artifacts/campaign_plan.ts";
import { LABEL_DROPPED } from "../../data/schema.ts";
import { NBSP, type PluralForms, ruCount, ruInt, ruNumber, ruPercent, ruPlural } from "../../text/ru_format.ts";
import { CUSTOMERS, familyName, MONTHS, type ReportArtifacts } from "./common.ts";
import { driverDirections } from "./drivers.ts";

/** «в 91 случае», «в 89 случаях»: the prepositional case after «в». */
const CASES: PluralForms = ["случае", "случаях", "случаях"];
const cases = (auc: number) => {
  const n = Math.round(auc * 100);
  return `${ruInt(n)} ${ruPlural(n, CASES)}`;
};

/** Actions in the executive summary. */
export const TOP_ACTIONS = 3;

/** One of the first actions: an action segment and what it gets. */
export interface SummaryAction {
  n: number;
  segment: string;
  /** Who they are, in words. */
  who: string;
  /** The segment's main action and how many get it. */
  action: string;
  customers: string;
  cost: string;
  expectedSaved: string;
  net: string;
  /** How the effect will be measured. */
  measured: string;
}

/** The executive summary. */
export interface SummarySection {
  unit: string;
  customers: string;
  dropped: string;
  droppedShare: string;
  model: string;
  /**
   * Of 100 pairs (dropped, not dropped), how many the model orders right («91 случае»): AUC in words —
   * the nested-CV estimate of the whole selection when the run has it, else the repeated CV's.
   */
  pairsRight: string;
  /** The same estimate's 95 % interval as pairs of 100 («от 89 до 93»). */
  pairsRange: string;
  /** How that estimate was checked, in words a manager follows. */
  checkedHow: string;
  /** The same on the hold-out («89 случаях»). */
  pairsRightHoldout: string;
  horizon: string;
  profitAtRisk: string;
  profitAtRiskDropped: string;
  assumedEffect: string;
  expectedSaved: string;
  cost: string;
  net: string;
  breakEven: string;
  control: string;
  actions: SummaryAction[];
  /** The strongest drivers in one sentence, or "" without explanations. */
  drivers: string;
}

/**
 * The first actions: the action segments with the largest expected net
 * value, each once (so three different segments), that have an offer.
 *
 * @example
 * ```ts
 * import type { CampaignPlanArtifact } from "../../artifacts/campaign_plan.ts";
 * import { topActions } from "./summary.ts";
 * declare const plan: CampaignPlanArtifact;
 * topActions(plan).map((s) => s.id); // e.g. ["win_back_valuable", "win_back", "prevent_valuable"]
 * ```
 */
export function topActions(plan: CampaignPlanArtifact, n = TOP_ACTIONS): CampaignPlanArtifact["segments"] {
  return plan.segments
    .filter((s) => s.actions.some((a) => a.offer > 0) && s.economics.expectedSaved > 0)
    .sort((a, b) => b.economics.net - a.economics.net)
    .slice(0, n);
}

/**
 * The executive summary.
 *
 * @example
 * ```ts
 * import type { ReportArtifacts } from "./common.ts";
 * import { summarySection } from "./summary.ts";
 * declare const artifacts: ReportArtifacts;
 * summarySection(artifacts).actions.length; // 3
 * ```
 */
export function summarySection(a: ReportArtifacts): SummarySection {
  const { quality: q, metrics: m, plan } = a;
  const best = m.best;
  const unit = plan.moneyUnit.replaceAll(" ", NBSP);
  const amount = (x: number) => `${ruNumber(x, 1)}${NBSP}${unit}`;
  const horizon = plan.horizonMonths;
  const dropped = q.classBalance[LABEL_DROPPED] ?? m.data.positives;
  const winBack = plan.segments.filter((s) => s.id.startsWith("win_back"));
  const o = plan.overall;
  const controls = plan.segments.reduce((k, s) => k + s.control.control, 0);
  // The headline quality: nested CV of the whole selection, the honest one; the repeated CV in older files.
  const headline = m.nestedCv?.selected ?? best.repeatedCv;
  const directions = a.explanations ? driverDirections(a.explanations.beeswarm) : new Map<string, string>();
  return {
    unit,
    customers: ruInt(q.customers),
    dropped: ruInt(dropped),
    droppedShare: ruPercent(dropped / q.customers),
    model: familyName(best.family),
    pairsRight: cases(headline.mean),
    // The Nadeau–Bengio interval can pass 1 on small data; out of 100 pairs no more than 100 are right.
    pairsRange: `от ${ruInt(Math.max(0, headline.interval[0]) * 100)} до ${
      ruInt(Math.min(1, headline.interval[1]) * 100)
    }`,
    checkedHow: m.nestedCv
      ? "когда весь выбор модели повторялся заново без части покупателей и проверялся на них"
      : "при проверке на данных, которых модель не видела при обучении",
    pairsRightHoldout: cases(best.holdout.auc),
    horizon: `${horizon}${NBSP}${ruPlural(horizon, MONTHS)}`,
    profitAtRisk: amount(o.profitAtRisk),
    profitAtRiskDropped: amount(winBack.reduce((s, x) => s + x.economics.profitAtRisk, 0)),
    assumedEffect: ruPercent(plan.assumptions.assumedEffect, 0),
    expectedSaved: amount(o.expectedSaved),
    cost: amount(o.cost),
    net: amount(o.net),
    breakEven: o.breakEvenEffect === null ? "—" : ruPercent(o.breakEvenEffect),
    control: ruCount(controls, CUSTOMERS),
    actions: topActions(plan).map((s, k) => {
      const main = [...s.actions].sort((x, y) => y.offer - x.offer)[0];
      const c = s.control;
      return {
        n: k + 1,
        segment: s.name,
        who: s.definition,
        action: main ? `${main.name} (${ruInt(main.offer)} из ${ruInt(s.economics.offer)})` : "без предложения",
        customers: ruCount(s.economics.offer, CUSTOMERS),
        cost: amount(s.economics.cost),
        expectedSaved: amount(s.economics.expectedSaved),
        net: amount(s.economics.net),
        measured: c.control === 0
          ? "контрольной группы нет: сегмент слишком мал, его вклад виден только в общем итоге"
          : c.measurable
          ? `контрольная группа — ${ruCount(c.control, CUSTOMERS)}; её хватит, чтобы увидеть эффект этого сегмента`
          : `контрольная группа — ${ruCount(c.control, CUSTOMERS)}; отдельно по сегменту видно только большое ` +
            `снижение${c.minimalDetectableEffect === null ? "" : ` (от ${ruPercent(c.minimalDetectableEffect, 0)})`}` +
            `, вместе с другими сегментами — общий итог`,
      };
    }),
    drivers: (a.explanations?.importance ?? []).slice(0, 3).map((g) => {
      const how = directions.get(g.feature);
      return `${g.label.toLowerCase()}${how ? ` (${how})` : ""}`;
    }).join("; "),
  };
}
