/**
 * Treatment against control: per action segment and overall, each group's
 * size, drop rate (share «Снизилась») and mean monthly profit, and two
 * effects with 95 % intervals —
 *
 * - **drop effect** = drop rate in control − drop rate in treatment (positive:
 *   the offer prevented drops), Newcombe's hybrid score interval;
 * - **profit effect** = mean profit in treatment − mean profit in control
 *   (positive: the offer raised profit), Welch's interval.
 *
 * An effect is distinguishable from zero when its interval excludes 0.
 * **Overall** pools the customers of every segment that has both groups, as
 * one treatment and one control group: a plain pooled comparison, not a
 * stratified one, so when the control share differs between segments the
 * overall figure mixes in their different base rates (the per-segment rows
 * do not).
 *
 * @module
 */
import type { CustomerId } from "../data/customer_id.ts";
import { moments, welchInterval } from "./mean_interval.ts";
import { newcombeInterval } from "./proportion_interval.ts";
import { normalUpper } from "./student_t.ts";

/** Confidence level of every interval. */
export const CONFIDENCE = 0.95;
const TAIL = (1 - CONFIDENCE) / 2;

/** Action segments in the order the store's plan lists them; codes not listed follow, in order of appearance. */
export const SEGMENT_ORDER: readonly string[] = [
  "win_back_valuable",
  "win_back",
  "prevent_valuable",
  "prevent",
  "maintain",
];

/** One customer's outcome after the campaign. */
export interface Outcome {
  id: CustomerId;
  /** The drop probability offers.csv predicted. */
  probability: number;
  segment: string;
  segmentName: string;
  treated: boolean;
  /** Activity «Снизилась» in the next export. */
  dropped: boolean;
  /** Monthly profit in the next export. */
  profit: number;
}

/** One group's figures. */
export interface GroupFigures {
  customers: number;
  dropped: number;
  /** NaN for an empty group. */
  dropRate: number;
  /** NaN for an empty group. */
  meanProfit: number;
  /**
   * Mean predicted drop probability (from offers.csv): a balance check — with
   * random groups it is about equal in both; when it is not, part of the
   * difference in drop rates is the groups' different risk, not the offer.
   */
  meanProbability: number;
}

/** An effect with its interval; all NaN when it cannot be estimated. */
export interface Effect {
  effect: number;
  low: number;
  high: number;
  /** The interval excludes 0. */
  distinguishable: boolean;
}

/** Treatment against control in one set of customers. */
export interface Comparison {
  /** Segment code, or `overall`. */
  segment: string;
  segmentName: string;
  treatment: GroupFigures;
  control: GroupFigures;
  /** Control's drop rate − treatment's (Newcombe). */
  drop: Effect;
  /** Treatment's mean profit − control's (Welch). */
  profit: Effect;
}

/** The overall entry's code. */
export const OVERALL = "overall";

const NONE: Effect = { effect: NaN, low: NaN, high: NaN, distinguishable: false };

/**
 * Compares treatment and control in a set of outcomes.
 *
 * @example
 * ```ts
 * const o = (treated: boolean, dropped: boolean) =>
 *   ({ id: "1", probability: 0.5, segment: "s", segmentName: "S", treated, dropped, profit: dropped ? 3 : 5 });
 * compareGroups("s", "S", [o(true, false), o(true, true), o(false, true), o(false, true)]).drop.effect; // 0.5
 * ```
 */
export function compareGroups(segment: string, segmentName: string, outcomes: readonly Outcome[]): Comparison {
  const treated = outcomes.filter((o) => o.treated), control = outcomes.filter((o) => !o.treated);
  const t = figures(treated), c = figures(control);
  const z = normalUpper(TAIL);
  let drop = NONE;
  if (t.customers > 0 && c.customers > 0) {
    const i = newcombeInterval(c.dropped, c.customers, t.dropped, t.customers, z);
    drop = effectOf(c.dropRate - t.dropRate, i.low, i.high);
  }
  const w = welchInterval(moments(treated.map((o) => o.profit)), moments(control.map((o) => o.profit)), TAIL);
  const profit = w ? effectOf(t.meanProfit - c.meanProfit, w.low, w.high) : NONE;
  return { segment, segmentName, treatment: t, control: c, drop, profit };
}

/**
 * Per action segment (in {@linkcode SEGMENT_ORDER}) and overall: every
 * segment's comparison, and the pooled comparison of the segments that have
 * both groups.
 *
 * @example
 * ```ts
 * declare const outcomes: Outcome[];
 * const { overall, segments } = compareCampaign(outcomes);
 * overall.drop.distinguishable;
 * ```
 */
export function compareCampaign(outcomes: readonly Outcome[]): { overall: Comparison; segments: Comparison[] } {
  const bySegment = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    const list = bySegment.get(o.segment);
    if (list) list.push(o);
    else bySegment.set(o.segment, [o]);
  }
  const rank = (code: string) => {
    const i = SEGMENT_ORDER.indexOf(code);
    return i < 0 ? SEGMENT_ORDER.length : i;
  };
  const codes = [...bySegment.keys()].sort((a, b) => rank(a) - rank(b)); // stable: unknown codes keep their order
  const segments = codes.map((code) => {
    const list = bySegment.get(code)!;
    return compareGroups(code, list[0]!.segmentName, list);
  });
  const measurable = new Set(
    segments.filter((s) => s.treatment.customers > 0 && s.control.customers > 0).map((s) => s.segment),
  );
  const pooled = outcomes.filter((o) => measurable.has(o.segment));
  return { overall: compareGroups(OVERALL, "Все сегменты с обеими группами", pooled), segments };
}

function figures(group: readonly Outcome[]): GroupFigures {
  const dropped = group.filter((o) => o.dropped).length;
  return {
    customers: group.length,
    dropped,
    dropRate: group.length === 0 ? NaN : dropped / group.length,
    meanProfit: moments(group.map((o) => o.profit)).mean,
    meanProbability: moments(group.map((o) => o.probability)).mean,
  };
}

function effectOf(effect: number, low: number, high: number): Effect {
  return { effect, low, high, distinguishable: low > 0 || high < 0 };
}
