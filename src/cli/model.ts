/**
 * `deno task model [--data DIR] [--out DIR] [--seed S] [--workers N]`: the
 * data stage, then model selection; writes metrics.json, search.json and
 * model.json next to quality.json.
 *
 * @module
 */
import { join } from "node:path";
import { metricsJson, modelArtifact, searchJson } from "../selection/artifacts.ts";
import { modelText } from "../selection/model_file.ts";
import { MODEL_DEFAULTS, type ModelStage, selectModel } from "../selection/select_model.ts";
import { DATA_OPTIONS, type DataStage, dataStage } from "./data.ts";
import { predictionsJson, predictionsOf } from "./predictions.ts";
import { jsonText, parseOptions, runCommand, UsageError, writeFileAtomic } from "./run.ts";

const USAGE = "deno task model [--data DIR] [--out DIR] [--seed S] [--workers N]";

/** Options of the model stage on the command line. */
export const MODEL_OPTIONS = {
  seed: { type: "string", default: String(MODEL_DEFAULTS.seed) },
  workers: { type: "string" },
} as const;

/** Reads a whole-number option. */
export function intOption(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return n;
}

/**
 * Runs model selection on the data stage's frame and writes its artifacts into
 * `out`; model.json carries the data stage's cleaning rules for scoring.
 */
export async function modelStage(
  data: Pick<DataStage, "frame" | "summary">,
  out: string,
  options: { seed?: number; workers?: number },
): Promise<ModelStage> {
  const stage = await selectModel(data.frame, options);
  // Sealed first: a model the writer refuses (a non-finite number) leaves no artifact of this run half-written.
  const model = modelText(await modelArtifact(stage, { revenueRules: data.summary.revenueRules }));
  await writeFileAtomic(join(out, "metrics.json"), jsonText(metricsJson(stage)));
  await writeFileAtomic(join(out, "search.json"), jsonText(searchJson(stage)));
  await writeFileAtomic(join(out, "model.json"), model);
  await writeFileAtomic(join(out, "predictions.json"), predictionsJson(predictionsOf(stage)));
  const f = (x: number) => x.toFixed(4);
  for (const r of stage.families) {
    console.log(
      `${r.family.padEnd(8)} CV AUC ${f(r.cvAuc)} ± ${f(r.cvAucStd)}  hold-out ${f(r.testAuc)}  ` +
        `5×5 CV ${f(r.repeatedCv.mean)} [${r.repeatedCv.interval.map(f).join(", ")}]  ${
          JSON.stringify(r.params)
        } ${r.scaler}`,
    );
  }
  console.log(
    `Best: ${stage.best.family}, hold-out AUC ${f(stage.best.holdout.auc)}, threshold ${f(stage.best.threshold)}; ` +
      `search ${stage.searchSeconds.toFixed(2)} s; artifacts in ${out}`,
  );
  return stage;
}

if (import.meta.main) {
  await runCommand(USAGE, async () => {
    const { values } = parseOptions(Deno.args, { ...DATA_OPTIONS, ...MODEL_OPTIONS });
    const data = await dataStage(values.data, values.out!);
    const workers = intOption("workers", values.workers, 1);
    await modelStage(data, values.out!, {
      seed: intOption("seed", values.seed, 0)!,
      ...(workers === undefined ? {} : { workers }),
    });
  });
}
