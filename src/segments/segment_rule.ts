/**
 * What a segment is: a named rule over a customer's risk, profit and a few
 * features, with a plain-language definition that quotes its own cut points.
 *
 * @module
 */
import type { Customers } from "./customers.ts";
import type { Cuts } from "./cuts.ts";
import { ruNumber } from "../text/ru_format.ts";

/** A segment as a rule. */
export interface SegmentRule {
  id: string;
  /** "matrix": a cell of risk × profit (the cells partition the customers); "store": the store's proposals. */
  kind: "matrix" | "store";
  /** Russian name. */
  name: string;
  /**
   * Features the rule reads. Their differences hold by construction, so the
   * profile reports them but does not test them.
   */
  uses: readonly string[];
  /** Russian plain-language definition with the actual cut points. */
  definition(cuts: Cuts): string;
  member(c: Customers, cuts: Cuts, i: number): boolean;
}

/**
 * Membership of every customer, 1 = in the segment.
 *
 * @example
 * ```ts
 * import type { Customers } from "./customers.ts";
 * import type { Cuts } from "./cuts.ts";
 * import { MATRIX_RULES } from "./matrix.ts";
 * import { membership } from "./segment_rule.ts";
 * declare const customers: Customers, cuts: Cuts;
 * const mask = membership(MATRIX_RULES[0]!, customers, cuts);
 * ```
 */
export function membership(rule: SegmentRule, c: Customers, cuts: Cuts): Uint8Array {
  return Uint8Array.from({ length: c.id.length }, (_, i) => rule.member(c, cuts, i) ? 1 : 0);
}

/** "вероятность снижения ≥ 0,46 (порог модели)": the shared wording of "high risk". */
export function riskClause(cuts: Cuts, high: boolean): string {
  return `вероятность снижения активности ${high ? "≥" : "<"} ${ruNumber(cuts.threshold, 2)} (порог модели)`;
}

/** The Russian name of a quantile level: медиана, квартили, otherwise the level. */
export function quantileName(q: number): string {
  if (q === 0.5) return "медиана";
  if (q === 0.25) return "нижний квартиль";
  if (q === 0.75) return "верхний квартиль";
  return `квантиль ${ruNumber(q, 2)}`;
}
