/**
 * «Модель и её качество»: the families compared, the chosen model, what its
 * threshold means and how it did on the hold-out, from metrics.json and
 * offers.json.
 *
 * @module
 */
import { NBSP, ruCount, ruInt, ruInterval, ruPercent, ruScore } from "../../text/ru_format.ts";
import { CUSTOMERS, cvScheme, familyName, money, MONTHS, paramText, type ReportArtifacts, ruWords } from "./common.ts";

const FAMILIES = ["семейство", "семейства", "семейств"] as const;

/** `text` closing a sentence: a unit such as «усл. ед.» already ends with its full stop. */
const sentenceEnd = (text: string) => (text.endsWith(".") ? text : `${text}.`);

/** One family's row. */
export interface FamilyRow {
  name: string;
  params: string;
  cvAuc: string;
  holdoutAuc: string;
  /** Repeated-CV AUC with its interval. */
  repeatedAuc: string;
  best: boolean;
}

/** One row of the hold-out confusion matrix. */
export interface ConfusionRow {
  actual: string;
  flagged: string;
  notFlagged: string;
  total: string;
}

/** The model section. */
export interface ModelSection {
  /** «четыре семейства» */
  familiesCompared: string;
  /** The repeated-CV scheme, folds × repeats. */
  repeatedCv: string;
  families: FamilyRow[];
  chosen: string;
  chosenParams: string;
  cvAuc: string;
  holdoutAuc: string;
  threshold: string;
  /** The horizon in words («три месяца»). */
  horizon: string;
  holdout: {
    customers: string;
    dropped: string;
    flagged: string;
    tp: string;
    fp: string;
    fn: string;
    tn: string;
    precision: string;
    recall: string;
    brier: string;
  };
  confusion: ConfusionRow[];
  flaggedAll: string;
  /** The flagged customers' profit over the horizon, with the money.csv unit; it ends its sentence (one full stop). */
  flaggedProfit: string;
  missedHoldout: string;
}

/**
 * The model section.
 *
 * @example
 * ```ts
 * import type { ReportArtifacts } from "./common.ts";
 * declare const artifacts: ReportArtifacts;
 * modelSection(artifacts).families.find((f) => f.best)?.name; // "Логистическая регрессия"
 * ```
 */
export function modelSection(a: Pick<ReportArtifacts, "metrics" | "offers">): ModelSection {
  const m = a.metrics, best = m.best;
  const c = best.holdout.confusion;
  const holdoutCustomers = c.tp + c.fp + c.tn + c.fn;
  const flagged = a.offers.offers.filter((o) => o.flagged);
  const horizon = a.offers.horizonMonths;
  const unit = a.offers.config.moneyUnit.replaceAll(" ", NBSP);
  return {
    familiesCompared: ruWords(m.families.length, FAMILIES),
    repeatedCv: cvScheme(m.config.cv),
    families: m.families.map((f) => ({
      name: familyName(f.family),
      params: paramText(f.params, f.scaler),
      cvAuc: `${ruScore(f.cvAuc)} ± ${ruScore(f.cvAucStd)}`,
      holdoutAuc: ruScore(f.testAuc),
      repeatedAuc: `${ruScore(f.repeatedCv.mean)} ${ruInterval(f.repeatedCv.interval)}`,
      best: f.family === best.family,
    })),
    chosen: familyName(best.family),
    chosenParams: paramText(best.params, best.scaler),
    cvAuc: `${ruScore(best.cvAuc)} ± ${ruScore(best.cvAucStd)}`,
    holdoutAuc: ruScore(best.holdout.auc),
    threshold: ruScore(best.threshold, 3),
    horizon: ruWords(horizon, MONTHS),
    holdout: {
      customers: ruCount(holdoutCustomers, CUSTOMERS),
      dropped: ruInt(c.tp + c.fn),
      flagged: ruInt(c.tp + c.fp),
      tp: ruInt(c.tp),
      fp: ruInt(c.fp),
      fn: ruInt(c.fn),
      tn: ruInt(c.tn),
      precision: ruPercent(best.holdout.precision, 0),
      recall: ruPercent(best.holdout.recall, 0),
      brier: ruScore(best.holdout.brier),
    },
    confusion: [
      { actual: "Активность снизилась", flagged: ruInt(c.tp), notFlagged: ruInt(c.fn), total: ruInt(c.tp + c.fn) },
      { actual: "Прежний уровень", flagged: ruInt(c.fp), notFlagged: ruInt(c.tn), total: ruInt(c.fp + c.tn) },
      {
        actual: "Всего",
        flagged: ruInt(c.tp + c.fp),
        notFlagged: ruInt(c.fn + c.tn),
        total: ruInt(holdoutCustomers),
      },
    ],
    flaggedAll: ruCount(flagged.length, CUSTOMERS),
    flaggedProfit: sentenceEnd(`${money(flagged.reduce((s, o) => s + o.profit, 0) * horizon)}${NBSP}${unit}`),
    missedHoldout: ruPercent(c.tp + c.fn === 0 ? 0 : c.fn / (c.tp + c.fn), 0),
  };
}
