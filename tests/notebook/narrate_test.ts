/** The notebooks' Markdown narration carries the run's own numbers and picks its wording from them. */
import assert from "node:assert/strict";
import type { MetricsArtifact } from "../../src/artifacts/metrics.ts";
import type { QualitySummary } from "../../src/data/load.ts";
import {
  calibrationMd,
  classBalanceMd,
  dataReadMd,
  droppedMd,
  duplicatesMd,
  fixesMd,
  holdoutMd,
  outliersMd,
  stabilityMd,
  thresholdMd,
  winnerMd,
} from "../../src/notebook/narrate.ts";
import { calibrationFixture, stabilityFixture } from "../artifacts/fixtures.ts";

const NB = "\u00A0";
const format = { separator: ";", decimal: ",", lineEnding: "CRLF", bom: true, encoding: "windows-1251" } as const;
const summary = {
  tables: {
    market_file: { file: "market_file.csv", rows: 40, format, blankLines: 0 },
    market_money: { file: "market_money.csv", rows: 121, format: { ...format, bom: false }, blankLines: 2 },
    market_time: { file: "market_time.csv", rows: 80, format: { ...format, separator: "\t" }, blankLines: 0 },
  },
  fixes: [{ table: "market_file", column: "service_type", from: "стандартт", to: "стандарт", count: 3 }],
  steps: [{ step: "inactive_customers", rule: "", count: 2, ids: ["7", "9"] }],
  outliers: [{ id: "5", period: "текущий_месяц", value: 9999.5, score: 42.25, bounds: [-10, 20], replacedWith: 5 }],
  duplicates: { groups: 2, customers: 5, identicalEverywhere: 1, conflictingTarget: 0, members: [] },
  customers: 38,
  classBalance: { "Снизилась": 19, "Прежний уровень": 19 },
} as unknown as QualitySummary;

Deno.test("what was read: a line per table with its rows and format; absent money.csv is left out", () => {
  const md = dataReadMd(summary);
  assert.ok(md.startsWith("**Прочитано таблиц: 3.**"), md);
  assert.ok(
    md.includes(
      `\`market_file.csv\`: 40${NB}строк; кодировка windows-1251, разделитель «;», десятичный знак «,», концы строк CRLF, BOM`,
    ),
  );
  assert.ok(md.includes(`\`market_money.csv\`: 121${NB}строка;`) && md.includes(`2${NB}пустые строки пропущено`));
  assert.ok(md.includes("разделитель табуляция"));
});

Deno.test("fixes, dropped customers, outliers and duplicates name their counts and ids", () => {
  assert.equal(fixesMd(summary).split("\n")[0], `**Исправлено 3${NB}значения с опечатками в категориях:**`);
  assert.ok(fixesMd(summary).includes("`market_file.service_type`: «стандартт» → «стандарт»"));
  assert.equal(fixesMd({ fixes: [] }), "**Исправлять в категориях ничего не пришлось.**");
  const dropped = droppedMd(summary);
  assert.ok(dropped.startsWith(`**Исключено 2${NB}покупателя (id \`7\`, \`9\`)**`), dropped);
  assert.ok(dropped.endsWith(`Осталось 38${NB}покупателей.`));
  assert.ok(droppedMd({ steps: [], customers: 4 }).startsWith("**Исключённых покупателей нет**"));
  const out = outliersMd(summary);
  assert.ok(out.includes("покупатель `5`, текущий\\_месяц: 9999,5 при допустимых [−10; 20]"), out);
  assert.ok(out.includes("z-оценка 42,3") && out.includes("медианой месяца 5,0"));
  assert.ok(duplicatesMd(summary).startsWith(`**2${NB}группы одинаковых записей** (5${NB}покупателей)`));
  assert.equal(
    duplicatesMd({ duplicates: { ...summary.duplicates, groups: 0 } }),
    "**Одинаковых записей с разными id нет.**",
  );
});

Deno.test("class balance: counts with shares; the note depends on the imbalance", () => {
  const md = classBalanceMd(summary);
  assert.ok(md.includes(`«Снизилась» — 19${NB}покупателей (50,0${NB}%)`), md);
  assert.ok(md.includes("Дисбаланс умеренный"));
  assert.ok(
    classBalanceMd({ customers: 10, classBalance: { "Снизилась": 1, "Прежний уровень": 9 } }).includes("сильно"),
  );
});

const family = (name: "knn" | "tree" | "logistic" | "svc", cvAuc: number) => ({
  family: name,
  params: { C: 1 },
  scaler: "standard" as const,
  cvAuc,
  cvAucStd: 0.02,
  testAuc: 0.9,
  fits: 10,
  seconds: 1,
  repeatedCv: { mean: cvAuc, std: 0.01, interval: [cvAuc - 0.03, cvAuc + 0.03] as [number, number] },
});
const metrics = {
  data: { customers: 38, train: 28, test: 10, positives: 19 },
  search: { candidates: 21, fits: 105, seconds: 3 },
  families: [family("knn", 0.85), family("svc", 0.91), family("tree", 0.8)],
  best: {
    ...family("svc", 0.91),
    cvAucInterval: [0.88, 0.94],
    threshold: 0.3456,
    thresholdRule: { rule: "min_recall", minRecall: 0.8 },
    holdout: {
      auc: 0.9,
      confusion: { tp: 4, fp: 2, tn: 3, fn: 1 },
      precision: 4 / 6,
      recall: 0.8,
      f1: 0.727,
      brier: 0.1,
      roc: [],
      pr: [],
      reliability: [],
    },
  },
} as unknown as MetricsArtifact;

Deno.test("model: the winner with its margin over the runner-up, CV vs hold-out, the threshold and its rule", () => {
  const won = winnerMd(metrics);
  assert.ok(won.startsWith("**Победило семейство «Метод опорных векторов»** (C = 1, масштабирование standard)"), won);
  assert.ok(won.includes("поиска 0,910 ± 0,020") && won.includes("«k ближайших соседей» с 0,850, разница 0,060"));
  assert.ok(won.includes(`21${NB}кандидат (105${NB}обучений)`));
  const held = holdoutMd(metrics);
  assert.ok(
    held.includes("интервал [0,880; 0,940]") &&
      held.includes(`отложенной выборке (10${NB}покупателей) — 0,900, внутри`),
  );
  const off = holdoutMd({ ...metrics, best: { ...metrics.best, holdout: { ...metrics.best.holdout, auc: 0.7 } } });
  assert.ok(off.includes("не вполне") && off.includes("вне интервала"));
  const thr = thresholdMd(metrics);
  assert.ok(thr.startsWith("**Порог 0,346**") && thr.includes(`не менее 80${NB}% обучающих`), thr);
  assert.ok(
    thr.includes(`полнота 80,0${NB}%, точность 66,7${NB}%`) && thr.includes("найдено 4 из 5 уходящих, ложных тревог 2"),
  );
});

Deno.test("model: an ensemble winner names its members; nested CV, when present, is the estimate beside the hold-out", () => {
  const members = [{ family: "knn", params: {}, scaler: "standard" }, {
    family: "svc",
    params: {},
    scaler: "standard",
  }];
  const ensemble = { ...family("svc", 0.92), family: "ensemble" as const, params: { members, weights: [0.5, 0.5] } };
  const m = {
    ...metrics,
    families: [...metrics.families, ensemble],
    best: { ...metrics.best, ...ensemble },
    selection: { sentence: "Выбрана модель «Ансамбль (мягкое голосование)»: …" },
    nestedCv: {
      outerFolds: 5,
      repeats: 2,
      selected: { mean: 0.912, std: 0.02, interval: [0.88, 0.94], scores: [] },
    },
  } as unknown as MetricsArtifact;
  const won = winnerMd(m);
  assert.ok(won.startsWith("**Победил ансамбль** (среднее вероятностей: «k ближайших соседей» + «Метод"), won);
  assert.ok(won.endsWith(" Выбрана модель «Ансамбль (мягкое голосование)»: …"), won);
  const held = holdoutMd(m);
  assert.ok(held.startsWith("**Вложенная кросс-валидация и отложенная выборка согласуются.**"), held);
  assert.ok(held.includes("на 10 внешних разбиениях: ROC-AUC 0,912, 95-процентный интервал [0,880; 0,940]"), held);
  const off = holdoutMd({ ...m, best: { ...m.best, holdout: { ...m.best.holdout, auc: 0.87 } } });
  assert.ok(off.includes("не вполне") && off.includes("вне интервала"), off);
});

Deno.test("calibration: the method and why, Brier before → after, the money on the calibrated scale; none", () => {
  const md = calibrationMd({ best: { calibration: calibrationFixture() } } as unknown as MetricsArtifact);
  assert.ok(
    md.startsWith("**Вероятности откалиброваны: изотоническая регрессия (монотонная ступенчатая функция).**"),
    md,
  );
  assert.ok(md.includes("изотоническая лучше на 0,0036 — больше одной стандартной ошибки разницы (0,0022)"), md);
  assert.ok(md.includes("до калибровки 0,121, после — 0,106: вероятности стали точнее."), md);
  assert.ok(md.includes("считаются по откалиброванным вероятностям") && md.includes("Верхняя ступень может быть"));
  const platt = calibrationMd(
    { best: { calibration: calibrationFixture({ method: "sigmoid" }) } } as unknown as MetricsArtifact,
  );
  assert.ok(platt.startsWith("**Вероятности откалиброваны: калибровка Платта") && !platt.includes("ступен"), platt);
  const none = calibrationMd({ best: { calibration: null } } as unknown as MetricsArtifact);
  assert.ok(none.startsWith("**Калибровки нет.** Вероятности модели не калибровались"), none);
});

Deno.test("stability: the verdict first, the paragraph, then a row per seed; not measured", () => {
  const config = { moneyUnit: "усл. ед." };
  const md = stabilityMd({ stability: stabilityFixture(), config } as unknown as MetricsArtifact);
  assert.ok(md.startsWith("**Решение зависит от зерна.** Весь расчёт"), md);
  const lines = md.split("\n");
  assert.equal(lines.filter((l) => l.startsWith("| ")).length, 4, "header and three seeds");
  assert.ok(
    lines.includes(
      `| 42 (основное) | Метод опорных векторов | 0,462 | 0,964 | 18 | 100,0 | −5,5 | 100,0${NB}% | 100,0${NB}% |`,
    ),
    md,
  );
  assert.ok(
    lines.includes(
      `| 1 | Логистическая регрессия | 0,397 | 0,882 | 16 | 190,0 | 3,5 | 80,0${NB}% | 80,0${NB}% |`,
    ),
    md,
  );
  const stable = {
    ...stabilityFixture(),
    actionSameUnderAll: 0.95,
    profitAtRisk: { min: 100, max: 105 },
  };
  assert.ok(
    stabilityMd({ stability: stable, config } as unknown as MetricsArtifact).startsWith(
      "**Решение устойчиво к зерну.**",
    ),
  );
  const none = stabilityMd({ config } as unknown as MetricsArtifact);
  assert.ok(none.startsWith("**Устойчивость к зерну не измерялась.** Устойчивость к зерну случайности"), none);
});
