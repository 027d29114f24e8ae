/**
 * From scores to decisions: every customer's action segment, one action and
 * channel (consent-aware), the control groups, and the campaign's economics
 * — one assignment behind offers.csv, offers.json and campaign_plan.json.
 *
 * @module
 */
import type { RunConfig } from "../config/run_config.ts";
import { LABEL_DROPPED, LABEL_SAME } from "../data/schema.ts";
import { featureInfo } from "../features/derived.ts";
import type { SegmentsResult } from "../segments/build_segments.ts";
import type { SegmentInput } from "../segments/input.ts";
import { LEVERS } from "../segments/levers.ts";
import type { Offer, ReasonDetail } from "../segments/offers.ts";
import { ACTION_SEGMENT, ACTION_SEGMENTS, type ActionSegmentId, actionSegmentOf } from "./action_segments.ts";
import { assignAction } from "./assignment.ts";
import { CHANNELS, contactCost } from "./channels.ts";
import { controlNote, type ControlPlan, drawControl, type Group, GROUP_NAMES, sizeControl } from "./control_groups.ts";
import {
  bestThreshold,
  type Economics,
  economicsOf,
  type PreventionCandidate,
  thresholdCurve,
  type ThresholdPoint,
} from "./economics.ts";
import { minimalDetectableEffect } from "./power.ts";
import { numberColumn, textColumn } from "../segments/frame_columns.ts";

/** An offer whose action segment is typed. */
export interface DecidedOffer extends Offer {
  actionSegment: ActionSegmentId;
}

/** One action of a segment and how many of its customers get it. */
export interface ActionCount {
  action: Offer["action"];
  channel: Offer["channel"];
  /** Customers assigned it (offer and control group). */
  customers: number;
  /** Of them, in the offer group. */
  offer: number;
}

/** One action segment in the plan. */
export interface ActionSegmentPlan {
  id: ActionSegmentId;
  name: string;
  definition: string;
  economics: Economics;
  control: ControlPlan;
  /** What the control-group plan means (Russian). */
  controlNote: string;
  /** Actions assigned in the segment, most customers first. */
  actions: ActionCount[];
  /** Customers without consent (their actions are on the site). */
  withoutConsent: number;
}

/** The campaign plan. */
export interface CampaignPlan {
  segments: ActionSegmentPlan[];
  /** Every customer together. */
  overall: Economics;
  /**
   * The control groups of all tested segments together: the smallest relative
   * drop-rate reduction the whole campaign can detect (null: no control group,
   * or none detectable).
   */
  overallMinimalDetectableEffect: number | null;
  /** The expected-net-value curve of the prevention rule over thresholds. */
  curve: ThresholdPoint[];
  /** The curve's maximum (highest threshold on ties). */
  bestThreshold: ThresholdPoint;
  /** The model's threshold (the rule the action segments use) and its point of the curve's rule. */
  modelThreshold: ThresholdPoint;
}

/** What the decisions add to the segment stage's result. */
export interface DecisionsResult {
  /** One per customer, in the segment stage's order (most profit at risk first). */
  offers: DecidedOffer[];
  plan: CampaignPlan;
}

function labelOf(input: SegmentInput): string[] {
  const { frame } = input;
  if (frame.columns.includes("activity")) return textColumn(frame, "activity");
  if (frame.columns.includes("target")) {
    return Array.from(numberColumn(frame, "target"), (t) => t === 1 ? LABEL_DROPPED : LABEL_SAME);
  }
  throw new Error('The decisions need the observed label (column "activity" or "target") of every customer');
}

/** A column's numbers, or none when the frame lacks it (each row's value then reads as missing). */
function numbersOf(input: SegmentInput, name: string): Float64Array {
  return input.frame.columns.includes(name) ? numberColumn(input.frame, name) : new Float64Array(0);
}

/** A column's texts, or none when the frame lacks it. */
function textsOf(input: SegmentInput, name: string): string[] {
  return input.frame.columns.includes(name) ? textColumn(input.frame, name) : [];
}

/**
 * Each row's value of a reason's feature, as offers show it: a number for a
 * numeric feature, else its text (a column the frame lacks: NaN or "undefined").
 */
function featureValues(input: SegmentInput, feature: string): (i: number) => number | string {
  const present = input.frame.columns.includes(feature);
  if (featureInfo(feature)?.type === "number") {
    const values = present ? numberColumn(input.frame, feature) : null;
    return (i) => values?.[i] ?? NaN;
  }
  const texts = present ? textColumn(input.frame, feature) : [];
  return (i) => texts[i] ?? "undefined";
}

/**
 * Each offer's row in the input: the segment stage's `offerRows` when they
 * match the offers' ids (a string comparison each), else by looking every id
 * up — a Map of a million ids costs seconds.
 */
function offerRowsOf(
  input: SegmentInput,
  segments: Pick<SegmentsResult, "offers"> & Partial<Pick<SegmentsResult, "offerRows">>,
): Int32Array {
  const { offers, offerRows } = segments;
  const ids = (input.frame.getColumn("id").toArray() as unknown[]).map(String);
  if (offerRows?.length === offers.length && offers.every((o, k) => ids[offerRows[k]!] === o.id)) return offerRows;
  const row = new Map(ids.map((id, i) => [id, i]));
  return Int32Array.from(offers, (o) => {
    const i = row.get(o.id);
    if (i === undefined) throw new Error(`Offer for customer ${o.id} has no row in the segment input`);
    return i;
  });
}

/**
 * Decides for every customer of a segmented input.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import { buildSegments } from "../segments/build_segments.ts";
 * import type { SegmentInput } from "../segments/input.ts";
 * declare const input: SegmentInput;
 * const d = buildDecisions(input, buildSegments(input), DEFAULT_CONFIG);
 * d.plan.overall.net;
 * ```
 */
export function buildDecisions(
  input: SegmentInput,
  segments: Pick<SegmentsResult, "cuts" | "offers"> & Partial<Pick<SegmentsResult, "offerRows">>,
  config: RunConfig,
): DecisionsResult {
  const { cuts } = segments;
  const effect = config.campaign.assumedEffect;
  const rowOf = offerRowsOf(input, segments);
  const label = labelOf(input);
  const consent = textsOf(input, "allow_messages").map((v) => v === "да");
  const category = textsOf(input, "popular_category");
  const unpaid = numbersOf(input, "unpaid_items_quarter");
  const errors = numbersOf(input, "service_errors");
  const callCost = contactCost("call", config);
  const values = new Map<string, (i: number) => number | string>();
  const valueOf = (feature: string, i: number) => {
    let of = values.get(feature);
    if (of === undefined) values.set(feature, of = featureValues(input, feature));
    return of(i);
  };

  // 1. Segment and action for everyone (group decided below).
  const decided = segments.offers.map((o, k) => {
    const i = rowOf[k]!;
    const segment = actionSegmentOf({
      dropped: label[i] === LABEL_DROPPED,
      probability: o.probability,
      profit: o.profit,
    }, cuts);
    const reasons = input.reasons[i]!;
    const a = assignAction({
      segment,
      reasons,
      consent: consent[i]!,
      unpaidItems: unpaid[i] ?? 0,
      serviceErrors: errors[i] ?? 0,
      expectedSaved: effect * o.profitAtRisk,
      callCost,
    });
    const lever = LEVERS[a.lever];
    const reasonDetails = reasons.map((r): ReasonDetail => ({
      feature: r.feature,
      label: r.label,
      direction: r.direction,
      value: valueOf(r.feature, i),
    }));
    return {
      ...o,
      actionSegment: segment,
      actionSegmentName: ACTION_SEGMENT[segment].name,
      action: a.lever,
      actionName: lever.name,
      channel: lever.channel,
      channelName: CHANNELS[lever.channel].name,
      group: "offer" as Group,
      groupName: GROUP_NAMES.offer,
      category: category[i]!,
      activity: label[i]!,
      consent: consent[i]!,
      actionCost: contactCost(lever.channel, config),
      expectedSaved: lever.isOffer ? effect * o.profitAtRisk : 0,
      reasonFeature: a.reasonFeature,
      consentFallback: a.consentFallback,
      reasonDetails,
    } satisfies DecidedOffer;
  });

  // 2. Control groups, segment by segment.
  const controlOptions = {
    alpha: config.campaign.alpha,
    power: config.campaign.power,
    assumedEffect: effect,
    controlShare: config.campaign.controlShare,
    seed: config.seed,
  };
  const plans = ACTION_SEGMENTS.map((s, k) => {
    const members = decided.filter((o) => o.actionSegment === s.id);
    const tested = members.some((o) => o.actionCost > 0 || LEVERS[o.action].needsConsent);
    const meanP = members.reduce((a, o) => a + o.probability, 0) / Math.max(members.length, 1);
    const control = sizeControl(s.id, members.length, meanP, tested, controlOptions);
    const held = drawControl(members, control.control, config.seed, k);
    for (const o of members) {
      if (held.has(o.id)) o.group = "control", o.groupName = GROUP_NAMES.control;
    }
    return { segment: s, members, control };
  });

  // 3. Economics from the rows.
  const rowsOf = (os: readonly DecidedOffer[]) =>
    os.map((o) => ({
      segment: o.actionSegment,
      group: o.group,
      profitAtRisk: o.profitAtRisk,
      actionCost: o.actionCost,
      message: LEVERS[o.action].needsConsent,
      isOffer: LEVERS[o.action].isOffer,
    }));
  const segmentPlans = plans.map(({ segment, members, control }): ActionSegmentPlan => {
    const counts = new Map<Offer["action"], ActionCount>();
    for (const o of members) {
      const c = counts.get(o.action) ?? { action: o.action, channel: o.channel, customers: 0, offer: 0 };
      c.customers++;
      if (o.group === "offer") c.offer++;
      counts.set(o.action, c);
    }
    return {
      id: segment.id,
      name: segment.name,
      definition: segment.definition,
      economics: economicsOf(rowsOf(members), effect),
      control,
      controlNote: controlNote(control),
      actions: [...counts.values()].sort((a, b) => b.customers - a.customers || a.action.localeCompare(b.action)),
      withoutConsent: members.filter((o) => !o.consent).length,
    };
  });

  // 4. The campaign as a whole, and the threshold curve of the prevention rule.
  const testedRows = plans.filter((p) => p.control.tested).flatMap((p) => p.members);
  const controls = testedRows.filter((o) => o.group === "control").length;
  const pooledP = testedRows.reduce((a, o) => a + o.probability, 0) / Math.max(testedRows.length, 1);
  const overallMde = controls > 0 && pooledP > 0 && pooledP < 1
    ? minimalDetectableEffect(pooledP, controls, testedRows.length - controls, controlOptions)
    : null;
  // Everyone still at the previous level, as prevention would reach them: a customer the model already flags
  // has that very action (the same segment and context), the others' is chosen here.
  const candidates: PreventionCandidate[] = [];
  decided.forEach((o, k) => {
    if (o.activity === LABEL_DROPPED) return;
    let actionCost = o.actionCost;
    if (o.actionSegment === "maintain") {
      const i = rowOf[k]!;
      const a = assignAction({
        segment: o.profit >= cuts.profitCut ? "prevent_valuable" : "prevent",
        reasons: input.reasons[i]!,
        consent: o.consent,
        unpaidItems: unpaid[i] ?? 0,
        serviceErrors: errors[i] ?? 0,
        expectedSaved: effect * o.profitAtRisk,
        callCost,
      });
      actionCost = contactCost(LEVERS[a.lever].channel, config);
    }
    candidates.push({ probability: o.probability, profitAtRisk: o.profitAtRisk, actionCost });
  });
  const curve = thresholdCurve(candidates, effect);
  const modelThreshold = thresholdCurve(candidates, effect, [cuts.threshold])[0]!;
  return {
    offers: decided,
    plan: {
      segments: segmentPlans,
      overall: economicsOf(rowsOf(decided), effect),
      overallMinimalDetectableEffect: overallMde,
      curve,
      bestThreshold: bestThreshold(curve),
      modelThreshold,
    },
  };
}
