/**
 * `deno task bench:eda [--data DIR] [--save DIR] [--parts]`: notebook 02_eda's
 * code outside Jupyter — the data stage, `runEdaStage`, and the four EDA charts
 * — timed on an export (`--data`, or a synthetic one of `--customers`,
 * default 1 000 000, written to a temporary folder). Prints JSON: wall and CPU seconds per part and the process's
 * peak RSS (VmHWM) after each (and each part to stderr as it ends). `--parts` also times the EDA summary's pieces one by
 * one (columns, association matrix, VIF, numeric, categorical, periods) on
 * the same frame. `--save DIR` writes eda.json and `charts/eda_*.svg` there
 * with the notebook's own writers, to compare two versions byte for byte.
 */
import { partTimer } from "./process_stats.ts";
import { DEFAULT_CONFIG } from "../src/config/run_config.ts";
import { resolveSource } from "../src/data/source.ts";
import { FEATURES } from "../src/data/labels.ts";
import { parseOptions, runCommand } from "../src/cli/run.ts";
import { benchExport } from "./bench_export.ts";
import { saveChart } from "../src/notebook/params.ts";
import * as charts from "../src/report/charts/mod.ts";
import { runDataStage } from "../src/stages/data_stage.ts";
import { runEdaStage } from "../src/stages/eda_stage.ts";
import { saveEda } from "../src/stages/save.ts";
import { type AssociationColumn, associationMatrix } from "../src/eda/association_matrix.ts";
import { categoryShares } from "../src/eda/category_shares.ts";
import { categoryColumn, numericColumn, targetOf } from "../src/eda/classes.ts";
import { numericByTarget } from "../src/eda/numeric_by_target.ts";
import { periodSummaries } from "../src/eda/periods.ts";
import { vif } from "../src/eda/vif.ts";

const USAGE = "deno task bench:eda [--data DIR | --customers N] [--save DIR] [--parts]";

await runCommand(USAGE, async () => {
  const { values } = parseOptions(Deno.args, {
    data: { type: "string" },
    customers: { type: "string", default: "1000000" },
    save: { type: "string" },
    parts: { type: "boolean", default: false },
  });
  const { time, result } = partTimer();
  const config = DEFAULT_CONFIG;
  const exported = await benchExport(values.data, values.customers, 1, "oneclick-eda-bench-");
  const source = await resolveSource(exported.dir);
  const data = await time("data stage", () => runDataStage(source, config));
  const eda = await time("runEdaStage", () => runEdaStage(data, config));
  const svgs = {
    eda_numeric: await time("numericGridChart", () => charts.numericGridChart(eda.summary)),
    eda_categorical: await time("categoricalGridChart", () => charts.categoricalGridChart(eda.summary)),
    eda_periods: await time("periodsChart", () => charts.periodsChart(eda.summary)),
    eda_association: await time("associationHeatmap", () => charts.associationHeatmap(eda.summary)),
  };
  if (values.save !== undefined) {
    const dir = values.save;
    await time("save", async () => {
      await saveEda(dir, eda, config);
      for (const [name, svg] of Object.entries(svgs)) await saveChart(dir, name, svg);
    });
  }
  if (values.parts) {
    // The summary's pieces one by one, as edaSummary composes them, to see which grows worse than linearly.
    const frame = data.frame;
    const names = Object.keys(FEATURES);
    const numeric = names.filter((f) => FEATURES[f]!.type === "number");
    const category = names.filter((f) => FEATURES[f]!.type === "category");
    const y = await time("part: target", () => targetOf(frame));
    const numbers = await time(
      "part: numeric columns",
      () => new Map(numeric.map((f) => [f, numericColumn(frame, f)])),
    );
    const cats = await time(
      "part: category columns",
      () => new Map(category.map((f) => [f, categoryColumn(frame, f)])),
    );
    await time(
      "part: association matrix",
      () =>
        associationMatrix(
          names.map((f): AssociationColumn =>
            FEATURES[f]!.type === "number"
              ? { name: f, label: f, type: "number", values: numbers.get(f)! }
              : { name: f, label: f, type: "category", values: cats.get(f)! }
          ),
        ),
    );
    await time("part: vif", () => vif(numeric.map((f) => numbers.get(f)!)));
    await time("part: numeric by target", () => numeric.map((f) => numericByTarget(f, numbers.get(f)!, y)));
    await time("part: category shares", () => category.map((f) => categoryShares(f, cats.get(f)!, y)));
    await time("part: periods", () => periodSummaries((c) => numbers.get(c) ?? numericColumn(frame, c), y));
  }
  await exported.remove();
  console.log(
    JSON.stringify(
      {
        data: values.data ?? `synthetic (${values.customers} customers, seed 42)`,
        customers: data.frame.height,
        parts: result,
      },
      null,
      2,
    ),
  );
});
