/**
 * `deno run -A bench/explain_bench.ts [--data DIR] [--workers N] [--samples S] [--error N]`:
 * fits each family's best candidate of the model stage on the training part
 * and explains every customer, printing
 * `{customers, families: [{family, method, seconds, maxAdditivityError}]}`.
 * The additivity error compares base + Σφ with the pipeline's own output
 * (log-odds for logistic, P(drop) otherwise), computed separately.
 * `--error N` also measures the sampling estimate on N customers against a
 * run with 16× the permutations (another seed): RMSE and max |Δφ|, mean |φ|,
 * and how often the top reason and the top-3 set agree.
 */
import { wholeOption as intOption } from "../src/cli/options.ts";
import { DEFAULT_CONFIG } from "../src/config/run_config.ts";
import { resolveSource } from "../src/data/source.ts";
import { runDataStage, runModelStage } from "../src/stages/mod.ts";
import { parseOptions, runCommand } from "../src/cli/run.ts";
import { EXPLAIN_DEFAULTS, explainPipeline } from "../src/explain/explain.ts";
import { type Explanation, topReasons } from "../src/explain/explanation.ts";
import { takeTable } from "../src/features/feature_table.ts";
import { takeLabels } from "../src/models/estimator.ts";
import { fitCandidate } from "../src/selection/select_model.ts";

const USAGE = "deno run -A bench/explain_bench.ts [--data DIR] [--workers N] [--samples S] [--error N]";

await runCommand(USAGE, async () => {
  const { values } = parseOptions(Deno.args, {
    data: { type: "string", default: "../shared/data/one-click" },
    workers: { type: "string", default: "2" },
    samples: { type: "string", default: String(EXPLAIN_DEFAULTS.samples) },
    error: { type: "string", default: "0" },
  });
  const workers = intOption("workers", values.workers, 1)!;
  const samples = intOption("samples", values.samples, 2)!;
  const errorRows = intOption("error", values.error, 0)!;
  const config = DEFAULT_CONFIG;
  const stage = await runModelStage(await runDataStage(await resolveSource(values.data), config), config, { workers });
  const all = stage.table.features, train = takeTable(all, stage.split.train);
  const yTrain = takeLabels(stage.table.y, stage.split.train);
  const r = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

  const families = [];
  for (const f of stage.families) {
    const pipeline = fitCandidate(
      { index: -1, family: f.family, params: f.params, scaler: f.scaler },
      train,
      yTrain,
      true,
      config.seed, // the stage's seed: the same Platt shuffle as its SVC
    );
    const t0 = performance.now();
    const e = await explainPipeline(pipeline, all, train, { workers, samples });
    const seconds = (performance.now() - t0) / 1000;
    const truth = e.output === "log-odds" ? pipeline.decisionFunction(all) : pipeline.predictProba(all);
    const row = {
      family: f.family,
      params: f.params,
      scaler: f.scaler,
      method: e.method,
      seconds: r(seconds, 2),
      maxAdditivityError: maxAdditivityError(e, truth),
      base: r(e.base),
    };
    if (errorRows > 0 && e.method.startsWith("permutation")) {
      const idx = Array.from({ length: Math.min(errorRows, all.rows) }, (_, i) => Math.floor(i * all.rows / errorRows));
      const rows = takeTable(all, idx);
      const est = await explainPipeline(pipeline, rows, train, { workers, samples });
      const ref = await explainPipeline(pipeline, rows, train, { workers, samples: samples * 16, seed: 7 });
      families.push({ ...row, estimation: estimationError(est, ref, r) });
    } else families.push(row);
  }
  console.log(JSON.stringify({ customers: all.rows, workers, samples, families }, null, 1));
});

function maxAdditivityError(e: Explanation, truth: Float64Array): number {
  const m = e.features.length;
  let worst = 0;
  for (let i = 0; i < e.rows; i++) {
    let s = e.base;
    for (let j = 0; j < m; j++) s += e.phi[i * m + j]!;
    worst = Math.max(worst, Math.abs(s - truth[i]!));
  }
  return worst;
}

function estimationError(est: Explanation, ref: Explanation, r: (x: number, d?: number) => number) {
  let se = 0, max = 0, abs = 0, top1 = 0, top3 = 0;
  for (let k = 0; k < est.phi.length; k++) {
    const d = est.phi[k]! - ref.phi[k]!;
    se += d * d, max = Math.max(max, Math.abs(d)), abs += Math.abs(ref.phi[k]!);
  }
  for (let i = 0; i < est.rows; i++) {
    const a = topReasons(est, i, 3).map((x) => x.feature), b = topReasons(ref, i, 3).map((x) => x.feature);
    if (a[0] === b[0]) top1++;
    if (a.every((f) => b.includes(f))) top3++;
  }
  return {
    customers: est.rows,
    referenceSamples: ref.method.match(/(\d+) permutations/)?.[1],
    rmse: r(Math.sqrt(se / est.phi.length)),
    maxAbs: r(max),
    meanAbsPhi: r(abs / est.phi.length),
    top1Agreement: r(top1 / est.rows, 3),
    top3SetAgreement: r(top3 / est.rows, 3),
  };
}
