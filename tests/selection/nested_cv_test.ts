import assert from "node:assert/strict";
import { loadDataset } from "../../src/data/load.ts";
import { writeSynthetic } from "../../src/data/synth.ts";
import { labelledTable } from "../../src/features/feature_table.ts";
import { selectionSentence } from "../../src/artifacts/metrics.ts";
import { parseRunConfig } from "../../src/config/run_config.ts";
import { votingMembers } from "../../src/selection/ensemble_choice.ts";
import { innerSplits, nestedCv, outerSplits } from "../../src/selection/nested_cv.ts";
import { selectionMargin } from "../../src/selection/select_model.ts";
import type { FamilySpace } from "../../src/selection/space.ts";

const dir = await Deno.makeTempDir();
await writeSynthetic(dir, { customers: 300, seed: 5 });
const table = labelledTable((await loadDataset(dir)).frame);
await Deno.remove(dir, { recursive: true });
const SPACE: FamilySpace[] = [
  { family: "knn", params: { k: [5, 15], weights: ["distance"], metric: ["euclidean"] }, scalers: ["standard"] },
  { family: "tree", params: { maxDepth: [3], minSamplesLeaf: [5] }, scalers: ["passthrough"] },
  { family: "logistic", params: { penalty: ["l2"], C: [0.1, 1] }, scalers: ["standard"] },
];
const OPTIONS = { outerFolds: 3, repeats: 2, innerFolds: 3, seed: 7, workers: 1, space: SPACE };

Deno.test("outer folds: every customer tested once per repeat, duplicate groups on one side, inner folds inside", () => {
  const splits = outerSplits(table, OPTIONS);
  assert.equal(splits.length, 6);
  for (let r = 0; r < 2; r++) {
    const tested = splits.filter((s) => s.repeat === r).flatMap((s) => [...s.split.test]).sort((a, b) => a - b);
    assert.deepEqual(tested, Array.from({ length: table.y.length }, (_, i) => i));
  }
  assert.notDeepEqual(splits[0]!.split.test, splits[3]!.split.test, "repeats reshuffle");
  for (const { split } of splits) {
    const testGroups = new Set(Array.from(split.test, (i) => table.groups[i]));
    assert.ok(Array.from(split.train).every((i) => !testGroups.has(table.groups[i]!)));
    const inner = innerSplits(table, split.train, 3, 7);
    const innerRows = inner.flatMap((f) => [...f.test]).sort((a, b) => a - b);
    assert.deepEqual(innerRows, Array.from({ length: split.train.length }, (_, i) => i), "inner folds index the part");
  }
});

Deno.test("nested CV: per-family outer AUCs, wins add up, the selected score is the fold winner's", async () => {
  const n = await nestedCv(table, OPTIONS);
  assert.equal(n.folds.length, 6);
  assert.deepEqual(n.families.map((f) => f.family), ["knn", "tree", "logistic", "ensemble"]);
  assert.equal(n.families.reduce((s, f) => s + f.wins, 0), 6);
  for (const f of n.folds) assert.equal(f.selectedAuc, f.auc[f.winner]);
  for (const f of n.families) {
    assert.equal(f.scores.length, 6);
    assert.ok(f.interval[0] < f.mean && f.mean < f.interval[1]);
    assert.ok(f.mean > 0.6, `${f.family} outer AUC ${f.mean}`);
  }
  assert.deepEqual(n.selected.scores, n.folds.map((f) => f.selectedAuc));
  const again = await nestedCv(table, { ...OPTIONS, workers: 2 });
  assert.deepEqual(again.selected.scores, n.selected.scores, "the same for any number of workers");
});

Deno.test("ensemble members: within one standard error of the top family, at least two, in given order", () => {
  const m = (family: "knn" | "tree" | "logistic" | "svc") => ({ family, params: {}, scaler: "standard" as const });
  // Top: svc, mean 0.92, SE = sd([0.9, 0.94]) / √2 = 0.02; knn 0.905 is within, logistic 0.895 and tree are not.
  const scored = [
    { member: m("knn"), foldAuc: [0.9, 0.91] },
    { member: m("tree"), foldAuc: [0.85, 0.86] },
    { member: m("logistic"), foldAuc: [0.89, 0.9] },
    { member: m("svc"), foldAuc: [0.9, 0.94] },
  ];
  assert.deepEqual(votingMembers(scored), [0, 3]);
  assert.deepEqual(votingMembers(scored.map((s, j) => j === 2 ? { ...s, foldAuc: [0.9, 0.91] } : s)), [0, 2, 3]);
  // Far apart: still the top two.
  assert.deepEqual(votingMembers([scored[1]!, { member: m("svc"), foldAuc: [0.95, 0.95] }]), [0, 1]);
});

Deno.test("margin: runner-up, one standard error of the winner's mean, and the sentence for each case", () => {
  const ranked = [
    { family: "knn" as const, cvAuc: 0.916, foldAuc: [0.9, 0.93, 0.918] },
    { family: "svc" as const, cvAuc: 0.918, foldAuc: [0.89, 0.94, 0.924] },
    { family: "tree" as const, cvAuc: 0.88, foldAuc: [0.87, 0.89, 0.88] },
  ];
  const m = selectionMargin(ranked, "svc", null);
  assert.equal(m.runnerUp, "knn");
  assert.ok(Math.abs(m.margin! - 0.002) < 1e-12);
  const sd = Math.sqrt(((0.89 - 0.918) ** 2 + (0.94 - 0.918) ** 2 + (0.924 - 0.918) ** 2) / 2);
  assert.ok(Math.abs(m.standardError - sd / Math.sqrt(3)) < 1e-12);
  assert.equal(m.withinOneStandardError, true);
  const close = selectionSentence({ ...m, nestedWins: 3, nestedFolds: 5 });
  assert.match(
    close,
    /^Выбрана модель «Метод опорных векторов»: .*0,918.*у следующей — «k ближайших соседей» — 0,916; разница 0,002 меньше/,
  );
  assert.match(close, /одинаково хороши, и выбор решило лишь чуть большее среднее.*в 3 из 5 разбиений\.$/);
  const far = selectionMargin([{ ...ranked[0]!, cvAuc: 0.85 }, ranked[1]!], "svc", null);
  assert.equal(far.withinOneStandardError, false);
  assert.match(
    selectionSentence(far),
    /перевес 0,068 больше одной стандартной ошибки \(0,015\), то есть выбор устойчив\.$/,
  );
  assert.doesNotMatch(selectionSentence(far), /разбиений/);
});

Deno.test("config: nested CV folds and repeats, 0 repeats switches it off", () => {
  const ok = parseRunConfig({ nestedCv: { repeats: 0 } });
  assert.ok(ok.ok && ok.config.nestedCv.repeats === 0 && ok.config.nestedCv.folds === 5);
  const bad = parseRunConfig({ nestedCv: { folds: 1 } });
  assert.ok(!bad.ok);
  assert.deepEqual(bad.problems, [{ key: "nestedCv.folds", expected: "a whole number ≥ 2", found: "1" }]);
});
