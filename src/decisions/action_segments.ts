/**
 * Action segments: every customer in exactly one, by the decision the store
 * faces for them. The label is already observed for the last period, so a
 * customer whose activity has dropped is won back, and one still at the
 * previous level is kept — by prevention when the model puts their risk at or
 * above its threshold, by ordinary upkeep below it. Monthly profit at or above
 * the risk × profit matrix's cut (`segments.profitQuantile`) splits win-back
 * and prevention into the valuable and the rest. Consent does not split
 * segments: it only restricts channels (see `assignment.ts`).
 *
 * @module
 */

/** Identifiers of the action segments (the «Код сегмента действия» column of offers.csv). */
export type ActionSegmentId = "win_back_valuable" | "win_back" | "prevent_valuable" | "prevent" | "maintain";

/** One action segment. */
export interface ActionSegment {
  id: ActionSegmentId;
  /** Russian name (the «Сегмент действия» column of offers.csv). */
  name: string;
  /** Who is in it, in words, for the report. */
  definition: string;
}

/**
 * The action segments, in the order the report lists them.
 *
 * @example
 * ```ts
 * ACTION_SEGMENTS.map((s) => s.id); // ["win_back_valuable", "win_back", "prevent_valuable", "prevent", "maintain"]
 * ```
 */
export const ACTION_SEGMENTS: readonly ActionSegment[] = [
  {
    id: "win_back_valuable",
    name: "Вернуть ценных",
    definition: "активность уже снизилась, прибыль в месяц не ниже границы высокой прибыли",
  },
  {
    id: "win_back",
    name: "Вернуть остальных",
    definition: "активность уже снизилась, прибыль в месяц ниже границы высокой прибыли",
  },
  {
    id: "prevent_valuable",
    name: "Удержать ценных",
    definition: "активность на прежнем уровне, риск снижения не ниже порога модели, прибыль не ниже границы",
  },
  {
    id: "prevent",
    name: "Удержать остальных",
    definition: "активность на прежнем уровне, риск снижения не ниже порога модели, прибыль ниже границы",
  },
  {
    id: "maintain",
    name: "Поддерживать",
    definition: "активность на прежнем уровне, риск снижения ниже порога модели",
  },
];

/** The segment of each id. */
export const ACTION_SEGMENT: Readonly<Record<ActionSegmentId, ActionSegment>> = Object.fromEntries(
  ACTION_SEGMENTS.map((s) => [s.id, s]),
) as Record<ActionSegmentId, ActionSegment>;

/** What places one customer. */
export interface ActionSegmentEvidence {
  /** The observed label: activity has dropped («Снизилась»). */
  dropped: boolean;
  /** The model's probability of a drop, from a model that did not see the customer. */
  probability: number;
  /** Mean monthly profit. */
  profit: number;
}

/**
 * The action segment of one customer.
 *
 * @example
 * ```ts
 * const cuts = { threshold: 0.4, profitCut: 4 };
 * actionSegmentOf({ dropped: true, probability: 0.1, profit: 5 }, cuts); // "win_back_valuable"
 * actionSegmentOf({ dropped: false, probability: 0.5, profit: 3 }, cuts); // "prevent"
 * actionSegmentOf({ dropped: false, probability: 0.2, profit: 9 }, cuts); // "maintain"
 * ```
 */
export function actionSegmentOf(
  c: ActionSegmentEvidence,
  cuts: { threshold: number; profitCut: number },
): ActionSegmentId {
  const valuable = c.profit >= cuts.profitCut;
  if (c.dropped) return valuable ? "win_back_valuable" : "win_back";
  if (c.probability < cuts.threshold) return "maintain";
  return valuable ? "prevent_valuable" : "prevent";
}
