/**
 * `deno task bench:stability [--data DIR] [--workers N] [--seeds 1,2,3,4]`:
 * the run's model stage (seed 42), its calibration (method, Brier score before
 * and after on the training customers' out-of-fold probabilities and on the
 * hold-out), then the stability of the decision over the seeds (the run's and
 * `--seeds`, default the config's `stability.seeds`), timed; every seed's
 * decisions use its calibrated probabilities, as a run does. Prints JSON.
 */
import { wholeOption } from "../src/cli/options.ts";
import { parseOptions, runCommand } from "../src/cli/run.ts";
import { DEFAULT_CONFIG, type RunConfig } from "../src/config/run_config.ts";
import { takeTable } from "../src/features/feature_table.ts";
import { calibrateAll, CALIBRATION_METHODS, fitCalibrator } from "../src/models/calibration.ts";
import { takeLabels } from "../src/models/estimator.ts";
import { brierScore, thresholdForRecall } from "../src/selection/evaluate.ts";
import { runDataStage } from "../src/stages/data_stage.ts";
import { runModelStage } from "../src/stages/model_stage.ts";
import { runStabilityStage } from "../src/stages/stability_stage.ts";

const USAGE = "deno task bench:stability [--data DIR] [--workers N] [--seeds 1,2,3,4]";

await runCommand(USAGE, async () => {
  const { values } = parseOptions(Deno.args, {
    data: { type: "string", default: "../shared/data/one-click" },
    workers: { type: "string", default: "2" },
    seeds: { type: "string" },
  });
  const workers = wholeOption("workers", values.workers, 1)!;
  const seeds = values.seeds === undefined
    ? DEFAULT_CONFIG.stability.seeds
    : values.seeds.split(",").filter((s) => s.trim() !== "").map((s) => wholeOption("seeds", s.trim(), 0)!);
  const config: RunConfig = { ...DEFAULT_CONFIG, stability: { seeds } };
  const data = await runDataStage({ dir: values.data!, kind: "user", origin: "--data" }, config);
  const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

  let t0 = performance.now();
  // As the stability stage runs every seed: without the nested CV, which chooses nothing.
  const baseline = await runModelStage(data, { ...config, nestedCv: { ...config.nestedCv, repeats: 0 } }, { workers });
  const modelSeconds = (performance.now() - t0) / 1000;
  const cal = baseline.calibration!;
  // For the record, not the choice: each method fitted on all out-of-fold probabilities, scored on the hold-out.
  const { table, split } = baseline;
  const raw = baseline.pipeline.predictProba(takeTable(table.features, split.test));
  const yTrain = takeLabels(table.y, split.train), yTest = takeLabels(table.y, split.test);
  const holdoutByMethod = Object.fromEntries(
    CALIBRATION_METHODS.map((
      m,
    ) => [m, r6(brierScore(yTest, calibrateAll(fitCalibrator(m, baseline.oof, yTrain), raw)))]),
  );
  t0 = performance.now();
  const stability = await runStabilityStage(data, config, {
    workers,
    baseline,
    onSeed: (r) => console.error(`seed ${r.seed}: ${r.winner}, threshold ${r6(r.threshold)}`),
  });
  const stabilitySeconds = (performance.now() - t0) / 1000;
  const bins = (q: { reliability: { from: number; count: number; meanPredicted: number; observedRate: number }[] }) =>
    q.reliability.map((b) => [b.from, b.count, r6(b.meanPredicted), r6(b.observedRate)]);
  console.log(JSON.stringify(
    {
      customers: data.frame.height,
      workers,
      modelStageSeconds: r6(modelSeconds),
      calibration: {
        winner: baseline.best.family,
        method: cal.method,
        calibrator: cal.calibrator.method === "sigmoid" ? cal.calibrator : { points: cal.calibrator.x.length },
        innerBrier: { sigmoid: r6(cal.innerBrier.sigmoid), isotonic: r6(cal.innerBrier.isotonic) },
        innerStandardError: r6(cal.innerStandardError),
        training: { before: r6(cal.training.before.brier), after: r6(cal.training.after.brier) },
        holdout: { before: r6(cal.holdout!.before.brier), after: r6(cal.holdout!.after.brier) },
        holdoutByMethod,
        threshold: {
          uncalibrated: r6(thresholdForRecall(yTrain, baseline.oof, config.threshold.minRecall)),
          calibrated: r6(baseline.best.threshold),
        },
        holdoutReliability: { before: bins(cal.holdout!.before), after: bins(cal.holdout!.after) },
      },
      stability: { ...stability, seconds: r6(stabilitySeconds) },
    },
    null,
    1,
  ));
});
