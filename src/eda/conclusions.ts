/**
 * The EDA's findings in Russian, every sentence built from the measured
 * numbers: which features separate the classes, what goes with the target,
 * how revenue and minutes move, and whether features duplicate each other.
 * Change the data and the sentences change; nothing here is fixed prose.
 *
 * @module
 */
import { associationMethod } from "./association_matrix.ts";
import { TARGET_COLUMN } from "./classes.ts";
import type { EdaSummary } from "./eda_summary.ts";
import { ruAuto, ruInt, ruNumber, ruPercent, ruShort } from "../text/ru_format.ts";

/** Defaults: how many features to name, and the warning thresholds. */
export const CONCLUSION_DEFAULTS = {
  /** Features named in "differ most" and "associated most" sentences. */
  top: 3,
  /** |d| below this is a negligible difference (Cohen's "small" starts at 0.2). */
  negligibleD: 0.2,
  /** VIF above this warns of multicollinearity. */
  vifLimit: 5,
  /** Association between two features above this warns of near-duplicates. */
  associationLimit: 0.7,
  /** A class share below this is called an imbalance. */
  imbalance: 0.4,
};

/** Options of {@linkcode edaConclusions}. */
export type ConclusionOptions = Partial<typeof CONCLUSION_DEFAULTS>;

const METHOD_SYMBOL = { spearman: "|ρ|", cramers_v: "V", eta: "η" } as const;

/**
 * Russian sentences summarising `summary`, one finding each, in report order.
 *
 * @example
 * ```ts
 * import type pl from "nodejs-polars";
 * import { edaConclusions } from "./conclusions.ts";
 * import { edaSummary } from "./eda_summary.ts";
 * declare const frame: pl.DataFrame;
 * for (const sentence of edaConclusions(edaSummary(frame))) console.log(sentence);
 * ```
 */
export function edaConclusions(summary: EdaSummary, options: ConclusionOptions = {}): string[] {
  const o = { ...CONCLUSION_DEFAULTS, ...options };
  return [
    classBalance(summary, o),
    ...numericDifferences(summary, o),
    ...targetAssociations(summary, o),
    ...categoryDifference(summary),
    ...periodTrends(summary),
    vifSentence(summary, o),
    pairSentence(summary, o),
  ].filter((s): s is string => s !== undefined);
}

type O = typeof CONCLUSION_DEFAULTS;
const q = (s: string) => `«${s}»`;
const fmt = (x: number | null) => (x === null ? "—" : ruNumber(x, 2));

function classBalance(s: EdaSummary, o: O): string {
  const { dropped, same } = s.classes;
  const share = (c: typeof dropped) => `${q(c.label)} — ${ruInt(c.count)} (${ruPercent(c.share)})`;
  let text = `Покупателей в данных: ${ruInt(s.rows)}; ${share(dropped)}, ${share(same)}.`;
  const minority = Math.min(dropped.share, same.share);
  if (minority < o.imbalance) {
    const ratio = Math.max(dropped.count, same.count) / Math.min(dropped.count, same.count);
    text += ` Классы несбалансированы (1 : ${ruNumber(ratio, 1)}): модели сравниваем по ROC-AUC, ` +
      "который от баланса классов не зависит, а при разбиении сохраняем доли классов.";
  }
  return text;
}

function numericDifferences(s: EdaSummary, o: O): string[] {
  const ranked = s.numeric.filter((n) => Number.isFinite(n.standardizedDifference))
    .sort((a, b) => Math.abs(b.standardizedDifference) - Math.abs(a.standardizedDifference));
  if (!ranked.length) return [];
  const { dropped, same } = s.classes;
  const items = ranked.slice(0, o.top).map((n) => {
    const d = n.standardizedDifference;
    return `${q(n.label)} (d = ${fmt(d)}: в среднем ${ruAuto(n.byClass.dropped.mean)} против ` +
      `${ruAuto(n.byClass.same.mean)}, ${d < 0 ? "ниже" : "выше"} у ${q(dropped.label)})`;
  });
  const out = [
    `Сильнее всего классы различаются по признакам ${items.join(", ")}; d — разность средних ` +
    `${q(dropped.label)} и ${q(same.label)} в объединённых стандартных отклонениях.`,
  ];
  const small = ranked.filter((n) => Math.abs(n.standardizedDifference) < o.negligibleD);
  if (small.length) {
    out.push(
      `Почти не различаются (|d| < ${ruShort(o.negligibleD)}): ` +
        small.map((n) => `${q(n.label)} (${fmt(n.standardizedDifference)})`).join(", ") + ".",
    );
  }
  return out;
}

function targetAssociations(s: EdaSummary, o: O): string[] {
  const m = s.association;
  const t = m.columns.indexOf(TARGET_COLUMN);
  if (t < 0) return [];
  const row = m.columns.map((name, j) => ({ name, j, label: m.labels[j]!, v: m.values[t]![j]! }))
    .filter((c) => c.j !== t && Number.isFinite(c.v))
    .sort((a, b) => b.v - a.v);
  if (!row.length) return [];
  const symbol = (j: number) => METHOD_SYMBOL[associationMethod(m.types[t]!, m.types[j]!)];
  const named = row.slice(0, o.top).map((c) => `${q(c.label)} (${symbol(c.j)} = ${fmt(c.v)})`);
  const out = [`Сильнее всего с признаком ${q(m.labels[t]!)} связаны ${named.join(", ")}.`];
  const weakest = row[row.length - 1]!;
  out.push(`Слабее всего — ${q(weakest.label)} (${symbol(weakest.j)} = ${fmt(weakest.v)}).`);
  return out;
}

function categoryDifference(s: EdaSummary): string[] {
  let best: { label: string; value: string; d: number; a: number; b: number } | undefined;
  for (const c of s.categorical) {
    for (const l of c.levels) {
      const d = Math.abs(l.shares.dropped - l.shares.same);
      if (Number.isFinite(d) && (!best || d > best.d)) {
        best = { label: c.label, value: l.value, d, a: l.shares.dropped, b: l.shares.same };
      }
    }
  }
  if (!best) return [];
  const { dropped, same } = s.classes;
  return [
    `Из категориальных признаков больше всего различаются доли у ${q(best.label)} = ${q(best.value)}: ` +
    `${ruPercent(best.a)} покупателей ${q(dropped.label)} против ${ruPercent(best.b)} ${q(same.label)} ` +
    `(разница ${ruNumber(best.d * 100, 1)} п. п.).`,
  ];
}

function periodTrends(s: EdaSummary): string[] {
  const measures = [...new Set(s.periods.map((p) => p.measure))];
  return measures.map((measure) => {
    const ps = s.periods.filter((p) => p.measure === measure);
    const first = ps[0]!, last = ps[ps.length - 1]!;
    const path = (key: "dropped" | "same") => ps.map((p) => ruAuto(p.byClass[key].mean)).join(" → ");
    const change = (key: "dropped" | "same") => {
      const r = last.byClass[key].mean / first.byClass[key].mean - 1;
      return `${r >= 0 ? "+" : ""}${ruPercent(r)}`;
    };
    const gap = last.byClass.dropped.mean / last.byClass.same.mean - 1;
    const { dropped, same } = s.classes;
    return `${first.measureLabel} в среднем (${ps.map((p) => p.periodLabel).join(" → ")}): ` +
      `${q(dropped.label)} ${path("dropped")} (${change("dropped")}), ` +
      `${q(same.label)} ${path("same")} (${change("same")}); ` +
      `за ${last.periodLabel} у ${q(dropped.label)} на ${ruPercent(Math.abs(gap))} ` +
      `${gap < 0 ? "меньше" : "больше"}.`;
  });
}

function vifSentence(s: EdaSummary, o: O): string | undefined {
  const finite = s.vif.filter((v) => !Number.isNaN(v.vif));
  if (!finite.length) return undefined;
  const high = finite.filter((v) => v.vif > o.vifLimit).sort((a, b) => b.vif - a.vif);
  if (high.length) {
    return `Мультиколлинеарность: VIF выше ${o.vifLimit} у признаков ` +
      high.map((v) => `${q(v.label)} (${vifText(v.vif)})`).join(", ") +
      " — для линейных моделей из таких признаков стоит оставить один или усилить регуляризацию.";
  }
  const top = finite.reduce((a, b) => (b.vif > a.vif ? b : a));
  return `Мультиколлинеарности среди числовых признаков нет: наибольший VIF — ${vifText(top.vif)} ` +
    `у ${q(top.label)}, порог ${o.vifLimit}.`;
}

const vifText = (v: number) => (v === Infinity ? "∞" : ruNumber(v, 1));

function pairSentence(s: EdaSummary, o: O): string | undefined {
  const m = s.association;
  const pairs: { a: string; b: string; v: number; method: string }[] = [];
  for (let i = 0; i < m.columns.length; i++) {
    for (let j = i + 1; j < m.columns.length; j++) {
      if (m.columns[i] === TARGET_COLUMN || m.columns[j] === TARGET_COLUMN) continue;
      const v = m.values[i]![j]!;
      if (Number.isFinite(v)) {
        pairs.push({
          a: m.labels[i]!,
          b: m.labels[j]!,
          v,
          method: METHOD_SYMBOL[associationMethod(m.types[i]!, m.types[j]!)],
        });
      }
    }
  }
  if (!pairs.length) return undefined;
  pairs.sort((x, y) => y.v - x.v);
  const strong = pairs.filter((p) => p.v > o.associationLimit);
  const text = (p: (typeof pairs)[number]) => `${q(p.a)} и ${q(p.b)} (${p.method} = ${fmt(p.v)})`;
  if (strong.length) {
    return `Сильно связаны (выше ${ruShort(o.associationLimit)}) пары ${strong.map(text).join(", ")}: ` +
      "признаки частично дублируют друг друга.";
  }
  return `Пар признаков со связью выше ${ruShort(o.associationLimit)} нет; самая сильная — ${text(pairs[0]!)}.`;
}
