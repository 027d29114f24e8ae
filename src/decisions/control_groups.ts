/**
 * Control groups: in each action segment with a paid or message action, a
 * seeded random share of customers gets nothing, so that after the campaign
 * the drop rate with the offer can be compared with the drop rate without it.
 *
 * Sizing: the two-proportion power calculation (`power.ts`) with p₁ = the
 * segment's expected drop rate (its mean probability) and p₂ = p₁ × (1 −
 * assumedEffect) gives n per arm. A segment that can put n in the control and
 * at least n in the offer group, holding out at most `controlShare` of itself,
 * is measurable and holds out exactly n. Otherwise it is not measurable: the
 * assumed effect would not be told apart from chance there. It still holds
 * out its largest allowed control (controlShare of the segment) when that is
 * at least {@linkcode MIN_CONTROL} customers, because the controls of all
 * segments together measure the campaign as a whole; the plan states the
 * smallest effect the segment alone could detect. Below the minimum nobody is
 * held out: a handful of controls measures nothing and only forgoes offers.
 *
 * «Поддерживать» gets no control group: its action costs nothing and sends
 * nothing (the site shows everyone the same personalisation).
 *
 * @module
 */
import { compareIds, type CustomerId } from "../data/customer_id.ts";
import { OFFERS_CSV_GROUPS } from "../segments/offers_csv.ts";
import { orderBy } from "../stats/order.ts";
import { ruInt } from "../text/ru_format.ts";
import { hash, Rng, seedKey } from "../util/random.ts";
import type { ActionSegmentId } from "./action_segments.ts";
import { minimalDetectableEffect, type PowerOptions, requiredPerArm } from "./power.ts";

/** Smallest control group worth holding out (below it a drop rate's standard error exceeds ≈ 0.09). */
export const MIN_CONTROL = 30;

/** Stream of the control-group draws in the seeded generator (distinct from the splits'). */
const STREAM = 10_000;

/** The two groups of offers.csv's «Группа» column. */
export type Group = "offer" | "control";

/** Russian names of the groups, exactly as offers.csv writes them. */
export const GROUP_NAMES: Readonly<Record<Group, string>> = OFFERS_CSV_GROUPS;

/** Settings of the sizing and the draw. */
export interface ControlOptions extends PowerOptions {
  /** Assumed relative reduction of the drop rate by the offer. */
  assumedEffect: number;
  /** Largest share of a segment held out. */
  controlShare: number;
  seed: number;
}

/** One segment's control-group plan. */
export interface ControlPlan {
  segment: ActionSegmentId;
  /** Customers in the segment. */
  size: number;
  /** Whether the segment takes part in the experiment (false: no paid or message action). */
  tested: boolean;
  /** p₁: the expected drop rate without an offer (mean probability). */
  expectedDropRate: number;
  /** p₂ = p₁ × (1 − assumedEffect). */
  expectedDropRateWithOffer: number;
  /** Customers per arm the power calculation asks for (null when not tested). */
  requiredPerArm: number | null;
  /** Customers held out. */
  control: number;
  /** Customers who get the offer. */
  offer: number;
  /** Both arms reach the required size. */
  measurable: boolean;
  /** Smallest relative drop-rate reduction the actual arms detect (null: none, or no control). */
  minimalDetectableEffect: number | null;
}

/**
 * Plans the control group of one segment (sizes only).
 *
 * @example
 * ```ts
 * const o = { alpha: 0.05, power: 0.8, assumedEffect: 0.2, controlShare: 0.5, seed: 1 };
 * sizeControl("prevent", 1000, 0.5, true, o).control; // 388
 * sizeControl("prevent", 100, 0.5, true, o).measurable; // false
 * ```
 */
export function sizeControl(
  segment: ActionSegmentId,
  size: number,
  expectedDropRate: number,
  tested: boolean,
  o: ControlOptions,
): ControlPlan {
  const p1 = expectedDropRate, p2 = p1 * (1 - o.assumedEffect);
  const base = { segment, size, tested, expectedDropRate: p1, expectedDropRateWithOffer: p2 };
  const none = {
    ...base,
    requiredPerArm: null,
    control: 0,
    offer: size,
    measurable: false,
    minimalDetectableEffect: null,
  };
  if (!tested || size === 0 || !(p1 > 0 && p1 < 1) || !(p2 > 0)) return none;
  const n = requiredPerArm(p1, p2, o);
  const cap = Math.floor(o.controlShare * size);
  const measurable = n <= cap && size - n >= n;
  const control = measurable ? n : cap >= MIN_CONTROL ? cap : 0;
  return {
    ...base,
    requiredPerArm: n,
    control,
    offer: size - control,
    measurable,
    minimalDetectableEffect: control > 0 ? minimalDetectableEffect(p1, control, size - control, o) : null,
  };
}

/**
 * What a segment's control-group plan means, in one Russian sentence for the
 * report and campaign_plan.json (percentages rounded to whole numbers).
 *
 * @example
 * ```ts
 * const o = { alpha: 0.05, power: 0.8, assumedEffect: 0.2, controlShare: 0.5, seed: 1 };
 * controlNote(sizeControl("prevent", 1000, 0.5, true, o)); // "Измеримо: …"
 * ```
 */
export function controlNote(p: ControlPlan): string {
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  if (!p.tested) return "Без контрольной группы: отдельного предложения нет — ни затрат, ни сообщений.";
  if (p.size === 0) return "В сегменте нет покупателей.";
  const effect = pct(1 - p.expectedDropRateWithOffer / p.expectedDropRate);
  if (p.measurable) {
    return `Измеримо: контрольная группа из ${ruInt(p.control)} чел. и ${
      ruInt(p.offer)
    } чел. с предложением различат ` +
      `снижение доли ушедших на ${effect} (с ${pct(p.expectedDropRate)} до ${pct(p.expectedDropRateWithOffer)}).`;
  }
  const mde = p.minimalDetectableEffect === null ? null : pct(p.minimalDetectableEffect);
  const need = `для эффекта ${effect} нужно по ${
    p.requiredPerArm === null ? "—" : ruInt(p.requiredPerArm)
  } чел. в каждой группе, в сегменте ${ruInt(p.size)}`;
  if (p.control === 0) {
    return `Неизмеримо отдельно: ${need}; контрольная группа не выделяется (меньше ${MIN_CONTROL} чел.).`;
  }
  return `Неизмеримо отдельно: ${need}. Контрольная группа из ${ruInt(p.control)} чел. отличит от случайности только ` +
    `${mde === null ? "эффект, которого не бывает" : `снижение не меньше чем на ${mde}`}; она нужна для общего итога ` +
    "кампании по всем сегментам.";
}

/** A customer as the control draw sees them. */
export interface ControlCandidate {
  id: CustomerId;
  /** Predicted probability of a drop: the draw balances the groups on it. */
  probability: number;
}

/**
 * The seeded draw: which of a segment's customers form its control group.
 * Stratified on the predicted risk: customers ordered by probability (then
 * id) are cut into `control` consecutive strata of near-equal size and one
 * customer is drawn from each, so control and treatment have the same risk
 * profile by design — a plain shuffle of ~250 customers left the real data's
 * control group 4.9 points riskier, enough to fake an effect at follow-up.
 * The draw depends only on who is in the segment and the seed, not on row
 * order.
 *
 * @example
 * ```ts
 * import { drawControl } from "./control_groups.ts";
 * const c = [{ id: "3", probability: 0.9 }, { id: "1", probability: 0.2 }, { id: "2", probability: 0.5 }];
 * drawControl(c, 1, 42, 0).size; // 1
 * ```
 */
export function drawControl(
  customers: readonly ControlCandidate[],
  control: number,
  seed: number,
  stream: number,
): Set<CustomerId> {
  const n = customers.length, k = Math.min(control, n);
  const held = new Set<CustomerId>();
  if (k <= 0) return held;
  // By probability, then id: the order of a comparator sort, without a JS comparator call per pair of a segment
  // of hundreds of thousands.
  const probability = Float64Array.from(customers, (c) => c.probability);
  const sorted = orderBy(probability, "ascending", (a, b) => compareIds(customers[a]!.id, customers[b]!.id));
  const rng = new Rng().reset(hash(seedKey(seed), STREAM + stream));
  for (let s = 0; s < k; s++) {
    const lo = Math.floor((s * n) / k), hi = Math.floor(((s + 1) * n) / k);
    held.add(customers[sorted[lo + Math.floor(rng.next() * (hi - lo))]!]!.id);
  }
  return held;
}
