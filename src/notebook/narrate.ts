/**
 * The notebooks' narration: Markdown paragraphs built from a run's artifacts,
 * so every number a reader sees in a notebook's prose is the run's own.
 *
 * Each function takes an artifact (the data-quality summary, metrics.json)
 * and returns a Markdown string; a notebook cell shows it with
 * `Deno.jupyter.md`. Pure, so tests check the wording against known inputs.
 *
 * @module
 */
import type { MetricsArtifact } from "../artifacts/metrics.ts";
import { familyLabel } from "../artifacts/metrics.ts";
import type { QualitySummary } from "../data/load.ts";
import { LABEL_DROPPED } from "../data/schema.ts";
import { STEP_LABELS } from "../data/labels.ts";
import {
  CALIBRATED_MONEY,
  CALIBRATION_METHOD_NAMES,
  calibrationChoice,
  calibrationEffect,
  calibrationParagraph,
  isotonicNote,
} from "../text/calibration_words.ts";
import { ruCount, ruInt, ruInterval, ruNumber, ruPercent, ruScore, ruShort } from "../text/ru_format.ts";
import { isStable, stabilityParagraph } from "../text/stability_words.ts";

const ROWS = ["строка", "строки", "строк"] as const;
const CUSTOMERS = ["покупатель", "покупателя", "покупателей"] as const;
const VALUES = ["значение", "значения", "значений"] as const;
const GROUPS = ["группа", "группы", "групп"] as const;

/** Markdown-safe text: backslash-escapes the characters Markdown acts on. */
function mdText(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
}

/**
 * What was read: rows per table and each file's format (encoding, separator, decimal mark, line ends).
 *
 * @example
 * ```ts
 * // "**Прочитано 4 таблицы.** …\n- `market_file.csv`: 1300 строк, utf-8, …"
 * ```
 */
export function dataReadMd(summary: Pick<QualitySummary, "tables">): string {
  const tables = Object.values(summary.tables).filter((t) => t !== undefined);
  const lines = tables.map((t) => {
    const f = t.format;
    const sep = f.separator === "\t" ? "табуляция" : `«${f.separator}»`;
    const extras = [
      f.bom ? "BOM" : "",
      t.blankLines ? `${ruCount(t.blankLines, ["пустая строка", "пустые строки", "пустых строк"])} пропущено` : "",
    ]
      .filter(Boolean);
    return `- \`${t.file}\`: ${ruCount(t.rows, ROWS)}; кодировка ${f.encoding}, разделитель ${sep}, ` +
      `десятичный знак «${f.decimal}», концы строк ${f.lineEnding}${extras.length ? `, ${extras.join(", ")}` : ""}`;
  });
  return `**Прочитано таблиц: ${tables.length}.**\n\n${lines.join("\n")}`;
}

/** What the loader corrected in the categories (or that nothing needed it). */
export function fixesMd(summary: Pick<QualitySummary, "fixes">): string {
  if (summary.fixes.length === 0) return "**Исправлять в категориях ничего не пришлось.**";
  const total = summary.fixes.reduce((s, f) => s + f.count, 0);
  const lines = summary.fixes.map((f) =>
    `- \`${f.table}.${f.column}\`: «${mdText(f.from)}» → «${mdText(f.to)}» (${ruCount(f.count, VALUES)})`
  );
  return `**Исправлено ${ruCount(total, VALUES)} с опечатками в категориях:**\n\n${lines.join("\n")}`;
}

/** Who was dropped and why (the inactive customers step). */
export function droppedMd(summary: Pick<QualitySummary, "steps" | "customers">): string {
  const step = summary.steps.find((s) => s.step === "inactive_customers");
  if (!step || step.count === 0) {
    return `**Исключённых покупателей нет**: у всех есть выручка во всех трёх месяцах; осталось ${
      ruCount(summary.customers, CUSTOMERS)
    }.`;
  }
  const ids = step.ids.length ? ` (id ${step.ids.map((id) => `\`${id}\``).join(", ")})` : "";
  return `**Исключено ${ruCount(step.count, CUSTOMERS)}${ids}**: ${
    STEP_LABELS.inactive_customers!.replace(/^Исключены п/, "п")
  } — у них нет трёх месяцев активности, по которым строятся признаки. Осталось ${
    ruCount(summary.customers, CUSTOMERS)
  }.`;
}

/** The revenue outliers replaced, with their robust z-score and the replacement. */
export function outliersMd(summary: Pick<QualitySummary, "outliers">): string {
  if (summary.outliers.length === 0) return "**Выбросов выручки не найдено.**";
  const lines = summary.outliers.map((o) =>
    `- покупатель \`${o.id}\`, ${mdText(o.period)}: ${ruNumber(o.value, 1)} при допустимых ${
      ruInterval(o.bounds, 0)
    } (робастная z-оценка ${ruShort(o.score, 1)}) → заменено медианой месяца ${ruNumber(o.replacedWith, 1)}`
  );
  return `**Выбросы выручки заменены (${summary.outliers.length}):**\n\n${lines.join("\n")}`;
}

/** The groups of records identical except for the id, and how they are handled. */
export function duplicatesMd(summary: Pick<QualitySummary, "duplicates">): string {
  const d = summary.duplicates;
  if (d.groups === 0) return "**Одинаковых записей с разными id нет.**";
  return `**${ruCount(d.groups, GROUPS)} одинаковых записей** (${ruCount(d.customers, CUSTOMERS)}) совпадают ` +
    `во всём, кроме id; во всех четырёх таблицах одинаковы ${d.identicalEverywhere}, с разной целевой меткой — ` +
    `${d.conflictingTarget}. Записи оставлены, а при разбиении на обучение и проверку каждая группа попадает ` +
    `целиком в одну часть, чтобы модель не видела двойника проверяемого покупателя.`;
}

/** The class balance of the final frame. */
export function classBalanceMd(summary: Pick<QualitySummary, "classBalance" | "customers">): string {
  const entries = Object.entries(summary.classBalance);
  const parts = entries.map(([label, n]) =>
    `«${mdText(label)}» — ${ruCount(n, CUSTOMERS)} (${ruPercent(summary.customers ? n / summary.customers : NaN)})`
  );
  const dropped = summary.classBalance[LABEL_DROPPED] ?? 0;
  const share = summary.customers ? dropped / summary.customers : NaN;
  const note = share < 0.2 || share > 0.8
    ? "Классы сильно несбалансированы: качество сравнивается по ROC-AUC, разбиения стратифицированы."
    : "Дисбаланс умеренный: разбиения стратифицированы, качество сравнивается по ROC-AUC.";
  return `**Итог: ${ruCount(summary.customers, CUSTOMERS)}.** Баланс классов: ${parts.join(", ")}. ${note}`;
}

/** Which family won, by what margin, with its search CV and its repeated-CV interval. */
export function winnerMd(metrics: Pick<MetricsArtifact, "families" | "best" | "search" | "selection">): string {
  const best = metrics.best;
  const others = metrics.families.filter((f) => f.family !== best.family).sort((a, b) => b.cvAuc - a.cvAuc);
  const second = others[0];
  const margin = second
    ? ` Следующее — «${familyLabel(second.family)}» с ${ruScore(second.cvAuc)}, разница ${
      ruScore(best.cvAuc - second.cvAuc)
    }.`
    : "";
  const members = best.family === "ensemble" ? (best.params.members ?? []) as { family: string }[] : null;
  const params = Object.entries(best.params).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(", ");
  const what = members
    ? `**Победил ансамбль** (среднее вероятностей: ${members.map((m) => `«${familyLabel(m.family)}»`).join(" + ")})`
    : `**Победило семейство «${familyLabel(best.family)}»** (${mdText(params || "параметры по умолчанию")}, ` +
      `масштабирование ${best.scaler})`;
  return `${what}: ROC-AUC на кросс-валидации поиска ${ruScore(best.cvAuc)} ± ` +
    `${ruScore(best.cvAucStd)}.${margin} Поиск перебрал ${
      ruCount(metrics.search.candidates, ["кандидат", "кандидата", "кандидатов"])
    } ` +
    `(${ruCount(metrics.search.fits, ["обучение", "обучения", "обучений"])}).` +
    (metrics.selection ? ` ${mdText(metrics.selection.sentence)}` : "");
}

/**
 * CV vs hold-out: the nested-CV estimate of the whole selection (else the
 * repeated-CV mean) with its interval next to the hold-out AUC.
 */
export function holdoutMd(metrics: Pick<MetricsArtifact, "best" | "data" | "nestedCv">): string {
  const b = metrics.best;
  const n = metrics.nestedCv;
  if (n) {
    const within = b.holdout.auc >= n.selected.interval[0] && b.holdout.auc <= n.selected.interval[1];
    return `**Вложенная кросс-валидация и отложенная выборка согласуются${within ? "" : " не вполне"}.** ` +
      `Весь выбор, повторённый на ${n.outerFolds * n.repeats} внешних разбиениях: ROC-AUC ` +
      `${ruScore(n.selected.mean)}, 95-процентный интервал ${ruInterval(n.selected.interval)}; на отложенной ` +
      `выборке (${ruCount(metrics.data.test, CUSTOMERS)}) — ${ruScore(b.holdout.auc)}, ` +
      (within
        ? "внутри интервала."
        : "вне интервала: оценку на одной отложенной выборке стоит читать с осторожностью.");
  }
  const [low, high] = b.repeatedCv.interval;
  const inside = b.holdout.auc >= low && b.holdout.auc <= high;
  return `**Кросс-валидация и отложенная выборка согласуются${inside ? "" : " не вполне"}.** Повторная ` +
    `кросс-валидация: ROC-AUC ${ruScore(b.repeatedCv.mean)}, 95-процентный интервал ${
      ruInterval(b.repeatedCv.interval)
    }; ` +
    `на отложенной выборке (${ruCount(metrics.data.test, CUSTOMERS)}) — ${ruScore(b.holdout.auc)}, ` +
    (inside ? "внутри интервала." : "вне интервала: оценку на одной отложенной выборке стоит читать с осторожностью.");
}

/** The threshold and why: the recall rule from the config, and what it gives on the hold-out. */
export function thresholdMd(metrics: Pick<MetricsArtifact, "best">): string {
  const b = metrics.best;
  const c = b.holdout.confusion;
  return `**Порог ${ruScore(b.threshold)}**: по правилу конфигурации это наибольшая вероятность, при которой ` +
    `отмечены не менее ${ruPercent(b.thresholdRule.minRecall, 0)} обучающих покупателей со снизившейся ` +
    `активностью (по предсказаниям вне фолда) — пропустить уходящего дороже, чем предложить лишнее. На отложенной ` +
    `выборке: полнота ${ruPercent(b.holdout.recall)}, точность ${ruPercent(b.holdout.precision)}, ` +
    `F1 ${ruScore(b.holdout.f1)}; найдено ${c.tp} из ${c.tp + c.fn} уходящих, ложных тревог ${c.fp}.`;
}

/**
 * The calibration of the winner's probabilities: which method and why (the
 * inner-fold Brier scores and the one-standard-error rule), the Brier score
 * before → after, that the money figures use the calibrated probabilities,
 * and for isotonic what its steps (and a 100 % top step) mean; or why there
 * is no calibration.
 *
 * @example
 * ```ts
 * import type { MetricsArtifact } from "../artifacts/metrics.ts";
 * declare const metrics: MetricsArtifact;
 * calibrationMd(metrics); // "**Вероятности откалиброваны: изотоническая регрессия …** Способ выбран на 5 внутренних фолдах …"
 * ```
 */
export function calibrationMd(metrics: Pick<MetricsArtifact, "best">): string {
  const c = metrics.best.calibration;
  if (!c) return `**Калибровки нет.** ${mdText(calibrationParagraph(c))}`;
  const parts = [calibrationChoice(c), calibrationEffect(c), CALIBRATED_MONEY]
    .concat(c.method === "isotonic" ? [isotonicNote()] : []);
  return `**Вероятности откалиброваны: ${mdText(CALIBRATION_METHOD_NAMES[c.method])}.** ${mdText(parts.join(" "))}`;
}

/**
 * How much the decision depends on the seed: the paragraph of the report's
 * method section, then one table row per seed (winner, threshold, hold-out
 * AUC, flagged, profit at risk, expected net, same flag and action as under
 * the run's seed).
 *
 * @example
 * ```ts
 * import type { MetricsArtifact } from "../artifacts/metrics.ts";
 * declare const metrics: MetricsArtifact;
 * stabilityMd(metrics); // "**Решение устойчиво к зерну.** Весь расчёт … \n\n| Зерно | Победитель | …"
 * ```
 */
export function stabilityMd(metrics: Pick<MetricsArtifact, "stability" | "config">): string {
  const s = metrics.stability;
  const text = mdText(stabilityParagraph(s, metrics.config.moneyUnit));
  if (s === undefined || s.runs.length < 2) return `**Устойчивость к зерну не измерялась.** ${text}`;
  const head = isStable(s) ? "**Решение устойчиво к зерну.**" : "**Решение зависит от зерна.**";
  const rows = s.runs.map((r) =>
    `| ${r.seed}${r.seed === s.runSeed ? " (основное)" : ""} | ${mdText(familyLabel(r.winner))} | ` +
    `${ruScore(r.threshold)} | ${ruScore(r.holdoutAuc)} | ${ruInt(r.flagged)} | ${ruNumber(r.profitAtRisk, 1)} | ` +
    `${ruNumber(r.expectedNet, 1)} | ${ruPercent(r.sameFlag)} | ${ruPercent(r.sameAction)} |`
  );
  return `${head} ${text}\n\n` +
    "| Зерно | Победитель | Порог | ROC-AUC, отложенная | Под риском | Прибыль под риском | Чистый эффект | " +
    "Та же отметка | То же действие |\n|---|---|--:|--:|--:|--:|--:|--:|--:|\n" + rows.join("\n");
}
