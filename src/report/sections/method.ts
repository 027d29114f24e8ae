/**
 * «Методика»: how the split, the search, the quality estimate, the threshold,
 * SHAP and the segment tests were done — every number from the run's
 * recorded config (folds, repeats, recall of the threshold rule, significance
 * level, effect-size minimums, horizon) or measured in its artifacts.
 *
 * @module
 */
import { NBSP, ruCount, ruInt, ruPercent, ruScore, ruShort } from "../../text/ru_format.ts";
import { CUSTOMERS, cvScheme, familyName, type ReportArtifacts } from "./common.ts";
import { dataName } from "./data.ts";

/** The method appendix. */
export interface MethodSection {
  split: string;
  cv: string;
  search: string;
  threshold: string;
  repeated: string;
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
 * methodSection(artifacts).repeated; // "Качество выбранной модели оценено повторной кросс-валидацией 5×5 …"
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
    repeated: `Качество выбранной модели оценено повторной кросс-валидацией ${cvScheme(cv)} на всех покупателях; ` +
      "95-процентный интервал — с поправкой Надо — Бенжио на зависимость фолдов.",
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
