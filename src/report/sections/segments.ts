/**
 * «Сегменты и рекомендации»: the overlapping analytical views (the risk ×
 * profit cells and the store's segments), each with its size and money
 * stated once, its category mix, its revenue and minutes over the periods,
 * its notable differences, and at the end either its recommendations (the
 * difference each rests on and the lever) or the sentence why no lever
 * applies — all from segments.json.
 *
 * @module
 */
import type { ProfileDifference, SegmentArtifact, SegmentsArtifact } from "../../artifacts/segments.ts";
import { NBSP, NO_VALUE, ruAuto, ruCount, ruInt, ruPercent, ruPlural, ruShort } from "../../text/ru_format.ts";
import { CUSTOMERS, money, MONTHS, type ReportArtifacts } from "./common.ts";

/** Notable differences listed per segment beside those its recommendations rest on. */
export const TOP_DIFFERENCES = 4;

/** One row of the overview table. */
export interface SegmentRow {
  name: string;
  size: string;
  customerShare: string;
  profitShare: string;
  meanProbability: string;
  profitAtRisk: string;
  profitAtRiskShare: string;
}

/** One favourite category in and out of a segment. */
export interface CategoryRow {
  category: string;
  shareIn: string;
  shareOut: string;
  /** The segment's share is the larger one. */
  higher: boolean;
}

/** One series on one side (the segment or the rest), a value per period and the change over them. */
export interface DynamicsRow {
  measure: string;
  side: string;
  /** One cell per period of the header («—» for a period the series lacks). */
  values: string[];
  /** Last period against the first, «+3,2 %». */
  change: string;
  /** The first row of its measure (the template groups the two sides). */
  first: boolean;
}

/** One segment in detail. */
export interface SegmentItem {
  name: string;
  kind: string;
  definition: string;
  /** Size, risk and money: the segment's one statement of its money. */
  facts: string;
  categories: CategoryRow[];
  /** The periods, oldest first («препредыдущий месяц», …). */
  periods: string[];
  dynamics: DynamicsRow[];
  /** Notable differences no recommendation rests on, strongest first. */
  differences: string[];
  recommendations: string[];
  /** Why no lever applies (exactly when there are no recommendations). */
  conclusion: string | null;
}

/** The segments section. */
export interface SegmentsSection {
  /** The horizon with its noun («3 месяца»). */
  horizon: string;
  /** The unit of money.csv («усл. ед.»), from the run's config. */
  unit: string;
  /** How to read the compact statistics of the recommendations, with the run's significance settings. */
  legend: string;
  overview: SegmentRow[];
  items: SegmentItem[];
}

/** A share that may be undefined for the data (null): «—». */
const share = (x: number | null, digits?: number) => (x === null ? NO_VALUE : ruPercent(x, digits));

/** Features measured in the money.csv unit. */
const MONEY_FEATURES = new Set(["profit"]);

/** The monthly series in words. */
const MEASURES: Record<SegmentArtifact["composition"]["dynamics"][number]["measure"], string> = {
  revenue: "Выручка",
  minutes: "Минут на сайте",
};

function differenceText(d: ProfileDifference, unit: string): string | undefined {
  // Categories are read from the category mix and the category recommendation.
  if (d.type !== "number" || !d.notable || d.effect === null || d.meanIn === null || d.meanOut === null) {
    return undefined;
  }
  const u = MONEY_FEATURES.has(d.feature) ? `${NBSP}${unit}` : "";
  return `${d.label}: в среднем ${ruAuto(d.meanIn, 2)}${u} против ${ruAuto(d.meanOut, 2)}${u} у остальных`;
}

/**
 * The notable numeric differences of a segment that none of its
 * recommendations rests on, strongest first, in words; when more than `n`,
 * the last line counts the rest.
 *
 * @example
 * ```ts
 * import type { SegmentArtifact } from "../../artifacts/segments.ts";
 * declare const segment: SegmentArtifact;
 * segmentDifferences(segment, "усл. ед."); // ["Страниц за визит: в среднем 4,50 против 8,90 у остальных", …]
 * ```
 */
export function segmentDifferences(s: SegmentArtifact, unit: string, n = TOP_DIFFERENCES): string[] {
  const cited = new Set(s.recommendations.flatMap((r) => r.features));
  const texts = [...s.profile]
    .filter((d) => !cited.has(d.feature))
    .sort((x, y) => Math.abs(y.effect ?? 0) - Math.abs(x.effect ?? 0) || x.feature.localeCompare(y.feature))
    .map((d) => differenceText(d, unit))
    .filter((t): t is string => t !== undefined);
  if (texts.length <= n) return texts;
  return [...texts.slice(0, n), `и ещё ${texts.length - n} — слабее перечисленных`];
}

/** «+3,2 %», «−1,0 %»: the change of a series from its first period to its last. */
function change(first: number | null, last: number | null): string {
  if (first === null || last === null || first === 0) return NO_VALUE;
  const x = last / first - 1;
  return `${x > 0 ? "+" : ""}${ruPercent(x)}`;
}

/** The category mix and the dynamics of a segment as table rows. */
function compositionRows(s: SegmentArtifact): Pick<SegmentItem, "categories" | "periods" | "dynamics"> {
  const c = s.composition;
  // The header: the longest series' periods (revenue), then any period only a shorter one has.
  const longestFirst = [...c.dynamics].sort((x, y) => y.periods.length - x.periods.length);
  const names = [...new Set(longestFirst.flatMap((d) => d.periods.map((p) => p.period)))];
  const dynamics = c.dynamics.flatMap((d) =>
    (["meanIn", "meanOut"] as const).map((side, k) => {
      const byPeriod = new Map(d.periods.map((p) => [p.period, p[side]]));
      const first = d.periods[0]?.[side] ?? null, last = d.periods.at(-1)?.[side] ?? null;
      return {
        measure: MEASURES[d.measure],
        side: k === 0 ? "в сегменте" : "у остальных",
        values: names.map((p) => {
          const v = byPeriod.get(p);
          return v === undefined || v === null ? NO_VALUE : ruAuto(v, 1);
        }),
        change: change(first, last),
        first: k === 0,
      };
    })
  );
  return {
    categories: c.categories.map((x) => ({
      category: x.category,
      shareIn: ruPercent(x.shareIn, 0),
      shareOut: ruPercent(x.shareOut, 0),
      higher: x.shareIn > x.shareOut,
    })),
    periods: names.map((p) => p.replaceAll("_", " ")),
    dynamics,
  };
}

/** The segment's one statement of its size, risk and money. */
function facts(s: SegmentArtifact, unit: string): string {
  const rest = s.meanProbabilityRest === null ? "" : ` (у остальных ${share(s.meanProbabilityRest, 0)})`;
  return `${ruCount(s.size, CUSTOMERS)} (${ruPercent(s.customerShare)} всех), ${share(s.profitShare)} ` +
    `прибыли магазина; средняя вероятность снижения ${share(s.meanProbability, 0)}${rest}; ` +
    `прибыль под риском за ${s.horizonMonths} мес. — ${money(s.profitAtRisk)}${NBSP}${unit} ` +
    `(${share(s.profitAtRiskShare)} прибыли под риском всего магазина).`;
}

/** How to read the recommendations' numbers, with the run's significance settings. */
function legend(config: SegmentsArtifact["config"]): string {
  const sig = config.significance;
  return `В рекомендациях после названия признака — среднее в сегменте против среднего у остальных; δ — ` +
    `величина отличия (δ Клиффа, для категорий — V Крамера), p — с поправкой на число сравнений ` +
    `(Бенджамини — Хохберг). Рекомендация опирается только на значимое (p < ${ruShort(sig.alpha)}) и заметное ` +
    `(|δ| ≥ ${ruShort(sig.minCliffsDelta)}, V ≥ ${ruShort(sig.minCramersV)}) отличие.`;
}

/**
 * The segments section.
 *
 * @example
 * ```ts
 * import type { ReportArtifacts } from "./common.ts";
 * declare const artifacts: ReportArtifacts;
 * segmentsSection(artifacts).overview[0]?.name; // "Удержать в первую очередь"
 * ```
 */
export function segmentsSection(a: Pick<ReportArtifacts, "segments">): SegmentsSection {
  const months = a.segments.config.horizonMonths;
  const horizon = `${months} ${ruPlural(months, MONTHS)}`;
  // «усл. ед.» never breaks across lines.
  const unit = a.segments.config.moneyUnit.replaceAll(" ", NBSP);
  return {
    horizon,
    unit,
    legend: legend(a.segments.config),
    overview: a.segments.segments.map((s) => ({
      name: s.name,
      size: ruInt(s.size),
      customerShare: ruPercent(s.customerShare, 0),
      profitShare: share(s.profitShare, 0),
      meanProbability: share(s.meanProbability, 0),
      profitAtRisk: money(s.profitAtRisk),
      profitAtRiskShare: share(s.profitAtRiskShare, 0),
    })),
    items: a.segments.segments.map((s) => ({
      name: s.name,
      kind: s.kind === "matrix" ? "Матрица «риск × прибыль»" : "Сегмент, предложенный магазином",
      definition: s.definition,
      facts: facts(s, unit),
      ...compositionRows(s),
      differences: segmentDifferences(s, unit),
      recommendations: s.recommendations.map((r) => r.text),
      conclusion: s.conclusion?.text ?? null,
    })),
  };
}
