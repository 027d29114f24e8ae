import assert from "node:assert/strict";
import fc from "fast-check";
import { type Labels, type Matrix, matrix, row } from "../../src/models/estimator.ts";
import { DecisionTree, treeFromJSON, type TreeNode, type TreeParams } from "../../src/models/tree.ts";

const labels = (ys: number[]): Labels => Uint8Array.from(ys);
const depth = (nodes: readonly TreeNode[], i = 0): number => {
  const n = nodes[i]!;
  return n.feature < 0 ? 0 : 1 + Math.max(depth(nodes, n.left), depth(nodes, n.right));
};
const leafOf = (nodes: readonly TreeNode[], x: Float64Array): number => {
  let i = 0;
  while (nodes[i]!.feature >= 0) i = x[nodes[i]!.feature]! <= nodes[i]!.threshold ? nodes[i]!.left : nodes[i]!.right;
  return i;
};

Deno.test("learns a separable toy exactly, including a zero-gain first split (XOR)", () => {
  const line = new DecisionTree({ maxDepth: 3, minSamplesLeaf: 1 }).fit(
    matrix([[1], [2], [3], [4]]),
    labels([0, 0, 1, 1]),
  );
  assert.deepEqual(line.nodes, [
    { feature: 0, threshold: 2.5, left: 1, right: 2, samples: 4, positives: 2 },
    { feature: -1, threshold: 0, left: -1, right: -1, samples: 2, positives: 0 },
    { feature: -1, threshold: 0, left: -1, right: -1, samples: 2, positives: 2 },
  ]);
  // The root split of XOR gains nothing; scikit-learn still takes it, and so does this tree.
  const xor = matrix([[0, 0], [0, 1], [1, 0], [1, 1]]);
  const fitted = new DecisionTree({ maxDepth: 2, minSamplesLeaf: 1 }).fit(xor, labels([0, 1, 1, 0]));
  assert.deepEqual(Array.from(fitted.predictProba(xor)), [0, 1, 1, 0]);
  assert.deepEqual(fitted.nodes.map((n) => n.feature), [0, 1, -1, -1, 1, -1, -1]); // preorder
});

// A fixed data set (integers, so scikit-learn's float32 rounding is exact) whose trees are the same for
// every random_state of scikit-learn (no ties between features), and scikit-learn 1.2.1's answers.
const skX = matrix([
  [44, 53, 51],
  [34, 94, 36],
  [65, 37, 44],
  [98, 18, 63],
  [42, 67, 75],
  [32, 67, 67],
  [45, 12, 61],
  [5, 88, 85],
  [84, 0, 97],
  [97, 58, 82],
  [76, 78, 15],
  [4, 26, 20],
  [54, 84, 74],
  [43, 54, 62],
  [76, 12, 77],
  [18, 57, 49],
  [85, 75, 16],
  [53, 4, 10],
  [47, 86, 21],
  [13, 94, 43],
  [11, 58, 32],
  [31, 42, 41],
  [81, 88, 25],
  [45, 67, 53],
  [56, 97, 22],
  [27, 75, 89],
  [41, 36, 78],
  [31, 47, 88],
  [38, 6, 51],
  [86, 83, 82],
]);
const skY = labels([1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 0, 1]);
const skQ = matrix([[28, 52, 5], [19, 43, 57], [62, 31, 19], [78, 4, 82], [12, 99, 41], [83, 21, 5]]);

Deno.test("agrees with scikit-learn's DecisionTreeClassifier", () => {
  // tree_.feature, tree_.threshold, tree_.n_node_samples (leaves: -2 there, -1 here) and predict_proba(Q)[:, 1]
  const cases: [TreeParams, number[], number[], number[], number[]][] = [
    [
      { maxDepth: 3, minSamplesLeaf: 2 },
      [0, 1, -1, 2, -1, -1, -1],
      [46, 50, 57.5],
      [30, 17, 6, 11, 6, 5, 13],
      [2 / 3, 0, 1, 1, 2 / 3, 1],
    ],
    [
      { maxDepth: 3, minSamplesLeaf: 3, criterion: "entropy" },
      [0, 1, -1, 2, -1, -1, -1],
      [46, 50, 57.5],
      [30, 17, 6, 11, 6, 5, 13],
      [2 / 3, 0, 1, 1, 2 / 3, 1],
    ],
    [{ maxDepth: 2, minSamplesLeaf: 6 }, [0, 1, -1, -1, -1], [46, 50], [30, 17, 6, 11, 13], [
      9 / 11,
      0,
      1,
      1,
      9 / 11,
      1,
    ]],
  ];
  for (const [params, feature, threshold, samples, proba] of cases) {
    const tree = new DecisionTree(params).fit(skX, skY);
    assert.deepEqual(tree.nodes.map((n) => n.feature), feature);
    assert.deepEqual(tree.nodes.filter((n) => n.feature >= 0).map((n) => n.threshold), threshold);
    assert.deepEqual(tree.nodes.map((n) => n.samples), samples);
    assert.deepEqual(Array.from(tree.predictProba(skQ)), proba);
  }
});

Deno.test("maxDepth, minSamplesLeaf and minSamplesSplit are honoured", () => {
  const deep = new DecisionTree({ maxDepth: 10, minSamplesLeaf: 1 }).fit(skX, skY);
  assert.ok(depth(deep.nodes) > 2); // so the limits below bind
  assert.equal(depth(new DecisionTree({ maxDepth: 2, minSamplesLeaf: 1 }).fit(skX, skY).nodes), 2);
  for (const minSamplesLeaf of [1, 4, 7, 15]) {
    const { nodes } = new DecisionTree({ maxDepth: 10, minSamplesLeaf }).fit(skX, skY);
    assert.ok(nodes.filter((n) => n.feature < 0).every((n) => n.samples >= minSamplesLeaf), `leaf < ${minSamplesLeaf}`);
  }
  const { nodes } = new DecisionTree({ maxDepth: 10, minSamplesLeaf: 1, minSamplesSplit: 12 }).fit(skX, skY);
  assert.ok(nodes.filter((n) => n.samples < 12).every((n) => n.feature < 0));
  assert.ok(nodes.some((n) => n.feature >= 0 && n.samples >= 12));
});

Deno.test("probabilities are the class-1 fractions of the training rows in each leaf", () => {
  const tree = new DecisionTree({ maxDepth: 3, minSamplesLeaf: 4 }).fit(skX, skY);
  const rowsIn = new Map<number, number[]>();
  for (let r = 0; r < skX.rows; r++) {
    const leaf = leafOf(tree.nodes, row(skX, r));
    rowsIn.set(leaf, [...(rowsIn.get(leaf) ?? []), r]);
  }
  const p = tree.predictProba(skX);
  for (const [leaf, rows] of rowsIn) {
    const share = rows.filter((r) => skY[r] === 1).length / rows.length;
    assert.equal(tree.nodes[leaf]!.samples, rows.length);
    for (const r of rows) assert.equal(p[r], share);
  }
  assert.deepEqual(tree.decisionFunction(skQ), tree.predictProba(skQ));
});

Deno.test("every fit is a consistent tree within its limits (property)", () => {
  const data = fc.record({ n: fc.integer({ min: 1, max: 40 }), f: fc.integer({ min: 1, max: 3 }) }).chain(({ n, f }) =>
    fc.record({
      x: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: n * f, maxLength: n * f }),
      y: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
      maxDepth: fc.integer({ min: 1, max: 6 }),
      minSamplesLeaf: fc.integer({ min: 1, max: 5 }),
      criterion: fc.constantFrom("gini" as const, "entropy" as const),
      shape: fc.constant({ n, f }),
    })
  );
  fc.assert(
    fc.property(data, ({ x, y, maxDepth, minSamplesLeaf, criterion, shape: { n, f } }) => {
      const X: Matrix = { rows: n, cols: f, data: Float64Array.from(x) };
      const Y = labels(y);
      const tree = new DecisionTree({ maxDepth, minSamplesLeaf, criterion }).fit(X, Y);
      const { nodes } = tree;
      assert.ok(depth(nodes) <= maxDepth);
      assert.deepEqual(nodes[0], { ...nodes[0]!, samples: n, positives: y.filter((v) => v === 1).length });
      for (const node of nodes) {
        if (node.feature < 0) assert.ok(node.samples >= minSamplesLeaf || node === nodes[0]);
        else {
          const [l, r] = [nodes[node.left]!, nodes[node.right]!];
          assert.equal(l.samples + r.samples, node.samples);
          assert.equal(l.positives + r.positives, node.positives);
        }
      }
      // Each training row lands in a leaf whose fraction it contributes to.
      const p = tree.predictProba(X);
      for (let r = 0; r < n; r++) {
        const leaf = nodes[leafOf(nodes, row(X, r))]!;
        assert.equal(p[r], leaf.positives / leaf.samples);
      }
    }),
    { seed: 20240611, numRuns: 300 },
  );
});

Deno.test("deterministic, and toJSON / treeFromJSON round-trips", () => {
  const params = { maxDepth: 4, minSamplesLeaf: 2, criterion: "entropy" as const };
  const tree = new DecisionTree(params).fit(skX, skY);
  assert.deepEqual(new DecisionTree(params).fit(skX, skY).nodes, tree.nodes);
  const json = JSON.parse(JSON.stringify(tree.toJSON()));
  assert.deepEqual(json.params, { ...params, minSamplesSplit: 2 });
  const back = treeFromJSON(json);
  assert.deepEqual(back.nodes, tree.nodes);
  assert.deepEqual(back.predictProba(skQ), tree.predictProba(skQ));
  assert.deepEqual(back.toJSON(), tree.toJSON());
});

Deno.test("rejects bad parameters and inputs", () => {
  assert.throws(() => new DecisionTree({ maxDepth: 0, minSamplesLeaf: 1 }), /maxDepth must be an integer ≥ 1/);
  assert.throws(() => new DecisionTree({ maxDepth: 2, minSamplesLeaf: 1.5 }), /minSamplesLeaf/);
  const tree = new DecisionTree({ maxDepth: 2, minSamplesLeaf: 1 });
  assert.throws(() => tree.fit(skX, labels([1])), /30 rows but y has 1/);
  assert.throws(() => tree.fit(matrix([[NaN]]), labels([1])), /Non-finite value/);
  assert.throws(() => treeFromJSON({ family: "knn", params: {}, state: {} }), /Expected a "tree" model/);
  const fitted = tree.fit(skX, skY);
  assert.throws(() => fitted.predictProba(matrix([[1, 2]])), /2 columns, the tree was fitted on 3/);
  const json = fitted.toJSON();
  assert.throws(
    () =>
      treeFromJSON({ ...json, state: { nodes: [{ ...(json.state as { nodes: TreeNode[] }).nodes[0]!, left: 0 }] } }),
    /Malformed/,
  );
});
