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
import { type Moments, moments, welchInterval } from "./mean_interval.ts";
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
  return comparison(segment, segmentName, groupStats(treated), groupStats(control));
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
  const segments: { code: string; name: string }[] = [];
  const at = new Map<string, number>();
  const segment = outcomes.map((o) => {
    const key = `${o.segment}\u0000${o.segmentName}`;
    let i = at.get(key);
    if (i === undefined) at.set(key, i = segments.length), segments.push({ code: o.segment, name: o.segmentName });
    return i;
  });
  return compareCampaignColumns({
    size: outcomes.length,
    segment,
    segments,
    treated: outcomes.map((o) => o.treated),
    dropped: outcomes.map((o) => o.dropped),
    profit: outcomes.map((o) => o.profit),
    probability: outcomes.map((o) => o.probability),
  });
}

/** Outcomes by column (entry `i` of each is customer `i`): a million customers without a million objects. */
export interface OutcomeColumns {
  size: number;
  /** Index into {@linkcode OutcomeColumns.segments}. */
  segment: ArrayLike<number>;
  /** Segment code and name pairs. */
  segments: readonly { code: string; name: string }[];
  treated: ArrayLike<boolean | number>;
  /** Activity «Снизилась» in the next export. */
  dropped: ArrayLike<boolean | number>;
  profit: ArrayLike<number>;
  /** The drop probability offers.csv predicted. */
  probability: ArrayLike<number>;
}

/**
 * {@linkcode compareCampaign} on columns, with identical results: each sum
 * runs over the same customers in the same order.
 *
 * @example
 * ```ts
 * const { overall } = compareCampaignColumns({
 *   size: 4, segment: [0, 0, 0, 0], segments: [{ code: "s", name: "S" }],
 *   treated: [1, 1, 0, 0], dropped: [0, 1, 1, 1], profit: [5, 3, 3, 3], probability: [0.5, 0.5, 0.5, 0.5],
 * });
 * overall.drop.effect; // 0.5
 * ```
 */
export function compareCampaignColumns(c: OutcomeColumns): { overall: Comparison; segments: Comparison[] } {
  // A code's entry: its first customer's name, as the first outcome of a list would give it.
  const codeOf = new Map<string, number>();
  const codes: { code: string; name: string }[] = [];
  const codeOfPair = Array.from(c.segments, (s) => {
    let i = codeOf.get(s.code);
    if (i === undefined) codeOf.set(s.code, i = -1);
    return i;
  });
  const code = new Int32Array(c.size);
  for (let i = 0; i < c.size; i++) {
    const pair = c.segment[i]!;
    if (codeOfPair[pair]! < 0) {
      const s = c.segments[pair]!;
      let k = codeOf.get(s.code)!;
      if (k < 0) codeOf.set(s.code, k = codes.length), codes.push({ code: s.code, name: s.name });
      codeOfPair[pair] = k;
    }
    code[i] = codeOfPair[pair]!;
  }
  // Groups: 2k treatment and 2k + 1 control of code k; the pooled ones last.
  const pooledT = 2 * codes.length, groups = pooledT + 2;
  const group = (i: number) => 2 * code[i]! + (c.treated[i] ? 0 : 1);
  const n = new Float64Array(groups);
  for (let i = 0; i < c.size; i++) n[group(i)]!++;
  const measurable = codes.map((_, k) => n[2 * k]! > 0 && n[2 * k + 1]! > 0);
  const pooled = (i: number) => measurable[code[i]!] ? pooledT + (c.treated[i] ? 0 : 1) : -1;
  for (let k = 0; k < codes.length; k++) {
    if (measurable[k]) n[pooledT]! += n[2 * k]!, n[pooledT + 1]! += n[2 * k + 1]!;
  }
  const dropped = new Float64Array(groups), profit = new Float64Array(groups), probability = new Float64Array(groups);
  const sum = (g: number, i: number) => {
    if (c.dropped[i]) dropped[g]!++;
    profit[g]! += c.profit[i]!;
    probability[g]! += c.probability[i]!;
  };
  for (let i = 0; i < c.size; i++) {
    sum(group(i), i);
    const p = pooled(i);
    if (p >= 0) sum(p, i);
  }
  const mean = (total: number, g: number) => n[g] === 0 ? NaN : total / n[g]!;
  const profitMean = Array.from(profit, mean);
  // The second pass of a two-pass variance, as `moments` computes it.
  const squares = new Float64Array(groups);
  for (let i = 0; i < c.size; i++) {
    const g = group(i), p = pooled(i);
    squares[g]! += (c.profit[i]! - profitMean[g]!) ** 2;
    if (p >= 0) squares[p]! += (c.profit[i]! - profitMean[p]!) ** 2;
  }
  const stats = (g: number): GroupStats => ({
    customers: n[g]!,
    dropped: dropped[g]!,
    profit: { n: n[g]!, mean: profitMean[g]!, variance: n[g]! < 2 ? NaN : squares[g]! / (n[g]! - 1) },
    meanProbability: mean(probability[g]!, g),
  });
  const rank = (code: string) => {
    const i = SEGMENT_ORDER.indexOf(code);
    return i < 0 ? SEGMENT_ORDER.length : i;
  };
  const order = codes.map((_, k) => k).sort((a, b) => rank(codes[a]!.code) - rank(codes[b]!.code)); // stable
  const segments = order.map((k) => comparison(codes[k]!.code, codes[k]!.name, stats(2 * k), stats(2 * k + 1)));
  return {
    overall: comparison(OVERALL, "Все сегменты с обеими группами", stats(pooledT), stats(pooledT + 1)),
    segments,
  };
}

/** What a comparison needs of one group. */
interface GroupStats {
  customers: number;
  dropped: number;
  profit: Moments;
  meanProbability: number;
}

function groupStats(group: readonly Outcome[]): GroupStats {
  return {
    customers: group.length,
    dropped: group.filter((o) => o.dropped).length,
    profit: moments(group.map((o) => o.profit)),
    meanProbability: moments(group.map((o) => o.probability)).mean,
  };
}

function comparison(segment: string, segmentName: string, t: GroupStats, c: GroupStats): Comparison {
  const ft = figures(t), fc = figures(c);
  const z = normalUpper(TAIL);
  let drop = NONE;
  if (ft.customers > 0 && fc.customers > 0) {
    const i = newcombeInterval(fc.dropped, fc.customers, ft.dropped, ft.customers, z);
    drop = effectOf(fc.dropRate - ft.dropRate, i.low, i.high);
  }
  const w = welchInterval(t.profit, c.profit, TAIL);
  const profit = w ? effectOf(ft.meanProfit - fc.meanProfit, w.low, w.high) : NONE;
  return { segment, segmentName, treatment: ft, control: fc, drop, profit };
}

function figures(g: GroupStats): GroupFigures {
  return {
    customers: g.customers,
    dropped: g.dropped,
    dropRate: g.customers === 0 ? NaN : g.dropped / g.customers,
    meanProfit: g.profit.mean,
    meanProbability: g.meanProbability,
  };
}

function effectOf(effect: number, low: number, high: number): Effect {
  return { effect, low, high, distinguishable: low > 0 || high < 0 };
}
