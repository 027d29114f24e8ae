/**
 * Exact interventional TreeSHAP of a decision tree's leaf probability
 * (Lundberg et al. 2020, "independent" TreeSHAP), with the model's ORIGINAL
 * features as players.
 *
 * Why interventional and not path-dependent: it is the same value function as
 * the linear and sampling explainers (features independent, missing ones taken
 * from background customers), so φ of different families mean the same thing
 * and the base is the average prediction over the background. Path-dependent
 * TreeSHAP averages over node sample counts instead, which is a different game
 * and can credit features the model does not use for this customer.
 *
 * For one customer x and one background row r, the game S ↦ f(x on S, r
 * elsewhere) reaches a leaf iff every player on the leaf's path where x and r
 * part ways is taken from the side that goes toward the leaf: the leaf's
 * indicator is 1[A ⊆ S, B ∩ S = ∅] for disjoint player sets A (x's side) and
 * B (r's side), whose Shapley values are closed-form. Walking both routes at
 * once visits only the leaves reachable that way. Background rows that take
 * the same turn at every split give the same game, so they are merged first.
 *
 * @module
 */
import type { Matrix } from "../models/estimator.ts";
import type { FittedDecisionTree } from "../models/tree.ts";
import type { Background } from "./background.ts";
import type { Explanation } from "./explanation.ts";
import type { Players } from "./players.ts";

/**
 * SHAP values of the tree's P(class 1) for the rows of `X` (transformed)
 * against a weighted background (transformed; usually all training rows).
 * Exact: base + Σφ = the row's probability up to rounding.
 *
 * @example
 * ```ts
 * import type { FeatureTable } from "../features/feature_table.ts";
 * import type { FittedPipeline } from "../models/pipeline.ts";
 * import type { FittedDecisionTree } from "../models/tree.ts";
 * import { uniformBackground } from "./background.ts";
 * import { pipelinePlayers } from "./players.ts";
 * import { treeShap } from "./tree_shap.ts";
 * declare const pipeline: FittedPipeline, rows: FeatureTable, train: FeatureTable;
 * const pre = pipeline.preprocess;
 * const e = treeShap(pipeline.model as FittedDecisionTree, pre.transform(rows),
 *   uniformBackground(pre.transform(train)), pipelinePlayers(pre));
 * ```
 */
export function treeShap(tree: FittedDecisionTree, X: Matrix, background: Background, players: Players): Explanation {
  const nodes = tree.nodes;
  if (X.cols !== tree.cols || background.X.cols !== tree.cols) {
    throw new Error(
      `Expected ${tree.cols} transformed columns, got ${X.cols} (rows) and ${background.X.cols} (background)`,
    );
  }
  const m = players.features.length;
  const bg = mergeRoutes(tree, background);
  const leafValue = Float64Array.from(nodes, (n) => n.positives / n.samples);

  // Shapley weights of the leaf game: a player of A gets (a−1)!·b!/(a+b)!, one of B −a!·(b−1)!/(a+b)!.
  // A path constrains each player at most once, so a + b ≤ m.
  const fact = new Float64Array(m + 1).fill(1);
  for (let i = 1; i <= m; i++) fact[i] = fact[i - 1]! * i;

  const phi = new Float64Array(X.rows * m);
  const value = tree.predictProba(X);
  // side[p]: 0 = unconstrained, 1 = must come from x (A), 2 = must come from r (B); stacks list A and B.
  const side = new Uint8Array(m);
  const inA: number[] = [], inB: number[] = [];
  let base = 0;
  for (let k = 0; k < bg.rows.length; k++) base += bg.weight[k]! * leafValue[leafOf(nodes, background.X, bg.rows[k]!)]!;

  let x = X.data, r = X.data, w = 0, out = phi;
  const walk = (id: number): void => {
    const n = nodes[id]!;
    if (n.feature < 0) {
      const a = inA.length, b = inB.length;
      if (a + b === 0) return; // x and r share the leaf: no player matters
      const v = w * leafValue[id]! / fact[a + b]!;
      if (a > 0) { for (const p of inA) out[p]! += v * fact[a - 1]! * fact[b]!; }
      if (b > 0) { for (const p of inB) out[p]! -= v * fact[a]! * fact[b - 1]!; }
      return;
    }
    const xl = x[n.feature]! <= n.threshold, rl = r[n.feature]! <= n.threshold;
    if (xl === rl) return walk(xl ? n.left : n.right);
    const p = players.playerOf[n.feature]!;
    const xChild = xl ? n.left : n.right, rChild = rl ? n.left : n.right;
    if (side[p] === 1) return walk(xChild); // already taken from x on this path
    if (side[p] === 2) return walk(rChild);
    side[p] = 1, inA.push(p);
    walk(xChild);
    inA.pop(), side[p] = 2, inB.push(p);
    walk(rChild);
    inB.pop(), side[p] = 0;
  };
  for (let i = 0; i < X.rows; i++) {
    out = phi.subarray(i * m, (i + 1) * m);
    x = X.data.subarray(i * X.cols, (i + 1) * X.cols);
    for (let k = 0; k < bg.rows.length; k++) {
      r = background.X.data.subarray(bg.rows[k]! * X.cols, (bg.rows[k]! + 1) * X.cols);
      w = bg.weight[k]!;
      walk(0);
    }
  }
  return {
    output: "probability",
    features: [...players.features],
    base,
    phi,
    rows: X.rows,
    value,
    method: `exact interventional TreeSHAP of the leaf probability against ${background.X.rows} background rows ` +
      `(${bg.rows.length} distinct routes through the tree); players are the original features`,
  };
}

/** Background rows grouped by the turn they take at every split: one representative and the summed weight each. */
function mergeRoutes(tree: FittedDecisionTree, background: Background): { rows: number[]; weight: number[] } {
  const { X, weights } = background;
  const splits = tree.nodes.flatMap((n, id) => n.feature >= 0 ? [id] : []);
  const at = new Map<string, number>();
  const rows: number[] = [], weight: number[] = [];
  for (let r = 0; r < X.rows; r++) {
    let key = "";
    for (const id of splits) {
      const n = tree.nodes[id]!;
      key += X.data[r * X.cols + n.feature]! <= n.threshold ? "0" : "1";
    }
    const k = at.get(key);
    if (k === undefined) at.set(key, rows.push(r) - 1), weight.push(weights[r]!);
    else weight[k]! += weights[r]!;
  }
  return { rows, weight };
}

function leafOf(nodes: FittedDecisionTree["nodes"], X: Matrix, r: number): number {
  let id = 0;
  for (let n = nodes[0]!; n.feature >= 0; n = nodes[id]!) {
    id = X.data[r * X.cols + n.feature]! <= n.threshold ? n.left : n.right;
  }
  return id;
}
