/**
 * `deno task score --model FILE --data DIR --out FILE.csv`: scores every
 * customer of a raw export with a saved model (see `src/scoring/`); writes
 * `id,probability,flagged,profit,profit_at_risk,status,action_segment` and
 * says on stderr who was not scored and why, why the action segment is empty
 * (no label, no money.csv, an older model.json), and what drifted from the
 * training data.
 *
 * @module
 */
import { readModel } from "../artifacts/model.ts";
import { scoreExport, scoresCsv, scoreSummary } from "../scoring/score_export.ts";
import { parseOptions, runCommand, UsageError, writeFileAtomic } from "./run.ts";

const USAGE = "deno task score --model FILE --data DIR --out FILE.csv";

if (import.meta.main) {
  await runCommand(USAGE, async () => {
    const { values } = parseOptions(Deno.args, {
      model: { type: "string" },
      data: { type: "string" },
      out: { type: "string" },
    });
    if (!values.model || !values.data || !values.out) throw new UsageError("--model, --data and --out are required");
    const model = await readModel(values.model);
    // The horizon the model's run used, as export-sql's query does: one model, one profit-at-risk figure.
    const result = await scoreExport(model, values.data, model.config.horizonMonths);
    await writeFileAtomic(values.out, scoresCsv(result.customers));
    console.error(scoreSummary(result));
    console.log(`Scores written to ${values.out}`);
  });
}
