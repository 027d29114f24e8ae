/**
 * A decision tree as SQL: one nested CASE, `x ≤ threshold` to the left as in
 * `tree.ts`, each leaf its class-1 fraction.
 *
 * @module
 */
import type { TreeNode } from "../models/tree.ts";
import type { Dialect } from "./dialect.ts";
import { FEATURES_CTE, x } from "./features_sql.ts";
import type { Part } from "./part.ts";

/**
 * The nested CASE of the subtree at node `at`, indented by depth.
 *
 * @example
 * ```ts
 * import { dialectOf } from "./dialect.ts";
 * const leaf = (positives: number) => ({ feature: -1, threshold: 0, left: -1, right: -1, samples: 2, positives });
 * treeCase(dialectOf("duckdb")!, [{ feature: 0, threshold: 2.5, left: 1, right: 2, samples: 4, positives: 2 }, leaf(0), leaf(2)]);
 * // "CASE WHEN x0 <= 2.5e+0\n  THEN 0e+0\n  ELSE 1e+0 END"
 * ```
 */
export function treeCase(d: Dialect, nodes: readonly TreeNode[], at = 0, depth = 0): string {
  const n = nodes[at];
  if (!n) throw new Error(`tree: node ${at} does not exist`);
  if (n.feature < 0) return d.num(n.positives / n.samples);
  const pad = "  ".repeat(depth + 1);
  return `CASE WHEN ${x(n.feature)} <= ${d.num(n.threshold)}\n${pad}THEN ${treeCase(d, nodes, n.left, depth + 1)}\n` +
    `${pad}ELSE ${treeCase(d, nodes, n.right, depth + 1)} END`;
}

/**
 * The part of a fitted tree (`state.nodes` of model.json), reading `input`'s `id, x0 …`.
 *
 * @example
 * ```ts
 * import { dialectOf } from "./dialect.ts";
 * const leaf = { feature: -1, threshold: 0, left: -1, right: -1, samples: 4, positives: 1 };
 * treePart(dialectOf("duckdb")!, { nodes: [leaf] }, "m").name; // "m_p"
 * ```
 */
export function treePart(d: Dialect, state: { nodes: TreeNode[] }, prefix: string, input = FEATURES_CTE): Part {
  return {
    ctes: [{
      name: `${prefix}_p`,
      comment: "decision tree: the class-1 fraction of the customer's leaf",
      query: `SELECT id,\n  ${treeCase(d, state.nodes)} AS probability\nFROM ${input}`,
    }],
    name: `${prefix}_p`,
  };
}
