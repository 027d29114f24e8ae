/** What the stage tests share: a synthetic export read by the data stage, and a configuration with few fits. */
import { DEFAULT_CONFIG, type RunConfig } from "../../src/config/run_config.ts";
import { writeSynthetic } from "../../src/data/synth.ts";
import { type DataResult, runDataStage } from "../../src/stages/data_stage.ts";

/** `customers` synthetic customers from `seed`, written to a temporary folder and loaded. */
export async function syntheticData(customers: number, seed: number): Promise<{ dir: string; data: DataResult }> {
  const dir = await Deno.makeTempDir();
  await writeSynthetic(dir, { customers, seed });
  return { dir, data: await runDataStage({ dir, kind: "user", origin: "--data" }, DEFAULT_CONFIG) };
}

/** Few fits, no nested CV, no seed stability: for tests whose point is not the model. */
export const FAST_CONFIG: RunConfig = {
  ...DEFAULT_CONFIG,
  cv: { folds: 3, repeats: 1 },
  nestedCv: { folds: 3, repeats: 0 },
  stability: { seeds: [] },
};
