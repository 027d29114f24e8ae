/**
 * The report's view model: every number and sentence the templates show,
 * taken from this run's artifacts and formatted the Russian way. Pure: the
 * artifacts come in as parsed objects (see `render.ts` for the reading), the
 * view comes out as plain strings, so the templates only place text.
 *
 * The Russian wording that depends on numbers (plurals, sentences about the
 * threshold) lives here; the fixed prose lives in `templates/`.
 *
 * @module
 */
import { COLUMN_LABELS, STEP_LABELS } from "../data/labels.ts";
import { SEGMENT_DEFAULTS } from "../segments/options.ts";
import { ruCount, ruDateTime, ruInt, ruInterval, ruNumber, ruPercent, ruPlural, ruScore } from "./format.ts";

// ---------------------------------------------------------------------------
// Defaults and labels

/** Rows of offers.csv shown as "contact first". */
export const TOP_OFFERS = 20;
/** Actions in the executive summary. */
export const TOP_ACTIONS = 3;
/** Features named in "what drives risk". */
export const TOP_DRIVERS = 6;
/** The matrix cells whose customers the model flags (probability ≥ threshold); ids from src/segments/matrix.ts. */
export const FLAGGED_CELLS: readonly string[] = ["retain_first", "retain_cheaply"];

const CUSTOMERS = ["покупатель", "покупателя", "покупателей"] as const;

/** Russian names of the model families. */
export const FAMILY_LABELS: Record<string, string> = {
  knn: "k ближайших соседей",
  tree: "Дерево решений",
  logistic: "Логистическая регрессия",
  svc: "Метод опорных векторов (SVC)",
};

/** Russian names of the numeric scalers. */
export const SCALER_LABELS: Record<string, string> = {
  standard: "стандартизация",
  minmax: "приведение к [0; 1]",
  passthrough: "без масштабирования",
  none: "без масштабирования",
};

/** Short names of the recommendation rules (the full texts come from segments.json). */
export const RULE_TITLES: Record<string, string> = {
  abandoned_cart: "Напоминать о брошенной корзине и давать промокод на её товары",
  service_errors: "Исправить ошибки сервиса на их сценариях и извиниться бонусом",
  promo_calendar: "Персональный календарь акций вместо постоянных скидок",
  site_engagement: "Персональные подборки на главной и push-уведомления с ними",
  cross_sell: "Рекомендовать товары смежных категорий",
  more_contact: "Больше коммуникаций для тех, кто согласился на сообщения",
  onboarding: "Приветственная серия писем и бонус на вторую покупку",
  reactivation: "Бонус за заказ чуть выше обычного чека",
  category_focus: "Подборки и акции в любимой категории",
};

/** Russian names of the data tables. */
export const TABLE_LABELS: Record<string, string> = {
  market_file: "Поведение на сайте и маркетинг",
  market_money: "Выручка по месяцам",
  market_time: "Минуты на сайте по месяцам",
  money: "Прибыль",
};

/** The charts the notebooks write, with their captions, in report order. */
export const CHARTS: Record<string, string> = {
  eda_numeric: "Числовые признаки по классам активности",
  eda_categorical: "Категориальные признаки по классам активности",
  eda_periods: "Выручка и время на сайте по месяцам",
  eda_association: "Связи признаков",
  model_comparison: "Качество семейств моделей (ROC-AUC)",
  roc: "ROC-кривая выбранной модели на отложенной выборке",
  pr: "Точность и полнота выбранной модели на отложенной выборке",
  reliability: "Калибровка: предсказанная вероятность и наблюдаемая доля",
  shap_importance: "Средний вклад признаков в вероятность снижения (SHAP)",
  shap_beeswarm: "Вклад признаков для каждого покупателя (SHAP)",
  segments: "Сегменты: размер и прибыль под риском",
  risk_profit: "Риск и прибыль: каждый покупатель",
};

// ---------------------------------------------------------------------------
// Artifact shapes (the parts the report reads)

/** quality.json */
export interface QualityArtifact {
  source: { dir: string; kind: "user" | "demo" | string; origin?: string; note?: string };
  tables: Record<string, { file: string; rows: number; blankLines?: number }>;
  fixes: { table: string; column: string; from: string; to: string; count: number }[];
  steps: { step: string; rule: string; count: number; ids?: string[] }[];
  outliers: { id: number; period: string; value: number; score: number; replacedWith: number }[];
  duplicates: { groups: number; customers: number; identicalEverywhere: number; conflictingTarget: number };
  customers: number;
  classBalance: Record<string, number>;
}

/** One family's row of metrics.json. */
export interface FamilyMetrics {
  family: string;
  params: Record<string, unknown>;
  scaler: string;
  cvAuc: number;
  cvAucStd: number;
  testAuc: number;
  repeatedCv: { mean: number; std: number; interval: number[] };
}

/** metrics.json */
export interface MetricsArtifact {
  data: { customers: number; train: number; test: number; positives: number };
  search: { candidates: number; fits: number };
  families: FamilyMetrics[];
  best: FamilyMetrics & {
    cvAucInterval: number[];
    threshold: number;
    thresholdRule: string;
    holdout: {
      auc: number;
      confusion: { tp: number; fp: number; tn: number; fn: number };
      precision: number;
      recall: number;
      f1: number;
      brier: number;
    };
  };
}

/** One candidate of search.json. */
export interface SearchRow {
  family: string;
  scaler: string;
}

/** explanations.json (the beeswarm points are optional to the report). */
export interface ExplanationsArtifact {
  method: string;
  output: string;
  base: number;
  customers: number;
  importance: { feature: string; label: string; meanAbs: number }[];
  beeswarm?: { feature: string; phi: number; value: string | number | null; valueRank: number }[];
}

/** One measured difference of a segment's profile. */
export interface ProfileDifference {
  feature: string;
  label: string;
  type: "number" | "category";
  meanIn?: number;
  meanOut?: number;
  levels?: { value: string; shareIn: number; shareOut: number }[];
  effect: number | null;
  pAdjusted: number | null;
  notable: boolean;
}

/** One segment of segments.json. */
export interface SegmentArtifact {
  id: string;
  kind: string;
  name: string;
  definition: string;
  size: number;
  customerShare: number;
  profitShare: number;
  meanProbability: number | null;
  profitAtRisk: number;
  profitAtRiskShare: number;
  horizonMonths: number;
  profile: ProfileDifference[];
  recommendations: { rule: string; text: string }[];
}

/** segments.json */
export interface SegmentsArtifact {
  cuts: { threshold: number; profitCut: number; profitQuantile: number; topProfitCut?: number; promoCut?: number };
  segments: SegmentArtifact[];
}

/** offers.csv, parsed: its header and its rows as text cells. */
export interface OffersTable {
  header: string[];
  rows: string[][];
}

/** eda.json (only its conclusions are read). */
export interface EdaArtifact {
  conclusions?: unknown;
}

/** Everything the report is made from. */
export interface Artifacts {
  quality: QualityArtifact;
  metrics: MetricsArtifact;
  search?: SearchRow[] | undefined;
  explanations?: ExplanationsArtifact | undefined;
  segments: SegmentsArtifact;
  offers: OffersTable;
  eda?: EdaArtifact | undefined;
}

// ---------------------------------------------------------------------------
// offers.csv

/**
 * Parses offers.csv: UTF-8 BOM, `;` between fields, CRLF or LF, RFC 4180
 * quotes (`""` inside a quoted field, separators and line breaks allowed in
 * it). A leading `'` that the writer adds to keep Excel from reading a text
 * cell as a formula is removed again, since the report escapes text itself.
 *
 * @example
 * ```ts
 * parseOffersCsv('\uFEFFa;b\r\n1;"x; ""y"""\r\n'); // { header: ["a", "b"], rows: [["1", 'x; "y"']] }
 * ```
 */
export function parseOffersCsv(text: string): OffersTable {
  const s = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const records: string[][] = [];
  let row: string[] = [], cell = "", i = 0, quoted = false, started = false;
  const endCell = () => {
    row.push(/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
    cell = "";
  };
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') (cell += '"'), (i += 2);
      else if (c === '"') (quoted = false), i++;
      else (cell += c), i++;
      continue;
    }
    if (c === '"' && cell === "") (quoted = true), (started = true), i++;
    else if (c === ";") endCell(), (started = true), i++;
    else if (c === "\r" || c === "\n") {
      if (started || cell !== "" || row.length > 0) endCell(), records.push(row);
      row = [], started = false;
      i += c === "\r" && s[i + 1] === "\n" ? 2 : 1;
    } else (cell += c), (started = true), i++;
  }
  if (quoted) throw new Error("offers.csv: a quoted field is not closed");
  if (started || cell !== "" || row.length > 0) endCell(), records.push(row);
  const [header = [], ...rows] = records;
  return { header, rows };
}

/**
 * Reads a number written with a decimal comma ("0,972", "−1 234,5").
 *
 * @example
 * ```ts
 * parseRuNumber("0,972"); // 0.972
 * ```
 */
export function parseRuNumber(text: string): number {
  const n = Number(text.replace(/[\s\u00A0\u202F]/g, "").replace("\u2212", "-").replace(",", "."));
  if (text.trim() === "" || !Number.isFinite(n)) throw new Error(`offers.csv: found "${text}", expected a number`);
  return n;
}

// ---------------------------------------------------------------------------
// The view

/** A cell of a table that the template prints as text. */
export type Row = string[];

/** The whole report as text, section by section. */
export interface ReportView {
  title: { store: string; built: string; source: string };
  demo: { note: string } | null;
  summary: {
    customers: string;
    dropped: string;
    droppedShare: string;
    model: string;
    repeatedAuc: string;
    repeatedInterval: string;
    holdoutAuc: string;
    flagged: string;
    flaggedShare: string;
    threshold: string;
    flaggedProfit3: string;
    flaggedLoss: string;
    flaggedLossShare: string;
    horizon: string;
    actions: { n: number; title: string; segment: string; size: string; atRisk: string; text: string }[];
    /** The strongest drivers in one sentence, or "" without explanations. */
    drivers: string;
  };
  data: {
    source: string;
    tables: Row[];
    fixes: Row[];
    steps: Row[];
    outliers: Row[];
    duplicates: string;
    customers: string;
    balance: Row[];
  };
  eda: { conclusions: string[] };
  model: {
    families: { cells: Row; best: boolean }[];
    chosen: string;
    chosenParams: string;
    cvAuc: string;
    holdoutAuc: string;
    threshold: string;
    thresholdPercent: string;
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
    confusion: Row[];
    flaggedAll: string;
    flaggedProfit3: string;
    missedHoldout: string;
  };
  drivers: {
    present: boolean;
    base: string;
    top: { label: string; effect: string; direction: string }[];
    method: string;
  };
  segments: {
    overview: Row[];
    items: {
      name: string;
      kind: string;
      definition: string;
      facts: string;
      differences: string[];
      recommendations: string[];
    }[];
  };
  contacts: { header: Row; rows: Row[]; total: string };
  method: {
    split: string;
    cv: string;
    search: string;
    threshold: string;
    repeated: string;
    shap: string;
    tests: string;
    profit: string;
    source: string;
  };
}

/** Options of {@linkcode buildView}. */
export interface ViewOptions {
  /** When the report was built: the one line that differs between builds. */
  builtAt: Date;
  /** UTC offset for the build time, minutes (local time by default). */
  utcOffsetMinutes?: number;
}

const paramText = (params: Record<string, unknown>) =>
  Object.entries(params).map(([k, v]) => `${k} = ${typeof v === "number" ? String(v).replace(".", ",") : String(v)}`)
    .join(", ");

const familyName = (f: string) => FAMILY_LABELS[f] ?? f;

/**
 * The three actions of the executive summary: each rule once, from the
 * segment with the most profit at risk that it fires for, the largest such
 * profit first (ties keep the order of segments.json).
 *
 * @example
 * ```ts
 * topActions(segments.segments).map((a) => a.rule); // ["abandoned_cart", "promo_calendar", "site_engagement"]
 * ```
 */
export function topActions(segments: readonly SegmentArtifact[], count = TOP_ACTIONS) {
  const best = new Map<string, { segment: SegmentArtifact; text: string; order: number }>();
  let order = 0;
  for (const s of segments) {
    for (const r of s.recommendations) {
      const seen = best.get(r.rule);
      if (!seen || s.profitAtRisk > seen.segment.profitAtRisk) best.set(r.rule, { segment: s, text: r.text, order });
      order++;
    }
  }
  return [...best.entries()]
    .sort(([, a], [, b]) => b.segment.profitAtRisk - a.segment.profitAtRisk || a.order - b.order)
    .slice(0, count)
    .map(([rule, r]) => ({ rule, ...r }));
}

/**
 * How each feature pushes the risk, from the beeswarm points: for a number,
 * the sign of the correlation between its value rank and its SHAP value; for
 * a category, the value with the highest mean SHAP value.
 *
 * @example
 * ```ts
 * driverDirections(explanations.beeswarm).get("pages_per_visit"); // "чем меньше значение, тем выше риск"
 * ```
 */
export function driverDirections(points: NonNullable<ExplanationsArtifact["beeswarm"]>): Map<string, string> {
  const by = new Map<string, typeof points>();
  for (const p of points) {
    const list = by.get(p.feature);
    if (list) list.push(p);
    else by.set(p.feature, [p]);
  }
  const out = new Map<string, string>();
  for (const [feature, ps] of by) {
    if (ps.every((p) => typeof p.value === "number")) {
      const n = ps.length;
      const mx = ps.reduce((a, p) => a + p.valueRank, 0) / n, my = ps.reduce((a, p) => a + p.phi, 0) / n;
      let sxy = 0, sxx = 0, syy = 0;
      for (const p of ps) {
        sxy += (p.valueRank - mx) * (p.phi - my);
        sxx += (p.valueRank - mx) ** 2;
        syy += (p.phi - my) ** 2;
      }
      const r = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
      out.set(
        feature,
        Math.abs(r) < 0.1
          ? "связь с риском неоднозначна"
          : r < 0
          ? "чем меньше значение, тем выше риск"
          : "чем больше значение, тем выше риск",
      );
    } else {
      const sums = new Map<string, { sum: number; n: number }>();
      for (const p of ps) {
        const k = String(p.value);
        const s = sums.get(k) ?? { sum: 0, n: 0 };
        s.sum += p.phi, s.n++;
        sums.set(k, s);
      }
      const ranked = [...sums.entries()].map(([k, s]) => [k, s.sum / s.n] as const).sort((a, b) =>
        b[1] - a[1] || a[0].localeCompare(b[0])
      );
      const top = ranked[0];
      if (top && top[1] > 0) out.set(feature, `риск выше при значении «${top[0]}»`);
      else out.set(feature, "связь с риском неоднозначна");
    }
  }
  return out;
}

function differenceText(d: ProfileDifference): string | undefined {
  if (!d.notable || d.effect === null) return undefined;
  if (d.type === "number" && d.meanIn !== undefined && d.meanOut !== undefined) {
    return `${d.label}: в среднем ${ruNumber(d.meanIn, 2)} против ${ruNumber(d.meanOut, 2)} у остальных`;
  }
  if (d.levels && d.levels.length > 0) {
    const top = [...d.levels].sort((a, b) => b.shareIn - b.shareOut - (a.shareIn - a.shareOut))[0]!;
    return `${d.label}: «${top.value}» — ${ruPercent(top.shareIn)} против ${ruPercent(top.shareOut)} у остальных`;
  }
  return undefined;
}

/**
 * Builds the view from the artifacts.
 *
 * @param a the parsed artifacts of one run
 * @param options the build time
 * @returns every text of the report
 * @example
 * ```ts
 * const view = buildView(artifacts, { builtAt: new Date() });
 * view.summary.customers; // "1297"
 * ```
 */
export function buildView(a: Artifacts, options: ViewOptions): ReportView {
  const { quality: q, metrics: m, segments: sg } = a;
  const best = m.best;
  const horizon = sg.segments[0]?.horizonMonths ?? SEGMENT_DEFAULTS.horizonMonths;
  const dropped = q.classBalance["Снизилась"] ?? m.data.positives;

  // Flagged customers: the matrix cells above the threshold, and their profit from offers.csv.
  const flaggedSegments = sg.segments.filter((s) => s.kind === "matrix" && FLAGGED_CELLS.includes(s.id));
  const flaggedNames = new Set(flaggedSegments.map((s) => s.name));
  const flagged = flaggedSegments.reduce((n, s) => n + s.size, 0);
  const col = (name: string) => a.offers.header.findIndex((h) => h.startsWith(name));
  const iProfit = col("Прибыль в месяц"), iCell = col("Риск × прибыль");
  const flaggedProfit = iProfit < 0 || iCell < 0 ? NaN : a.offers.rows
    .filter((r) => flaggedNames.has(r[iCell] ?? ""))
    .reduce((s, r) => s + parseRuNumber(r[iProfit] ?? ""), 0);
  const flaggedLoss = flaggedSegments.reduce((s, x) => s + x.profitAtRisk, 0);
  const flaggedLossShare = flaggedSegments.reduce((s, x) => s + x.profitAtRiskShare, 0);
  const money = (x: number) => (Number.isFinite(x) ? ruNumber(x, 1) : "—");

  const actions = topActions(sg.segments).map((r, k) => ({
    n: k + 1,
    title: RULE_TITLES[r.rule] ?? r.rule,
    segment: r.segment.name,
    size: ruCount(r.segment.size, CUSTOMERS),
    atRisk: money(r.segment.profitAtRisk),
    text: r.text,
  }));

  const c = best.holdout.confusion;
  const holdoutCustomers = c.tp + c.fp + c.tn + c.fn;
  const thresholdPercent = ruPercent(best.threshold, 0);

  const directions = a.explanations?.beeswarm ? driverDirections(a.explanations.beeswarm) : new Map<string, string>();
  const searchCounts = new Map<string, number>();
  for (const r of a.search ?? []) searchCounts.set(r.family, (searchCounts.get(r.family) ?? 0) + 1);
  const recall = /(\d+(?:[.,]\d+)?)\s*%/.exec(best.thresholdRule)?.[1];

  const offersShown = a.offers.rows.slice(0, TOP_OFFERS);
  // offers.csv columns shown, by the start of their header, with the report's shorter headers.
  const shownColumns = [
    ["id покупателя", "id"],
    ["Вероятность снижения активности", "Риск"],
    ["Прибыль в месяц", "Прибыль в месяц"],
    ["Прибыль под риском", `Под риском за ${horizon} мес.`],
    ["Риск × прибыль", "Ячейка «риск × прибыль»"],
    ["Главные причины", "Главные причины (↑ повышает риск, ↓ снижает)"],
    ["Действие", "Действие"],
  ].map(([name, label]) => ({ name: name!, label: label!, index: col(name!) })).filter((x) => x.index >= 0);
  const offerCell = (name: string, value: string) => {
    if (name === "Вероятность снижения активности") return ruPercent(parseRuNumber(value), 0);
    if (name === "Прибыль в месяц" || name === "Прибыль под риском") return ruNumber(parseRuNumber(value), 2);
    // An arrow never starts a line on its own.
    if (name === "Главные причины") return value.replace(/ ([↑↓])/g, "\u00A0$1");
    return value;
  };

  return {
    title: {
      store: "«В один клик»",
      built: `Отчёт сформирован ${ruDateTime(options.builtAt, options.utcOffsetMinutes)}`,
      source: q.source.kind === "demo" ? "демонстрационные (синтетические) данные" : "выгрузка магазина",
    },
    demo: q.source.kind === "demo"
      ? {
        note: "ДЕМО-ДАННЫЕ: синтетические покупатели, созданные генератором, а не данные магазина. " +
          "Цифры отчёта не описывают реальных покупателей.",
      }
      : null,
    summary: {
      customers: ruInt(q.customers),
      dropped: ruInt(dropped),
      droppedShare: ruPercent(dropped / q.customers),
      model: familyName(best.family),
      repeatedAuc: ruScore(best.repeatedCv.mean),
      repeatedInterval: ruInterval(best.cvAucInterval.length === 2 ? best.cvAucInterval : best.repeatedCv.interval),
      holdoutAuc: ruScore(best.holdout.auc),
      flagged: ruCount(flagged, CUSTOMERS),
      flaggedShare: ruPercent(flagged / q.customers),
      threshold: ruScore(best.threshold, 2),
      flaggedProfit3: money(flaggedProfit * horizon),
      flaggedLoss: money(flaggedLoss),
      flaggedLossShare: ruPercent(flaggedLossShare),
      horizon: `${horizon} ${ruPlural(horizon, ["месяц", "месяца", "месяцев"])}`,
      actions,
      drivers: (a.explanations?.importance ?? []).slice(0, 3).map((g) => {
        const how = directions.get(g.feature);
        return `${g.label.toLowerCase()}${how ? ` (${how})` : ""}`;
      }).join("; "),
    },
    data: {
      source: q.source.kind === "demo" ? "демонстрационные данные генератора" : q.source.dir,
      tables: Object.entries(q.tables).map(([name, t]) => [TABLE_LABELS[name] ?? name, t.file, ruInt(t.rows)]),
      fixes: q.fixes.map((f) => [
        `${f.table}.csv, ${COLUMN_LABELS[f.column] ?? f.column}`,
        `«${f.from}» → «${f.to}»`,
        ruInt(f.count),
      ]),
      steps: q.steps.map((s) => [STEP_LABELS[s.step] ?? s.step, ruInt(s.count)]),
      outliers: q.outliers.map((o) => [
        String(o.id),
        o.period.replaceAll("_", " "),
        ruNumber(o.value, 1),
        ruNumber(o.score, 1),
        ruNumber(o.replacedWith, 1),
      ]),
      duplicates: q.duplicates.groups === 0
        ? "Записей, совпадающих во всём, кроме id, нет."
        : `${ruCount(q.duplicates.customers, CUSTOMERS)} образуют ${ruInt(q.duplicates.groups)} ` +
          `${ruPlural(q.duplicates.groups, ["группу", "группы", "групп"])} записей, совпадающих во всём, кроме id ` +
          `(полностью одинаковых, включая выручку и время, — ${ruInt(q.duplicates.identicalEverywhere)}; ` +
          `с разной целевой меткой — ${ruInt(q.duplicates.conflictingTarget)}). Они оставлены в данных, ` +
          `а при разбиении каждая группа целиком попадает в одну часть.`,
      customers: ruInt(q.customers),
      balance: Object.entries(q.classBalance).map(([k, n]) => [k, ruInt(n), ruPercent(n / q.customers)]),
    },
    eda: {
      conclusions: Array.isArray(a.eda?.conclusions)
        ? (a.eda.conclusions as unknown[]).filter((x): x is string => typeof x === "string")
        : [],
    },
    model: {
      families: m.families.map((f) => ({
        best: f.family === best.family,
        cells: [
          familyName(f.family),
          `${paramText(f.params)}; ${SCALER_LABELS[f.scaler] ?? f.scaler}`,
          `${ruScore(f.cvAuc)} ± ${ruScore(f.cvAucStd)}`,
          ruScore(f.testAuc),
          `${ruScore(f.repeatedCv.mean)} ${ruInterval(f.repeatedCv.interval)}`,
        ],
      })),
      chosen: familyName(best.family),
      chosenParams: `${paramText(best.params)}; ${SCALER_LABELS[best.scaler] ?? best.scaler}`,
      cvAuc: `${ruScore(best.cvAuc)} ± ${ruScore(best.cvAucStd)}`,
      holdoutAuc: ruScore(best.holdout.auc),
      threshold: ruScore(best.threshold, 3),
      thresholdPercent,
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
        ["Активность снизилась", ruInt(c.tp), ruInt(c.fn), ruInt(c.tp + c.fn)],
        ["Прежний уровень", ruInt(c.fp), ruInt(c.tn), ruInt(c.fp + c.tn)],
        ["Всего", ruInt(c.tp + c.fp), ruInt(c.fn + c.tn), ruInt(holdoutCustomers)],
      ],
      flaggedAll: ruCount(flagged, CUSTOMERS),
      flaggedProfit3: money(flaggedProfit * horizon),
      missedHoldout: ruPercent(c.tp + c.fn === 0 ? 0 : c.fn / (c.tp + c.fn), 0),
    },
    drivers: {
      present: a.explanations !== undefined,
      base: a.explanations ? ruPercent(a.explanations.base, 0) : "—",
      top: (a.explanations?.importance ?? []).slice(0, TOP_DRIVERS).map((g) => ({
        label: g.label,
        effect: `${ruNumber(g.meanAbs * 100, 1)} п.\u00A0п.`,
        direction: directions.get(g.feature) ?? "",
      })),
      method: a.explanations?.method ?? "",
    },
    segments: {
      overview: sg.segments.map((s) => [
        s.name,
        ruInt(s.size),
        ruPercent(s.customerShare, 0),
        ruPercent(s.profitShare, 0),
        s.meanProbability === null || !Number.isFinite(s.meanProbability) ? "—" : ruPercent(s.meanProbability, 0),
        money(s.profitAtRisk),
        ruPercent(s.profitAtRiskShare, 0),
      ]),
      items: sg.segments.map((s) => ({
        name: s.name,
        kind: s.kind === "matrix" ? "Матрица «риск × прибыль»" : "Сегмент, предложенный магазином",
        definition: s.definition,
        facts: `${ruCount(s.size, CUSTOMERS)} (${ruPercent(s.customerShare)} всех), ${ruPercent(s.profitShare)} ` +
          `прибыли магазина; средняя вероятность снижения ${
            s.meanProbability === null || !Number.isFinite(s.meanProbability) ? "—" : ruPercent(s.meanProbability, 0)
          }; прибыль под риском за ${s.horizonMonths} мес. — ${money(s.profitAtRisk)} ` +
          `(${ruPercent(s.profitAtRiskShare)} всей прибыли под риском).`,
        differences: [...s.profile]
          .filter((d) => d.notable && d.effect !== null)
          .sort((x, y) => Math.abs(y.effect!) - Math.abs(x.effect!) || x.feature.localeCompare(y.feature))
          .slice(0, 4)
          .map(differenceText)
          .filter((t): t is string => t !== undefined),
        recommendations: s.recommendations.map((r) => r.text),
      })),
    },
    contacts: {
      header: shownColumns.map((x) => x.label),
      rows: offersShown.map((r) => shownColumns.map((x) => offerCell(x.name, r[x.index] ?? ""))),
      total: ruCount(a.offers.rows.length, CUSTOMERS),
    },
    method: {
      split: `${ruCount(m.data.customers, CUSTOMERS)}: обучающая часть — ${ruInt(m.data.train)}, отложенная ` +
        `(стратифицированная, ${ruPercent(m.data.test / m.data.customers, 0)}) — ${ruInt(m.data.test)}; ` +
        `группы одинаковых записей целиком попадают в одну часть.`,
      cv: "Стратифицированная 5-кратная кросс-валидация на обучающей части; предобработка (кодирование категорий, " +
        "масштабирование) подбирается внутри каждого фолда; метрика — ROC-AUC.",
      search: `Всего кандидатов — ${ruInt(m.search.candidates)}, обучений моделей — ${ruInt(m.search.fits)}` +
        (searchCounts.size > 0
          ? `: ${[...searchCounts.entries()].map(([f, n]) => `${familyName(f)} — ${ruInt(n)}`).join("; ")}.`
          : "."),
      threshold: `Порог ${ruScore(best.threshold, 3)} — наибольшая вероятность, при которой среди покупателей ` +
        `обучающей части со снизившейся активностью модель находит не менее ${
          recall ? recall.replace(".", ",") + "\u00A0%" : "заданной доли"
        } (по предсказаниям вне фолда, без отложенной выборки).`,
      repeated: "Качество выбранной модели оценено повторной кросс-валидацией 5×5 на всех покупателях; " +
        "95-процентный интервал — с поправкой Надо — Бенжио на зависимость фолдов.",
      shap: a.explanations?.method ?? "Объяснения не построены (нет explanations.json).",
      tests: "Отличие сегмента от остальных покупателей: для чисел — критерий Манна — Уитни и δ Клиффа, " +
        "для категорий — χ² и V Крамера; p-значения скорректированы методом Бенджамини — Хохберга. " +
        `Отличие считается заметным при p < ${ruNumber(SEGMENT_DEFAULTS.alpha, 2)} после поправки и эффекте ` +
        `не меньше малого (|δ| ≥ ${ruNumber(SEGMENT_DEFAULTS.minDelta, 3)}, V ≥ ${
          ruNumber(SEGMENT_DEFAULTS.minCramersV, 1)
        }).`,
      profit: `Прибыль под риском — сумма по покупателям «вероятность снижения × прибыль в месяц × ${horizon}»; ` +
        `прибыль — в единицах выгрузки money.csv.`,
      source: q.source.kind === "demo" ? "демонстрационные данные генератора" : q.source.dir,
    },
  };
}
