/**
 * The stability of the decision across seeds: the comparisons on hand-made
 * decisions, the config key, and the stage on 300 synthetic customers with
 * one other seed (checked against a run of the model stage made here).
 */
import assert from "node:assert/strict";
import { DEFAULT_CONFIG, parseRunConfig, type RunConfig } from "../../src/config/run_config.ts";
import { writeSynthetic } from "../../src/data/synth.ts";
import { runDataStage } from "../../src/stages/data_stage.ts";
import { runModelStage } from "../../src/stages/model_stage.ts";
import {
  compareDecisions,
  decideForSeed,
  runStabilityStage,
  sameUnderAll,
  type SeedDecision,
  stabilitySeeds,
} from "../../src/stages/stability_stage.ts";
import { unseenProbabilities } from "../../src/selection/select_model.ts";
import { brierScore, thresholdForRecall } from "../../src/selection/evaluate.ts";
import { takeTable } from "../../src/features/feature_table.ts";
import { takeLabels } from "../../src/models/estimator.ts";
import { calibrateAll } from "../../src/models/calibration.ts";

const d = (flagged: boolean, actionSegment: string, action: string): SeedDecision => ({
  flagged,
  actionSegment,
  action,
});

Deno.test("decisions are compared customer by customer with the run's seed's", () => {
  const base = new Map([
    ["1", d(true, "prevent", "discount")],
    ["2", d(false, "maintain", "none")],
    ["3", d(true, "prevent_valuable", "call")],
    ["4", d(false, "win_back", "bonus")],
  ]);
  const other = new Map([
    ["1", d(true, "prevent", "cart_reminder")], // same flag and segment, other action
    ["2", d(true, "prevent", "discount")], // all changed
    ["3", d(true, "prevent_valuable", "call")], // same
    // "4" missing: changed
  ]);
  assert.deepEqual(compareDecisions(base, other), {
    sameFlag: 2 / 4,
    sameActionSegment: 2 / 4,
    sameAction: 1 / 4,
    actionChanged: 3,
  });
  assert.deepEqual(compareDecisions(base, base), {
    sameFlag: 1,
    sameActionSegment: 1,
    sameAction: 1,
    actionChanged: 0,
  });
  const third = new Map([...base].map(([id, x]) => [id, id === "3" ? d(false, "maintain", "none") : x]));
  assert.deepEqual(sameUnderAll([base, base, third]), { flag: 3 / 4, action: 3 / 4 });
  assert.deepEqual(sameUnderAll([base, other]), { flag: 2 / 4, action: 1 / 4 });
  assert.deepEqual(sameUnderAll([base]), { flag: 1, action: 1 });
});

Deno.test("stability.seeds: four more seeds by default; the run's seed first, never twice", () => {
  assert.deepEqual(DEFAULT_CONFIG.stability.seeds, [1, 2, 3, 4]);
  assert.deepEqual(stabilitySeeds(DEFAULT_CONFIG), [42, 1, 2, 3, 4]);
  assert.deepEqual(stabilitySeeds({ ...DEFAULT_CONFIG, seed: 3 }), [3, 1, 2, 4]);
  assert.deepEqual(stabilitySeeds({ ...DEFAULT_CONFIG, stability: { seeds: [] } }), [42]);
  const dup = parseRunConfig({ stability: { seeds: [1, 1] } });
  assert.ok(!dup.ok);
  assert.deepEqual(dup.problems, [{ key: "stability.seeds", expected: "distinct whole numbers", found: "[1,1]" }]);
  const bad = parseRunConfig({ stability: { seeds: [2, -1] } });
  assert.ok(!bad.ok);
  assert.equal(bad.problems[0]!.key, "stability.seeds.1");
  const notList = parseRunConfig({ stability: { seeds: 5 } });
  assert.ok(!notList.ok);
  assert.equal(notList.problems[0]!.expected, "a list of whole numbers ≥ 0");
});

const dir = await Deno.makeTempDir();
await writeSynthetic(dir, { customers: 300, seed: 5 });
const data = await runDataStage({ dir, kind: "user", origin: "--data" }, DEFAULT_CONFIG);
const config: RunConfig = { ...DEFAULT_CONFIG, seed: 42, cv: { folds: 3, repeats: 1 }, stability: { seeds: [42, 7] } };
// The seed-7 run made here directly, as `--seed 7` (without the nested CV, as the stability stage runs it).
const seeded: RunConfig = { ...config, seed: 7, nestedCv: { ...config.nestedCv, repeats: 0 } };
const stage = await runModelStage(data, seeded, { workers: 2 });

Deno.test({
  name: "each seed's run is the model stage and decisions with that seed, compared with the run's",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const seen: number[] = [];
    const s = await runStabilityStage(data, config, { workers: 2, onSeed: (r) => seen.push(r.seed) });
    assert.deepEqual(s.seeds, [42, 7]);
    assert.deepEqual(seen, [42, 7]);
    assert.equal(s.customers, data.frame.height);
    const [own, other] = s.runs;
    assert.equal(own!.sameFlag, 1);
    assert.equal(own!.sameAction, 1);
    assert.equal(own!.actionChanged, 0);

    // The other seed, computed here directly, gives the same figures.
    assert.equal(other!.winner, stage.best.family);
    assert.equal(other!.threshold, stage.best.threshold);
    assert.equal(other!.holdoutAuc, stage.best.holdout.auc);
    const p = unseenProbabilities(stage);
    assert.equal(other!.flagged, p.filter((x) => x >= stage.best.threshold).length);
    const direct = decideForSeed(data.frame, { probability: p, threshold: stage.best.threshold }, {
      ...config,
      seed: 7,
    });
    assert.equal(other!.expectedNet, direct.expectedNet);
    assert.equal(other!.profitAtRisk, direct.profitAtRisk);

    // A different hold-out split and folds: something moves, and the summary spans both runs.
    assert.ok(other!.threshold !== own!.threshold || other!.sameFlag < 1 || other!.holdoutAuc !== own!.holdoutAuc);
    assert.deepEqual(s.threshold, {
      min: Math.min(own!.threshold, other!.threshold),
      max: Math.max(own!.threshold, other!.threshold),
    });
    assert.deepEqual(s.sameFlag, { min: other!.sameFlag, max: other!.sameFlag });
    assert.equal(s.flagSameUnderAll, other!.sameFlag);
    assert.equal(s.actionSameUnderAll, other!.sameAction);
    assert.ok(other!.sameFlag > 0.5, `most flags stay (${other!.sameFlag})`);
    assert.equal(s.winners.reduce((n, w) => n + w.seeds, 0), 2);

    // A model stage passed as the run's own is used instead of a new run: the seed-7 run again, with no other seed.
    const again = await runStabilityStage(data, { ...config, seed: 7, stability: { seeds: [] } }, {
      baseline: stage,
    });
    assert.deepEqual(again.runs, [{ ...other!, sameFlag: 1, sameActionSegment: 1, sameAction: 1, actionChanged: 0 }]);
  },
});

Deno.test("calibrated model stage: unseen calibrated probabilities, the threshold rule on them, used by the decisions", async () => {
  const c = stage.calibration!;
  const { split, table } = stage;
  const yTrain = takeLabels(table.y, split.train);
  const p = unseenProbabilities(stage);
  split.train.forEach((row, k) => assert.equal(p[row], c.crossValidated[k]));
  const raw = stage.pipeline.predictProba(takeTable(table.features, split.test));
  const after = calibrateAll(c.calibrator, raw);
  split.test.forEach((row, k) => assert.equal(p[row], after[k]));
  assert.equal(stage.best.threshold, thresholdForRecall(yTrain, c.crossValidated, seeded.threshold.minRecall));
  let caught = 0, dropped = 0;
  split.train.forEach((row, k) => {
    if (yTrain[k] === 1) dropped++, caught += p[row]! >= stage.best.threshold ? 1 : 0;
  });
  assert.ok(caught / dropped >= 0.8, `recall ${caught / dropped}`);
  assert.equal(c.holdout!.before.brier, brierScore(takeLabels(table.y, split.test), raw));
  assert.equal(stage.best.holdout.brier, c.holdout!.after.brier, "the hold-out is judged on the calibrated scale");
  // The stability stage's decisions use them.
  const s = await runStabilityStage(data, { ...seeded, stability: { seeds: [] } }, { baseline: stage });
  assert.equal(s.runs[0]!.threshold, stage.best.threshold, "the threshold the decisions used");
  assert.equal(s.runs[0]!.flagged, Array.from(p).filter((x) => x >= stage.best.threshold).length);
});
