/**
 * campaign_plan.json: the decisions as a plan the store can fund and then
 * verify — per action segment its definition, customers, contacts, cost,
 * profit at risk, expected saved profit, net value, ROI, break-even effect, a
 * sensitivity table, the actions assigned and the control group (size from
 * the power calculation, whether the segment is measurable, the smallest
 * detectable effect, what that means); the same for all customers; the
 * expected-net-value curve over thresholds with its maximum; the action
 * catalogue and the assumptions, with the money unit.
 *
 * Every total is a sum over offers.json's (and offers.csv's) rows: money is
 * defined once (`src/decisions/economics.ts`) and `definitions` states it.
 *
 * @module
 */
import * as z from "zod";
import type { RunConfig } from "../config/run_config.ts";
import { CHANNELS } from "../decisions/channels.ts";
import { MIN_CONTROL } from "../decisions/control_groups.ts";
import type { CampaignPlan } from "../decisions/build_decisions.ts";
import { LEVERS } from "../segments/levers.ts";
import type { Cuts } from "../segments/cuts.ts";
import { type ArtifactSpec, CONFIG_FIELD, readArtifact, writeArtifact } from "./artifact_file.ts";

/** The version of campaign_plan.json this code writes and reads. */
export const CAMPAIGN_PLAN_SCHEMA_VERSION = 1;

const sensitivity = z.object({ effect: z.number(), expectedSaved: z.number(), net: z.number() });

/** Economics of a group of customers; money in the plan's `moneyUnit`. */
const economics = z.object({
  customers: z.number().int(),
  /** In the offer group. */
  offer: z.number().int(),
  /** Held out as control. */
  control: z.number().int(),
  /** Offer-group customers whose action costs something or sends a message. */
  contacts: z.number().int(),
  cost: z.number(),
  /** Σ profit at risk over every customer of the group. */
  profitAtRisk: z.number(),
  /** Σ profit at risk over the offer group. */
  profitAtRiskReached: z.number(),
  expectedSaved: z.number(),
  net: z.number(),
  /** null when nothing is spent. */
  roi: z.number().nullable(),
  /** null when nothing is at risk in the offer group. */
  breakEvenEffect: z.number().nullable(),
  sensitivity: z.array(sensitivity),
});

const thresholdPoint = z.object({
  threshold: z.number(),
  customers: z.number().int(),
  cost: z.number(),
  expectedSaved: z.number(),
  net: z.number(),
});

const channelId = z.enum(["email", "push", "sms", "call", "site"]);

/** The schema of campaign_plan.json. */
export const CAMPAIGN_PLAN_SCHEMA = z.object({
  schemaVersion: z.literal(CAMPAIGN_PLAN_SCHEMA_VERSION),
  config: CONFIG_FIELD,
  /** The unit of every amount (money.csv's). */
  moneyUnit: z.string(),
  horizonMonths: z.number().int(),
  /** The model's threshold and the profit cut that place customers in action segments. */
  threshold: z.number(),
  profitCut: z.number(),
  assumptions: z.object({
    /** Relative reduction of the drop probability by an offer. */
    assumedEffect: z.number(),
    costPerContact: z.record(channelId, z.number()),
    alpha: z.number(),
    power: z.number(),
    controlShare: z.number(),
    /** Smallest control group held out. */
    minControl: z.number().int(),
    seed: z.number().int(),
  }),
  /** How each quantity is defined (Russian, for the report). */
  definitions: z.record(z.string(), z.string()),
  /** The action catalogue (levers assigned or available). */
  actions: z.array(z.object({
    id: z.string(),
    name: z.string(),
    receives: z.string(),
    channel: channelId,
    channelName: z.string(),
    needsConsent: z.boolean(),
    costPerContact: z.number(),
  })),
  segments: z.array(z.object({
    id: z.enum(["win_back_valuable", "win_back", "prevent_valuable", "prevent", "maintain"]),
    name: z.string(),
    definition: z.string(),
    economics,
    control: z.object({
      /** The segment takes part in the experiment (its action costs something or sends a message). */
      tested: z.boolean(),
      expectedDropRate: z.number(),
      expectedDropRateWithOffer: z.number(),
      requiredPerArm: z.number().int().nullable(),
      control: z.number().int(),
      offer: z.number().int(),
      measurable: z.boolean(),
      minimalDetectableEffect: z.number().nullable(),
      /** What the plan means, in Russian. */
      note: z.string(),
    }),
    actions: z.array(z.object({
      action: z.string(),
      name: z.string(),
      channel: channelId,
      customers: z.number().int(),
      offer: z.number().int(),
    })),
    withoutConsent: z.number().int(),
  })),
  overall: economics,
  /** Smallest relative drop-rate reduction the pooled control groups detect (null: none). */
  overallMinimalDetectableEffect: z.number().nullable(),
  curve: z.array(thresholdPoint),
  bestThreshold: thresholdPoint,
  modelThreshold: thresholdPoint,
});

/** campaign_plan.json. */
export type CampaignPlanArtifact = z.infer<typeof CAMPAIGN_PLAN_SCHEMA>;

/** How campaign_plan.json is stored. */
export const CAMPAIGN_PLAN_FILE: ArtifactSpec<typeof CAMPAIGN_PLAN_SCHEMA> = {
  file: "campaign_plan.json",
  schemaVersion: CAMPAIGN_PLAN_SCHEMA_VERSION,
  schema: CAMPAIGN_PLAN_SCHEMA,
  writtenBy: "the segment stage",
  pretty: true,
};

/** The definitions the plan states, with the horizon and unit filled in. */
function definitions(config: RunConfig): Record<string, string> {
  const h = config.horizonMonths, u = config.moneyUnit;
  return {
    profitAtRisk: `Прибыль под риском — вероятность снижения активности × прибыль в месяц × ${h} мес., в ${u}; ` +
      "у группы — сумма по её покупателям.",
    profitAtRiskReached: "Прибыль под риском у тех, кто получает предложение: без контрольной группы и без " +
      "сегмента «Поддерживать», которому отдельного предложения нет.",
    expectedSaved: `Ожидаемая сохранённая прибыль — предполагаемый эффект (${
      Math.round(config.campaign.assumedEffect * 100)
    } % ушедших меньше) × прибыль под риском у получающих предложение.`,
    cost: "Затраты — сумма стоимости контакта по каналу назначенного действия у получающих предложение.",
    net: "Чистый эффект — ожидаемая сохранённая прибыль минус затраты.",
    roi: "ROI — чистый эффект / затраты (нет, если затрат нет).",
    breakEvenEffect: "Эффект безубыточности — затраты / прибыль под риском у получающих предложение: " +
      "на сколько должна снизиться доля ушедших, чтобы предложение окупилось.",
    contacts: "Контакты — получающие предложение, чьё действие стоит денег или отправляет сообщение.",
    curve: "Кривая чистого эффекта: действовать на всех покупателей с прежней активностью и вероятностью снижения " +
      "не ниже порога, без контрольной группы. Предполагается одинаковый эффект при любом риске, поэтому при " +
      "дешёвых контактах кривая растёт к низким порогам; каков эффект у покупателей с низким риском, " +
      "покажет только контрольная группа.",
  };
}

/**
 * campaign_plan.json from the decisions.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * import type { CampaignPlan } from "../decisions/build_decisions.ts";
 * import type { Cuts } from "../segments/cuts.ts";
 * declare const plan: CampaignPlan, cuts: Cuts;
 * buildCampaignPlanArtifact({ plan, cuts }, DEFAULT_CONFIG).overall.net;
 * ```
 */
export function buildCampaignPlanArtifact(
  result: { plan: CampaignPlan; cuts: Pick<Cuts, "threshold" | "profitCut"> },
  config: RunConfig,
): CampaignPlanArtifact {
  const { plan, cuts } = result;
  const c = config.campaign;
  return {
    schemaVersion: CAMPAIGN_PLAN_SCHEMA_VERSION,
    config,
    moneyUnit: config.moneyUnit,
    horizonMonths: config.horizonMonths,
    threshold: cuts.threshold,
    profitCut: cuts.profitCut,
    assumptions: {
      assumedEffect: c.assumedEffect,
      costPerContact: { ...c.costPerContact },
      alpha: c.alpha,
      power: c.power,
      controlShare: c.controlShare,
      minControl: MIN_CONTROL,
      seed: config.seed,
    },
    definitions: definitions(config),
    actions: Object.values(LEVERS).map((l) => ({
      id: l.id,
      name: l.name,
      receives: l.receives,
      channel: l.channel,
      channelName: CHANNELS[l.channel].name,
      needsConsent: l.needsConsent,
      costPerContact: c.costPerContact[l.channel],
    })),
    segments: plan.segments.map((s) => ({
      id: s.id,
      name: s.name,
      definition: s.definition,
      economics: s.economics,
      control: {
        tested: s.control.tested,
        expectedDropRate: s.control.expectedDropRate,
        expectedDropRateWithOffer: s.control.expectedDropRateWithOffer,
        requiredPerArm: s.control.requiredPerArm,
        control: s.control.control,
        offer: s.control.offer,
        measurable: s.control.measurable,
        minimalDetectableEffect: s.control.minimalDetectableEffect,
        note: s.controlNote,
      },
      actions: s.actions.map((a) => ({ ...a, name: LEVERS[a.action].name })),
      withoutConsent: s.withoutConsent,
    })),
    overall: plan.overall,
    overallMinimalDetectableEffect: plan.overallMinimalDetectableEffect,
    curve: plan.curve,
    bestThreshold: plan.bestThreshold,
    modelThreshold: plan.modelThreshold,
  };
}

/**
 * Writes `dir/campaign_plan.json` (atomic).
 *
 * @example
 * ```ts
 * declare const artifact: CampaignPlanArtifact;
 * await writeCampaignPlan("out/artifacts", artifact);
 * ```
 */
export function writeCampaignPlan(dir: string, artifact: CampaignPlanArtifact): Promise<void> {
  return writeArtifact(CAMPAIGN_PLAN_FILE, dir, artifact);
}

/**
 * Reads and validates `dir/campaign_plan.json`; any problem is one DataError naming the file and field.
 *
 * @example
 * ```ts
 * (await readCampaignPlan("out/artifacts")).segments.map((s) => s.name);
 * ```
 */
export function readCampaignPlan(dir: string): Promise<CampaignPlanArtifact> {
  return readArtifact(CAMPAIGN_PLAN_FILE, dir);
}
