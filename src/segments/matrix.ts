/**
 * The risk × profit matrix: four cells that split every customer by whether
 * the model flags them (probability ≥ its threshold) and whether their monthly
 * profit is at least a data quantile (the median by default, so the two
 * profit halves are equally large and the cut moves with the data).
 *
 * @module
 */
import { FEATURES } from "../data/labels.ts";
import type { Cuts } from "./cuts.ts";
import { ruNumber } from "../text/ru_format.ts";
import { quantileName, riskClause, type SegmentRule } from "./segment_rule.ts";

const highProfit = (profit: number, cuts: Cuts) => profit >= cuts.profitCut;

function profitClause(cuts: Cuts, high: boolean): string {
  const label = FEATURES.profit!.label.toLowerCase();
  return `${label} ${high ? "≥" : "<"} ${ruNumber(cuts.profitCut, 2)} (${quantileName(cuts.profitQuantile)})`;
}

function cell(id: string, name: string, risk: boolean, profit: boolean): SegmentRule {
  return {
    id,
    kind: "matrix",
    name,
    uses: ["profit"],
    definition: (cuts) => `${riskClause(cuts, risk)} и ${profitClause(cuts, profit)}`,
    member: (c, cuts, i) => (c.probability[i]! >= cuts.threshold) === risk && highProfit(c.profit[i]!, cuts) === profit,
  };
}

/**
 * The four cells, most urgent first; every customer is in exactly one.
 *
 * @example
 * ```ts
 * MATRIX_RULES.map((r) => r.name); // ["Удержать в первую очередь", …]
 * ```
 */
export const MATRIX_RULES: readonly SegmentRule[] = [
  cell("retain_first", "Удержать в первую очередь", true, true),
  cell("retain_cheaply", "Удержать недорогими средствами", true, false),
  cell("keep_and_grow", "Беречь и развивать", false, true),
  cell("maintain", "Поддерживать без затрат", false, false),
];
