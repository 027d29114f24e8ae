/**
 * The calibration of the model's probabilities in plain Russian, for the
 * report's model and method sections and the notebooks: which method and why
 * (by the rule recorded in metrics.json), the Brier score before → after, that
 * the money figures use the calibrated probabilities, and what an isotonic
 * step of 100 % means. One place for these words, so the report and the
 * notebook say the same.
 *
 * @module
 */
import type { MetricsArtifact } from "../artifacts/metrics.ts";
import { ruCount, ruInt, ruPercent, ruScore, ruShort } from "./ru_format.ts";

const CUSTOMERS = ["покупатель", "покупателя", "покупателей"] as const;

/** The calibration figures of metrics.json (`best.calibration`, when present). */
export type CalibrationFigures = NonNullable<MetricsArtifact["best"]["calibration"]>;

/** A Brier change smaller than this reads «почти не изменилась» (it is below the third decimal shown). */
const BRIER_SAME = 0.0005;

/** The method in words (nominative: they follow «способ —» or a colon). */
export const CALIBRATION_METHOD_NAMES: Record<CalibrationFigures["method"], string> = {
  sigmoid: "калибровка Платта (плавная S-образная кривая с двумя параметрами)",
  isotonic: "изотоническая регрессия (монотонная ступенчатая функция)",
};

/** Where the Brier score was measured: the hold-out, or the training customers' out-of-fold probabilities. */
function brierPair(c: CalibrationFigures): { before: number; after: number; where: string } {
  return c.holdout ? { before: c.holdout.brierBefore, after: c.holdout.brierAfter, where: "на отложенной выборке" } : {
    before: c.training.brierBefore,
    after: c.training.brierAfter,
    where: "на обучающих покупателях (предсказания вне фолда)",
  };
}

/**
 * Why this method: the inner-fold Brier scores of both and the
 * one-standard-error rule that prefers Platt.
 *
 * @example
 * ```ts
 * declare const c: CalibrationFigures;
 * calibrationChoice(c); // "Способ выбран на внутренних фолдах: …"
 * ```
 */
export function calibrationChoice(c: CalibrationFigures): string {
  const { sigmoid, isotonic } = c.innerBrier;
  const se = ruScore(c.innerStandardError, 4);
  const scores = `оценка Брайера у Платта ${ruScore(sigmoid, 4)}, у изотонической ${ruScore(isotonic, 4)}`;
  const head = `Способ выбран на ${ruInt(c.folds)} внутренних фолдах обучающей части (${scores})`;
  if (c.rows !== undefined && c.minIsotonicRows !== undefined && c.rows < c.minIsotonicRows) {
    return `Выбран способ Платта: обучающих покупателей ${ruInt(c.rows)} — меньше ${ruInt(c.minIsotonicRows)}, а на ` +
      "меньшем числе ступенчатая изотоническая калибровка подстраивается под случайности выборки (так предупреждает " +
      `и руководство scikit-learn); для сравнения на внутренних фолдах ${scores}.`;
  }
  if (c.method === "isotonic") {
    return `${head}: изотоническая лучше на ${ruScore(sigmoid - isotonic, 4)} — больше одной стандартной ` +
      `ошибки разницы (${se}), поэтому выбрана она.`;
  }
  if (isotonic < sigmoid) {
    return `${head}: изотоническая лучше лишь на ${ruScore(sigmoid - isotonic, 4)} — не больше одной ` +
      `стандартной ошибки разницы (${se}), поэтому выбран более простой способ Платта.`;
  }
  return `${head}: изотоническая не лучше, поэтому выбран более простой способ Платта.`;
}

/**
 * The Brier score before → after, where it was measured, and in which direction it moved.
 *
 * @example
 * ```ts
 * declare const c: CalibrationFigures;
 * calibrationEffect(c); // "На отложенной выборке оценка Брайера … 0,121 → 0,112: вероятности стали точнее."
 * ```
 */
export function calibrationEffect(c: CalibrationFigures): string {
  const { before, after, where } = brierPair(c);
  const verdict = Math.abs(after - before) < BRIER_SAME
    ? "почти не изменилась"
    : after < before
    ? "вероятности стали точнее"
    : "на этой выборке вероятности стали чуть менее точными (калибровка подобрана на обучающих покупателях)";
  return `${where.charAt(0).toUpperCase()}${where.slice(1)} оценка Брайера (средний квадрат ошибки ` +
    `вероятности; меньше — лучше) до калибровки ${ruScore(before)}, после — ${ruScore(after)}: ${verdict}.`;
}

/** That the money figures, the threshold and the hold-out figures are on the calibrated scale. */
export const CALIBRATED_MONEY = "Прибыль под риском, ожидаемый эффект и порог считаются по откалиброванным " +
  `вероятностям: «вероятность ${ruShort(0.3)}» означает, что примерно у трёх из десяти таких покупателей ` +
  "активность снизится.";

/**
 * What isotonic steps mean: close probabilities merged into one, and a top
 * step that can be 100 %; with `top` (the highest calibrated probability and
 * how many customers have it), the actual figures.
 *
 * @example
 * ```ts
 * isotonicNote({ probability: 1, customers: 57 }); // "… Верхняя ступень — 100 % (57 покупателей). …"
 * ```
 */
export function isotonicNote(top?: { probability: number; customers: number }): string {
  const steps = "Изотоническая калибровка объединяет близкие вероятности в ступени: у покупателей одной ступени " +
    "вероятность одинакова, и порядок внутри ступени модель больше не различает.";
  const meaning = `Вероятность ${ruPercent(1, 0)} означает не уверенность в каждом покупателе, а то, что среди ` +
    "обучающих покупателей с такими оценками модели активность снизилась у всех; у новых покупателей доля " +
    "может оказаться чуть ниже.";
  if (top === undefined) return `${steps} Верхняя ступень может быть равна ${ruPercent(1, 0)}. ${meaning}`;
  const level = `Верхняя ступень — ${ruPercent(top.probability, top.probability >= 0.9995 ? 0 : 1)} ` +
    `(${ruCount(top.customers, CUSTOMERS)}).`;
  return top.probability >= 0.9995 ? `${steps} ${level} ${meaning}` : `${steps} ${level}`;
}

/**
 * The calibration paragraph for a manager: which method and why, Brier
 * before → after, the money on the calibrated scale, and (isotonic) the steps.
 *
 * @param c metrics.json `best.calibration`; `null` (switched off) or `undefined` (a file from before calibration)
 * @param top the highest calibrated probability and how many customers have it (offers.json), if known
 * @example
 * ```ts
 * calibrationParagraph(null); // "Вероятности модели не калибровались …"
 * ```
 */
export function calibrationParagraph(
  c: CalibrationFigures | null | undefined,
  top?: { probability: number; customers: number },
): string {
  if (c === undefined) {
    return "Сведений о калибровке вероятностей нет (metrics.json записан до её появления): денежные оценки " +
      "используют вероятности модели как есть.";
  }
  if (c === null) {
    return "Вероятности модели не калибровались (в конфигурации calibration.method = none): денежные оценки " +
      "используют их как есть, а у некоторых моделей (например, метода опорных векторов) они могут быть " +
      "систематически завышены или занижены.";
  }
  const head = `Вероятности модели откалиброваны — переведены в доли, которые сбываются на деле; способ — ` +
    `${CALIBRATION_METHOD_NAMES[c.method]}.`;
  return [head, calibrationChoice(c), calibrationEffect(c), CALIBRATED_MONEY]
    .concat(c.method === "isotonic" ? [isotonicNote(top)] : []).join(" ");
}
