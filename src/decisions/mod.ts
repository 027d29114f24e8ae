/**
 * From scores to decisions: action segments (every customer in exactly one),
 * one consent-aware action and channel per customer, seeded control groups
 * sized by a power calculation, and the campaign's economics with one
 * definition of money.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import { buildSegments } from "../segments/build_segments.ts";
 * import type { SegmentInput } from "../segments/input.ts";
 * import { buildDecisions } from "./mod.ts";
 * declare const input: SegmentInput;
 * const { offers, plan } = buildDecisions(input, buildSegments(input), DEFAULT_CONFIG);
 * plan.segments.map((s) => [s.name, s.economics.customers, s.economics.net]);
 * ```
 *
 * @module
 */
export {
  ACTION_SEGMENT,
  ACTION_SEGMENTS,
  type ActionSegment,
  type ActionSegmentEvidence,
  type ActionSegmentId,
  actionSegmentOf,
} from "./action_segments.ts";
export { assignAction, type Assignment, type AssignmentContext, LEVER_OF_FEATURE } from "./assignment.ts";
export { type Channel, type ChannelId, CHANNELS, contactCost } from "./channels.ts";
export {
  controlNote,
  type ControlOptions,
  type ControlPlan,
  drawControl,
  type Group,
  GROUP_NAMES,
  MIN_CONTROL,
  sizeControl,
} from "./control_groups.ts";
export {
  bestThreshold,
  CURVE_THRESHOLDS,
  type Economics,
  economicsOf,
  type EconomicsRow,
  type PreventionCandidate,
  SENSITIVITY_EFFECTS,
  type SensitivityPoint,
  thresholdCurve,
  type ThresholdPoint,
} from "./economics.ts";
export { detects, minimalDetectableEffect, perArmSize, type PowerOptions, requiredPerArm } from "./power.ts";
export {
  type ActionCount,
  type ActionSegmentPlan,
  buildDecisions,
  type CampaignPlan,
  type DecidedOffer,
  type DecisionsResult,
} from "./build_decisions.ts";
