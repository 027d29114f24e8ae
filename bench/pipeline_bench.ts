/**
 * `deno task bench:pipeline --customers N [--seed S] [--dir DIR] [--config FILE] [--workers W] [--out DIR]`:
 * the whole pipeline on N synthetic customers — load → clean → train on a
 * stratified sample (`training.sampleSize`) → score everyone → explain
 * everyone (exact where the family has an exact method, else a sample and
 * nearest explained neighbours: `src/explain/explain_at_scale.ts`) → segments,
 * decisions and offers for everyone → offers.csv and offers.json. Prints JSON: seconds per
 * stage, peak RSS (VmHWM of the process, worker threads included), the model
 * and the explanation rule with its measured agreement. `--family` searches
 * one family's grid only (to time each family); `--explained M` is how many
 * customers a family without an exact method explains exactly (default 1000).
 *
 * The export is generated once per N and seed (in a child process, so its
 * memory is not counted) and reused. Targets on the 2-core machine for
 * N = 1 000 000: ≤ 10 minutes, peak RSS ≤ 8 GB (docs/scale.md).
 */
import { cpuSeconds, peakRssBytes } from "./process_stats.ts";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadRunConfig } from "../src/config/load_config.ts";
import type { RunConfig } from "../src/config/run_config.ts";
import { loadDataset } from "../src/data/load.ts";
import { labelledTable, takeTable } from "../src/features/feature_table.ts";
import { sampleFrame } from "../src/features/training_sample.ts";
import { DEFAULT_EXPLAINED, explainAtScale } from "../src/explain/explain_at_scale.ts";
import { parseOptions, runCommand, UsageError } from "../src/cli/run.ts";
import { offersCsvChunks } from "../src/segments/offers_csv.ts";
import { writeFileAtomicChunks, writeOffersOf } from "../src/artifacts/mod.ts";
import type { Family } from "../src/models/estimator.ts";
import { selectModel, unseenProbabilities } from "../src/selection/select_model.ts";
import { ANCHOR_SPACE } from "../src/selection/space.ts";
import { predictProbaParallel } from "./parallel_score.ts";
import { calibrateAll } from "../src/models/calibration.ts";
import { modelStageOptions, runModelStage } from "../src/stages/model_stage.ts";
import { runSegmentsStage } from "../src/stages/segments_stage.ts";
import type { DataResult } from "../src/stages/data_stage.ts";

const USAGE =
  "deno task bench:pipeline --customers N [--seed S] [--dir DIR] [--config FILE] [--workers W] [--out DIR] " +
  "[--family knn|tree|logistic|svc] [--explained M]";
const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Generates the export once (in a child process) unless DIR already holds a complete one. */
async function ensureExport(dir: string, customers: number, seed: string): Promise<void> {
  const marker = join(dir, ".complete");
  if (await Deno.stat(marker).then(() => true, () => false)) return;
  console.error(`Generating ${customers} customers into ${dir} …`);
  const args = ["run", "-A", join(ROOT, "src/cli/synth.ts"), "--customers", String(customers), "--seed", seed];
  const gen = await new Deno.Command(Deno.execPath(), { args: [...args, "--out", dir], stdout: "null" }).output();
  if (!gen.success) throw new Error("the generator failed");
  await Deno.writeTextFile(marker, "");
}

await runCommand(USAGE, async () => {
  const { values } = parseOptions(Deno.args, {
    customers: { type: "string", default: "100000" },
    seed: { type: "string", default: "42" },
    dir: { type: "string" },
    config: { type: "string" },
    workers: { type: "string" },
    out: { type: "string" },
    family: { type: "string" },
    explained: { type: "string", default: String(DEFAULT_EXPLAINED) },
  });
  const customers = Number(values.customers);
  if (!Number.isInteger(customers) || customers < 20) throw new UsageError("--customers must be a whole number ≥ 20");
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1)) {
    throw new UsageError("--workers must be a whole number ≥ 1");
  }
  const config: RunConfig = await loadRunConfig(values.config);
  const run = workers === undefined ? {} : { workers };
  const explainedSize = Number(values.explained);
  if (!(Number.isInteger(explainedSize) && explainedSize >= 2)) {
    throw new UsageError("--explained must be a whole number ≥ 2");
  }
  const families = ANCHOR_SPACE.map((f) => f.family);
  const family = values.family as Family | undefined;
  if (family !== undefined && !families.includes(family)) {
    throw new UsageError(`--family must be one of ${families.join(", ")}, got "${family}"`);
  }
  const dir = values.dir ?? join(Deno.env.get("TMPDIR") ?? "/tmp", `oneclick-bench-${customers}-${values.seed}`);
  await ensureExport(dir, customers, values.seed!);

  const stages: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  const rss: Record<string, number> = {};
  let t = performance.now(), c = cpuSeconds();
  const lap = (name: string) => {
    const now = performance.now(), cNow = cpuSeconds();
    stages[name] = Number(((now - t) / 1000).toFixed(2));
    cpu[name] = Number((cNow - c).toFixed(2));
    rss[name] = Math.round(peakRssBytes() / 2 ** 20);
    console.error(`${name}: ${stages[name]} s (CPU ${cpu[name]} s), peak RSS ${rss[name]} MiB`);
    t = now, c = cNow;
  };
  const t0 = t;

  const { frame, quality } = await loadDataset(dir);
  lap("load_clean");

  // The sample is drawn inside polars: while the model trains, the million customers are not JS objects.
  const { rows: sample, frame: trainFrame } = sampleFrame(frame, config.training.sampleSize, config.seed);
  lap("sample");

  // --family restricts the search to one family's grid, to time each family's scoring and explanations.
  const model = family === undefined
    ? await runModelStage({ frame: trainFrame, summary: quality } as unknown as DataResult, config, run)
    : await selectModel(trainFrame, {
      ...modelStageOptions(config, run),
      space: ANCHOR_SPACE.filter((f) => f.family === family),
    });
  lap("train_on_sample");

  const table = labelledTable(frame);
  lap("features_everyone");

  // Everyone by the final model, except the sample: each of them gets the probability of a model that did not
  // see them (out-of-fold or the hold-out's), as in the ordinary run.
  const X = model.pipeline.preprocess.transform(table.features);
  const raw = await predictProbaParallel(model.pipeline.model, X, workers ?? navigator.hardwareConcurrency);
  // On the calibrated scale the threshold and the money use, as the report's pipeline does.
  const probability = model.calibration ? calibrateAll(model.calibration.calibrator, raw) : raw;
  const unseen = unseenProbabilities(model);
  sample.forEach((row, k) => probability[row] = unseen[k]!);
  lap("score_everyone");

  const background = takeTable(model.table.features, model.split.train);
  const explained = await explainAtScale(model.pipeline, table.features, background, probability, {
    seed: config.seed,
    samples: config.explain.samples,
    backgroundSize: config.explain.backgroundSize,
    explained: explainedSize,
    ...run,
  });
  lap("explain_everyone");

  const segments = runSegmentsStage(
    frame,
    { probability, threshold: model.best.threshold },
    explained.explanation,
    config,
  );
  lap("segments_offers");

  const outDir = values.out ?? await Deno.makeTempDir({ prefix: "oneclick-pipeline-" });
  await writeFileAtomicChunks(outDir, "offers.csv", offersCsvChunks(segments.offers, config.horizonMonths));
  lap("offers_csv");
  // What the report reads: offers.json, written one offer at a time as the segment stage writes it.
  await writeOffersOf(outDir, segments, config);
  lap("offers_json");

  const totalSeconds = Number(((performance.now() - t0) / 1000).toFixed(2));
  console.log(JSON.stringify(
    {
      customers,
      rows: frame.height,
      sample: sample.length,
      family: model.best.family,
      holdoutAuc: Number(model.best.testAuc.toFixed(4)),
      threshold: Number(model.best.threshold.toFixed(4)),
      explanation: {
        rule: explained.rule,
        explained: explained.explained,
        agreement: explained.agreement,
        ...(explained.agreements ? { agreements: explained.agreements } : {}),
      },
      offers: segments.offers.length,
      stages,
      totalSeconds,
      cpuSeconds: cpu,
      peakRssMiBAfter: rss,
      peakRssBytes: peakRssBytes(),
      workers: workers ?? navigator.hardwareConcurrency,
    },
    null,
    1,
  ));
  if (values.out === undefined) await Deno.remove(outDir, { recursive: true });
});
