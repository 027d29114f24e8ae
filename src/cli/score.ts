/**
 * `deno task score --model FILE --data DIR --out FILE.csv`: scores customers
 * from raw tables through the same loader and the saved pipeline; writes
 * `id,probability` rows.
 *
 * @module
 */
import { loadDataset } from "../data/load.ts";
import { DataError } from "../data/errors.ts";
import { featureTable } from "../features/feature_table.ts";
import { pipelineFromJSON } from "../models/pipeline.ts";
import type { ModelArtifact } from "../selection/artifacts.ts";
import { parseOptions, runCommand, UsageError, writeFileAtomic } from "./run.ts";

const USAGE = "deno task score --model FILE --data DIR --out FILE.csv";

/** Reads and checks model.json. */
export async function readModel(path: string): Promise<ModelArtifact> {
  let json: ModelArtifact;
  try {
    json = JSON.parse(await Deno.readTextFile(path));
  } catch (e) {
    throw new DataError([{
      file: path,
      expected: `a model.json written by "deno task model" (${(e as Error).message})`,
    }]);
  }
  if (json?.format !== "oneclick-model/1") {
    throw new DataError([{ file: path, value: String(json?.format), expected: 'format "oneclick-model/1"' }]);
  }
  return json;
}

/** Probabilities for every customer of `dataDir`, as CSV text. */
export async function scoreCsv(model: ModelArtifact, dataDir: string): Promise<string> {
  const { frame } = await loadDataset(dataDir);
  const t = featureTable(frame, [...model.features.numeric, ...Object.keys(model.features.categorical)]);
  const p = pipelineFromJSON(model.pipeline).predictProba(t);
  const ids = frame.getColumn("id").toArray() as number[];
  return "id,probability\n" + ids.map((id, i) => `${id},${p[i]!.toFixed(6)}`).join("\n") + "\n";
}

if (import.meta.main) {
  await runCommand(USAGE, async () => {
    const { values } = parseOptions(Deno.args, {
      model: { type: "string" },
      data: { type: "string" },
      out: { type: "string" },
    });
    if (!values.model || !values.data || !values.out) throw new UsageError("--model, --data and --out are required");
    const csv = await scoreCsv(await readModel(values.model), values.data);
    await writeFileAtomic(values.out, csv);
    console.log(`Scored ${csv.split("\n").length - 2} customers into ${values.out}`);
  });
}
