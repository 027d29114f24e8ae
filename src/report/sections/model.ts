/**
 * «Модель и её качество»: the families compared, the chosen model, what its
 * threshold means and how it did on the hold-out, from metrics.json and
 * offers.json.
 *
 * @module
 */
import { NBSP, ruCount, ruInt, ruInterval, ruPercent, ruScore } from "../../text/ru_format.ts";
import { calibrationParagraph } from "../../text/calibration_words.ts";
import type { OffersDigest } from "../offers_digest.ts";
import { CUSTOMERS, cvScheme, familyName, money, MONTHS, paramText, type ReportArtifacts, ruWords } from "./common.ts";

const FAMILIES = ["семейство", "семейства", "семейств"] as const;
const OUTER_FOLDS = ["внешний фолд", "внешних фолда", "внешних фолдов"] as const;
const REPEATS = ["повтор", "повтора", "повторов"] as const;

/** The ensemble's members and weights in words. */
function ensembleText(params: Record<string, unknown>): string {
  const members = (params.members ?? []) as { family: string }[];
  const weights = (params.weights ?? []) as number[];
  const equal = weights.every((w) => Math.abs(w - weights[0]!) < 1e-9);
  return `среднее вероятностей: ${members.map((m) => familyName(m.family)).join(" + ")}; веса ` +
    (equal ? "равные" : weights.map((w) => ruPercent(w, 0)).join(", ")) +
    " (семейства в пределах одной стандартной ошибки от лучшего)";
}

/**
 * The highest probability among the scored customers and how many have it,
 * when several share it — an isotonic top step (isotonic interpolates between
 * its steps, so a maximum held by one customer need not be a step).
 */
function topStep(top: OffersDigest["topProbability"]): { probability: number; customers: number } | undefined {
  return top !== undefined && top.customers > 1 ? top : undefined;
}

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

/** One row of the nested-CV table: a family's best (or the ensemble) on the outer folds. */
export interface NestedRow {
  name: string;
  /** Mean outer AUC with its interval. */
  auc: string;
  /** «3 из 5» outer folds won by the inner selection. */
  wins: string;
  chosen: boolean;
}

/** The nested CV of the whole selection, as the section prints it. */
export interface NestedSection {
  /** «5 внешних фолдов × 1 повтор» */
  scheme: string;
  /** The selection procedure's outer AUC with its interval: the headline quality. */
  selected: string;
  rows: NestedRow[];
}

/** The model section. */
export interface ModelSection {
  /** «четыре семейства» (the ensemble not counted) */
  familiesCompared: string;
  /** The ensemble's members in words, when there is an ensemble. */
  ensemble: string | null;
  /** Which model and why, with the margin over the runner-up (metrics.json's sentence). */
  choice: string | null;
  nested: NestedSection | null;
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
  /**
   * The calibration in plain words: which method and why, Brier before → after,
   * the money on the calibrated scale, isotonic steps; or why there is none.
   */
  calibration: string;
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
  const horizon = a.offers.horizonMonths;
  const unit = a.offers.config.moneyUnit.replaceAll(" ", NBSP);
  const ens = m.families.find((f) => f.family === "ensemble");
  const n = m.nestedCv ?? null;
  return {
    familiesCompared: ruWords(m.families.filter((f) => f.family !== "ensemble").length, FAMILIES),
    ensemble: ens ? ensembleText(ens.params) : null,
    choice: m.selection?.sentence ?? null,
    nested: n === null ? null : {
      scheme: `${ruCount(n.outerFolds, OUTER_FOLDS)} × ${ruCount(n.repeats, REPEATS)}`,
      selected: `${ruScore(n.selected.mean)} ${ruInterval(n.selected.interval)}`,
      rows: n.families.map((f) => ({
        name: familyName(f.family),
        auc: `${ruScore(f.mean)} ${ruInterval(f.interval)}`,
        wins: `${ruInt(f.wins)} из ${ruInt(n.outerFolds * n.repeats)}`,
        chosen: f.family === best.family,
      })),
    },
    repeatedCv: cvScheme(m.config.cv),
    families: m.families.map((f) => ({
      name: familyName(f.family),
      params: f.family === "ensemble" ? ensembleText(f.params) : paramText(f.params, f.scaler),
      cvAuc: `${ruScore(f.cvAuc)} ± ${ruScore(f.cvAucStd)}`,
      holdoutAuc: ruScore(f.testAuc),
      repeatedAuc: `${ruScore(f.repeatedCv.mean)} ${ruInterval(f.repeatedCv.interval)}`,
      best: f.family === best.family,
    })),
    chosen: familyName(best.family),
    chosenParams: best.family === "ensemble" ? ensembleText(best.params) : paramText(best.params, best.scaler),
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
    calibration: calibrationParagraph(best.calibration, topStep(a.offers.topProbability)),
    flaggedAll: ruCount(a.offers.flagged.customers, CUSTOMERS),
    flaggedProfit: sentenceEnd(`${money(a.offers.flagged.profit * horizon)}${NBSP}${unit}`),
    missedHoldout: ruPercent(c.tp + c.fn === 0 ? 0 : c.fn / (c.tp + c.fn), 0),
  };
}
