/**
 * Every Russian text the charts print, in one place: titles, axis labels,
 * legend entries. Feature names come from `src/data/labels.ts`, class names
 * from `src/data/schema.ts`, family names from `src/artifacts/metrics.ts`.
 *
 * @module
 */
import { ruAuto, ruInt, ruNumber, ruPercent, ruShort } from "../../text/ru_format.ts";

// The family names are defined once, with the family ids of metrics.json.
export { FAMILY_LABELS, familyLabel } from "../../artifacts/metrics.ts";

/** Segment kinds of segments.json. */
export const SEGMENT_KIND_LABELS: Record<string, string> = {
  matrix: "Матрица «риск × прибыль»",
  store: "Сегменты магазина",
};

const r2 = (x: number) => ruNumber(x, 2);
const r3 = (x: number) => ruNumber(x, 3);
const q = (s: string) => `«${s}»`;

/** Titles, labels and templated captions. */
export const TEXT = {
  classShare: "Доля покупателей класса, %",
  numericByTarget: {
    title: (label: string) => `${label}: распределение по классам активности`,
    subtitle: (dropped: string, same: string, medians: [number, number], d: number) =>
      `Медиана: ${q(dropped)} ${ruAuto(medians[0])}, ${q(same)} ${ruAuto(medians[1])}; ` +
      `стандартизированная разность средних d = ${r2(d)}. Ниже — квартили (ящик), медиана (черта), ` +
      "среднее (кружок) и размах.",
  },
  numericGrid: {
    title: "Числовые признаки по классам активности",
    subtitle: "Распределение каждого признака внутри класса (доля покупателей класса по интервалам значений)",
  },
  categoricalGrid: {
    title: "Категориальные признаки по классам активности",
  },
  categoricalByTarget: {
    title: (label: string) => `${label}: доли по классам активности`,
    subtitle: "Доля покупателей каждого класса с этим значением признака",
    x: "Доля покупателей класса, %",
  },
  periods: {
    title: "Выручка и время на сайте по месяцам",
    subtitle: "Среднее по классам активности; вертикальные отрезки — 95 % доверительный интервал среднего",
    revenue: "Выручка, среднее",
    minutes: "Минут на сайте, среднее",
  },
  association: {
    title: "Связь признаков между собой и с покупательской активностью",
    subtitle: "Числовые пары — |ρ| Спирмена, категориальные — V Крамера (без поправки на смещение), " +
      "категория и число — корреляционное отношение η; все меры от 0 до 1",
    ramp: "Сила связи",
    low: "0",
    high: "1",
    missing: "—",
  },
  modelComparison: {
    title: "Сравнение моделей: ROC-AUC",
    subtitle: (best: string) =>
      `Лучшая модель каждого семейства после подбора гиперпараметров; ★ — выбранная (${best}). ` +
      "Справа: CV при подборе (среднее ± ст. откл.) · отложенная выборка",
    x: "ROC-AUC",
    repeated: (cv: { folds: number; repeats: number }) => `Повторная CV ${cv.folds}×${cv.repeats}: 95 % интервал`,
    cv: "CV при подборе: среднее ± ст. откл.",
    holdout: "Отложенная выборка",
  },
  roc: {
    title: "ROC-кривая выбранной модели на отложенной выборке",
    subtitle: (family: string, auc: number) => `${family}; ROC-AUC = ${r3(auc)}`,
    x: "Доля ложных срабатываний (FPR)",
    y: "Доля найденных покупателей «Снизилась» (TPR)",
    curve: "ROC-кривая",
    chance: "Случайное угадывание",
    point: (threshold: number) => `Рабочий порог ${r2(threshold)}`,
  },
  pr: {
    title: "Кривая точность — полнота на отложенной выборке",
    subtitle: (precision: number, recall: number, threshold: number, base: number) =>
      `При пороге ${r2(threshold)}: точность ${r3(precision)}, полнота ${r3(recall)}; ` +
      `доля «Снизилась» в выборке ${ruPercent(base)} — точность случайного выбора`,
    x: "Полнота (доля найденных «Снизилась»)",
    y: "Точность (доля «Снизилась» среди отмеченных)",
    curve: "Кривая точность — полнота",
    base: "Доля «Снизилась»",
    point: "Рабочий порог",
  },
  reliability: {
    title: "Калибровка вероятностей на отложенной выборке",
    subtitle: (brier: number) =>
      `Точки — группы покупателей по предсказанной вероятности (площадь ~ числу покупателей); ` +
      `на диагонали предсказание совпадает с долей. Оценка Брайера ${r3(brier)}`,
    x: "Средняя предсказанная вероятность снижения",
    y: "Доля «Снизилась» в группе",
    subtitleCalibrated: (before: number, after: number) =>
      `Точки — группы покупателей по вероятности (площадь ~ их числу); на диагонали вероятность совпадает ` +
      `с долей. Оценка Брайера до калибровки ${r3(before)}, после — ${r3(after)}`,
    model: "Модель",
    before: "До калибровки",
    after: "После калибровки",
    ideal: "Идеальная калибровка",
    counts: "Покупателей в группе (внизу)",
    count: (n: number) => ruInt(n),
    /** A bin's tip; `series` names the curve when there are two. */
    tip: (series: string | null, predicted: number, observed: number, customers: number) =>
      `${series ? `${series}: п` : "П"}редсказано в среднем ${r2(predicted)}, снизилась доля ${r2(observed)}\n` +
      `покупателей: ${ruInt(customers)}`,
  },
  shapImportance: {
    title: "Важность признаков: среднее |SHAP| по покупателям",
    subtitle: (output: string) => `Насколько в среднем признак сдвигает ${output} для одного покупателя`,
    x: (output: string) => `Среднее |φ|, ${output}`,
  },
  shapBeeswarm: {
    title: "Вклад признаков в прогноз по покупателям (SHAP)",
    subtitle: (output: string, sample?: { customers: number; of: number }) =>
      `Точка — покупатель; правее нуля признак повышает ${output}, левее — понижает. Цвет — значение признака` +
      (sample ? `. Покупатели — ${ruInt(sample.customers)} из ${ruInt(sample.of)}, равномерно по уровню риска` : ""),
    x: (output: string) => `φ, вклад в ${output}`,
    ramp: "Значение признака:",
    low: "низкое",
    high: "высокое",
    note: (shown: number, total: number, perFeature: number) =>
      `Показано ${ruInt(shown)} из ${ruInt(total)} точек: для каждого признака не более ${ruInt(perFeature)}, ` +
      "выбранных равномерно по квантилям φ (крайние значения сохранены). Категории окрашены по алфавитному порядку значений.",
  },
  output: {
    probability: "вероятность снижения",
    "log-odds": "логит вероятности снижения",
  } as Record<string, string>,
  segments: {
    title: "Сегменты: прибыль под риском и размер",
    subtitle: (months: number) =>
      `Прибыль под риском — Σ вероятность снижения × прибыль в месяц × ${months} мес.; сегменты магазина пересекаются`,
    risk: (months: number, unit: string) => `Прибыль под риском за ${months} мес., ${unit}`,
    size: "Покупателей",
  },
  riskProfit: {
    title: "Покупатели: вероятность снижения активности и прибыль",
    subtitle: (threshold: number, profitCut: number, quantile: string, unit: string) =>
      `Вертикаль — порог модели ${r2(threshold)}, горизонталь — ${quantile} прибыли ${r2(profitCut)}\u00A0${unit}`,
    x: "Вероятность снижения активности (от 0 до 1)",
    y: (unit: string) => `Прибыль в месяц, ${unit}`,
    quantile: (p: number | undefined) => p === undefined ? "граница" : p === 0.5 ? "медиана" : `квантиль ${ruShort(p)}`,
    above: "Выше порога модели",
    below: "Ниже порога модели",
    sampled: (shown: number, total: number) =>
      `Показано ${ruInt(shown)} из ${ruInt(total)} покупателей (каждый k-й по порядку).`,
  },
};
