/**
 * «Методика»: how the split, the search, the quality estimate, the threshold,
 * SHAP and the segment tests were done — every number from the run's
 * recorded config (folds, repeats, recall of the threshold rule, significance
 * level, effect-size minimums, horizon) or measured in its artifacts.
 *
 * @module
 */
import { NBSP, ruCount, ruInt, ruInterval, ruPercent, ruScore, ruShort } from "../../text/ru_format.ts";
import { calibrationChoice, calibrationParagraph } from "../../text/calibration_words.ts";
import { shapSummary } from "../../text/shap_words.ts";
import { stabilityParagraph } from "../../text/stability_words.ts";
import { CUSTOMERS, cvScheme, familyName, type ReportArtifacts } from "./common.ts";
import { dataName } from "./data.ts";

/** The method appendix. */
export interface MethodSection {
  split: string;
  cv: string;
  search: string;
  threshold: string;
  /** The soft-voting ensemble and how its members were chosen. */
  ensemble: string;
  /** How the winner is chosen and when the margin counts. */
  selection: string;
  /** Nested CV: the headline quality of the whole procedure. */
  nested: string;
  repeated: string;
  /** How the probabilities were calibrated and how the method was chosen. */
  calibration: string;
  /** How much the decision depends on the seed, with a one-line verdict. */
  stability: string;
  /** How the SHAP values were computed, in Russian; null without explanations.json. */
  shapSummary: string | null;
  /** explanations.json's own record of the method (technical, English). */
  shap: string;
  tests: string;
  profit: string;
  source: string;
}

/**
 * The method appendix.
 *
 * @example
 * ```ts
 * import type { ReportArtifacts } from "./common.ts";
 * declare const artifacts: ReportArtifacts;
 * methodSection(artifacts).nested; // "Вложенная кросс-валидация: 5 внешних фолдов × 1 …"
 * ```
 */
export function methodSection(a: ReportArtifacts): MethodSection {
  const { metrics: m, quality: q } = a;
  const { cv } = m.config;
  const { significance: sig, horizonMonths } = a.segments.config;
  const name = dataName(q);
  const searchCounts = new Map<string, number>();
  for (const r of a.search?.candidates ?? []) searchCounts.set(r.family, (searchCounts.get(r.family) ?? 0) + 1);
  return {
    split: `${ruCount(m.data.customers, CUSTOMERS)}: обучающая часть — ${ruInt(m.data.train)}, отложенная ` +
      `(стратифицированная, ${ruPercent(m.data.test / m.data.customers, 0)}) — ${ruInt(m.data.test)}; ` +
      `группы одинаковых записей целиком попадают в одну часть.`,
    cv: `Стратифицированная ${cv.folds}-кратная кросс-валидация на обучающей части; предобработка (кодирование ` +
      "категорий, масштабирование) подбирается внутри каждого фолда; метрика — ROC-AUC.",
    search: `Всего кандидатов — ${ruInt(m.search.candidates)}, обучений моделей — ${ruInt(m.search.fits)}` +
      (searchCounts.size > 0
        ? `: ${[...searchCounts.entries()].map(([f, n]) => `${familyName(f)} — ${ruInt(n)}`).join("; ")}.`
        : "."),
    threshold: `Порог ${ruScore(m.best.threshold, 3)} — наибольшая вероятность, при которой среди покупателей ` +
      `обучающей части со снизившейся активностью модель находит не менее ` +
      `${ruPercent(m.best.thresholdRule.minRecall, 0)} (по предсказаниям вне фолда, без отложенной выборки).`,
    ensemble: "Пятый кандидат — ансамбль мягкого голосования: среднее вероятностей (у метода опорных векторов — " +
      "по Платту) с равными весами лучших моделей тех семейств, чей средний ROC-AUC на фолдах перебора отстаёт " +
      "от лучшего семейства не больше чем на одну стандартную ошибку (но не меньше двух моделей). Правило " +
      "задано заранее, а не подобрано перебором составов на тех же фолдах — такой перебор завышает оценку.",
    selection: "Побеждает кандидат с наибольшим средним ROC-AUC на фолдах перебора; при равенстве — более простой " +
      "(одна модель раньше ансамбля). Перевес над вторым сравнивается с одной стандартной ошибкой среднего " +
      "победителя (стандартное отклонение по фолдам / √число фолдов): меньше неё — кандидаты на этих данных " +
      "равноценны." + (m.selection ? ` ${m.selection.sentence}` : ""),
    nested: m.nestedCv
      ? `Вложенная кросс-валидация: ${m.nestedCv.outerFolds} внешних фолдов × ${m.nestedCv.repeats} ` +
        "(стратифицированные, группы одинаковых записей целиком в одной части); внутри каждой внешней обучающей " +
        `части — весь выбор на ${m.nestedCv.innerFolds}-кратной кросс-валидации (перебор, ансамбль, победитель), ` +
        `оценка — на внешней части. ROC-AUC процедуры выбора ${ruScore(m.nestedCv.selected.mean)} ` +
        `${ruInterval(m.nestedCv.selected.interval)} (95 %, поправка Надо — Бенжио) — это главная оценка качества.`
      : "Вложенная кросс-валидация не выполнялась (nestedCv.repeats = 0).",
    repeated: `Для сравнения кандидатов между собой — повторная кросс-валидация ${cvScheme(cv)} на всех ` +
      "покупателях с уже выбранными параметрами (поэтому она слегка оптимистична); 95-процентный интервал — " +
      "с поправкой Надо — Бенжио на зависимость фолдов.",
    calibration: m.best.calibration
      ? `Перекрёстная калибровка: калибратор обучается на вероятностях вне фолда (от моделей, не видевших ` +
        "покупателя) и применяется к вероятностям итоговой модели, как CalibratedClassifierCV(ensemble=False) " +
        `в scikit-learn; порог выбирается уже по откалиброванным вероятностям. ${calibrationChoice(m.best.calibration)}`
      : calibrationParagraph(m.best.calibration),
    stability: stabilityParagraph(m.stability, a.segments.config.moneyUnit),
    shapSummary: a.explanations
      ? shapSummary({
        family: m.best.family,
        members: ((m.best.params.members ?? []) as { family: string }[]).map((x) => x.family),
        label: familyName,
        customers: a.explanations.customers,
        config: a.explanations.config,
      })
      : null,
    shap: a.explanations?.method ?? "Объяснения не построены (нет explanations.json).",
    tests: "Отличие сегмента от остальных покупателей: для чисел — критерий Манна — Уитни и δ Клиффа, " +
      "для категорий — χ² и V Крамера; p-значения скорректированы методом Бенджамини — Хохберга. " +
      `Отличие считается заметным при p < ${ruShort(sig.alpha, 6)} после поправки и эффекте ` +
      `не меньше малого (|δ| ≥ ${ruShort(sig.minCliffsDelta, 6)}, V ≥ ${ruShort(sig.minCramersV, 6)}).`,
    profit: `Прибыль под риском — сумма по покупателям «вероятность снижения × прибыль в месяц × ${horizonMonths}»; ` +
      `прибыль — в единицах выгрузки money.csv (${a.segments.config.moneyUnit.replaceAll(" ", NBSP)}).`,
    source: `${name.charAt(0).toUpperCase()}${name.slice(1)}. Контрольная сумма — первые ` +
      `${q.source.identity.hash.length} шестнадцатеричных знаков SHA-256 байтов четырёх файлов ` +
      `(${Object.values(q.tables).flatMap((t) => t ? [t.file] : []).join(", ")}); ` +
      "другая сумма — другие данные.",
  };
}
