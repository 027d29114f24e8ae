/**
 * «Сегменты и рекомендации»: every segment's size, money and risk, how it
 * differs from the other customers and what to do, from segments.json.
 *
 * @module
 */
import type { ProfileDifference, SegmentArtifact } from "../../artifacts/segments.ts";
import { NBSP, NO_VALUE, ruCount, ruInt, ruNumber, ruPercent, ruPlural } from "../../text/ru_format.ts";
import { CUSTOMERS, money, MONTHS, type ReportArtifacts } from "./common.ts";

/** Notable differences listed per segment. */
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

/** One segment in detail. */
export interface SegmentItem {
  name: string;
  kind: string;
  definition: string;
  facts: string;
  differences: string[];
  recommendations: string[];
}

/** The segments section. */
export interface SegmentsSection {
  /** The horizon with its noun («3 месяца»). */
  horizon: string;
  /** The unit of money.csv («усл. ед.»), from the run's config. */
  unit: string;
  overview: SegmentRow[];
  items: SegmentItem[];
}

/** A share that may be undefined for the data (null): «—». */
const share = (x: number | null, digits?: number) => (x === null ? NO_VALUE : ruPercent(x, digits));

/** Features measured in the money.csv unit. */
const MONEY_FEATURES = new Set(["profit"]);

function differenceText(d: ProfileDifference, unit: string): string | undefined {
  if (!d.notable || d.effect === null) return undefined;
  if (d.type === "number") {
    if (d.meanIn === null || d.meanOut === null) return undefined;
    const u = MONEY_FEATURES.has(d.feature) ? `${NBSP}${unit}` : "";
    return `${d.label}: в среднем ${ruNumber(d.meanIn, 2)}${u} против ${ruNumber(d.meanOut, 2)}${u} у остальных`;
  }
  const gap = (l: (typeof d.levels)[number]) => (l.shareIn ?? 0) - (l.shareOut ?? 0);
  const top = [...d.levels].sort((a, b) => gap(b) - gap(a))[0];
  if (!top) return undefined;
  return `${d.label}: «${top.value}» — ${share(top.shareIn)} против ${share(top.shareOut)} у остальных`;
}

/**
 * The notable differences of a segment, strongest first, in words.
 *
 * @example
 * ```ts
 * import type { SegmentArtifact } from "../../artifacts/segments.ts";
 * declare const segment: SegmentArtifact;
 * segmentDifferences(segment, "усл. ед."); // ["Страниц за визит: в среднем 4,50 против 8,90 у остальных", …]
 * ```
 */
export function segmentDifferences(s: SegmentArtifact, unit: string, n = TOP_DIFFERENCES): string[] {
  return [...s.profile]
    .filter((d) => d.notable && d.effect !== null)
    .sort((x, y) => Math.abs(y.effect!) - Math.abs(x.effect!) || x.feature.localeCompare(y.feature))
    .slice(0, n)
    .map((d) => differenceText(d, unit))
    .filter((t): t is string => t !== undefined);
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
  const horizon = a.segments.config.horizonMonths;
  // «усл. ед.» never breaks across lines.
  const unit = a.segments.config.moneyUnit.replaceAll(" ", NBSP);
  return {
    horizon: `${horizon} ${ruPlural(horizon, MONTHS)}`,
    unit,
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
      facts: `${ruCount(s.size, CUSTOMERS)} (${ruPercent(s.customerShare)} всех), ${share(s.profitShare)} ` +
        `прибыли магазина; средняя вероятность снижения ${share(s.meanProbability, 0)}; ` +
        `прибыль под риском за ${s.horizonMonths} мес. — ${money(s.profitAtRisk)}${NBSP}${unit} ` +
        `(${share(s.profitAtRiskShare)} всей прибыли под риском).`,
      differences: segmentDifferences(s, unit),
      recommendations: s.recommendations.map((r) => r.text),
    })),
  };
}
