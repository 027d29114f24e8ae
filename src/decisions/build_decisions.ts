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
  if (frame.columns.includes("activity")) return (frame.getColumn("activity").toArray() as unknown[]).map(String);
  if (frame.columns.includes("target")) {
    return (frame.getColumn("target").toArray() as unknown[]).map((t) => Number(t) === 1 ? LABEL_DROPPED : LABEL_SAME);
  }
  throw new Error('The decisions need the observed label (column "activity" or "target") of every customer');
}

function columnOf(input: SegmentInput, name: string): unknown[] {
  return input.frame.columns.includes(name) ? input.frame.getColumn(name).toArray() as unknown[] : [];
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
  segments: Pick<SegmentsResult, "cuts" | "offers">,
  config: RunConfig,
): DecisionsResult {
  const { cuts } = segments;
  const effect = config.campaign.assumedEffect;
  const ids = columnOf(input, "id").map(String);
  const row = new Map(ids.map((id, i) => [id, i]));
  const label = labelOf(input);
  const consent = columnOf(input, "allow_messages").map((v) => v === "да");
  const category = columnOf(input, "popular_category").map(String);
  const unpaid = columnOf(input, "unpaid_items_quarter").map(Number);
  const errors = columnOf(input, "service_errors").map(Number);
  const callCost = contactCost("call", config);
  const cache = new Map<string, unknown[]>();
  const valueOf = (feature: string, i: number) => {
    if (!cache.has(feature)) cache.set(feature, columnOf(input, feature));
    return cache.get(feature)![i];
  };

  // 1. Segment and action for everyone (group decided below).
  const decided = segments.offers.map((o) => {
    const i = row.get(o.id);
    if (i === undefined) throw new Error(`Offer for customer ${o.id} has no row in the segment input`);
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
    const reasonDetails = reasons.map((r): ReasonDetail => {
      const v = valueOf(r.feature, i);
      return {
        feature: r.feature,
        label: r.label,
        direction: r.direction,
        value: featureInfo(r.feature)?.type === "number" ? Number(v) : String(v),
      };
    });
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
  const candidates = decided.filter((o) => o.activity !== LABEL_DROPPED).map((o): PreventionCandidate => {
    const i = row.get(o.id)!;
    const segment = o.profit >= cuts.profitCut ? "prevent_valuable" : "prevent";
    const a = assignAction({
      segment,
      reasons: input.reasons[i]!,
      consent: o.consent,
      unpaidItems: unpaid[i] ?? 0,
      serviceErrors: errors[i] ?? 0,
      expectedSaved: effect * o.profitAtRisk,
      callCost,
    });
    return {
      probability: o.probability,
      profitAtRisk: o.profitAtRisk,
      actionCost: contactCost(LEVERS[a.lever].channel, config),
    };
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
