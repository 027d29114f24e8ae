/**
 * `deno task bench:nested [--data DIR] [--folds-out FILE] [--workers N] [--outer-folds K] [--repeats R]`:
 * nested CV of the model selection (the reference grid, the ensemble, the
 * choice) on the data, timed, printing per-family outer AUCs, wins and the
 * selected procedure's AUC as JSON. With `--folds-out` it also writes the
 * customers' features, labels and every outer and inner fold as JSON (outside
 * the repository: it holds the data) for `bench/nested_cv_sklearn.py`, which
 * runs scikit-learn's GridSearchCV on exactly those folds:
 *
 * ```sh
 * deno task bench:nested --folds-out /tmp/folds.json
 * /usr/bin/python3 bench/nested_cv_sklearn.py /tmp/folds.json --jobs 2
 * ```
 */
import { wholeOption } from "../src/cli/options.ts";
import { parseOptions, runCommand } from "../src/cli/run.ts";
import { loadDataset } from "../src/data/load.ts";
import { labelledTable } from "../src/features/feature_table.ts";
import { innerSplits, nestedCv, outerSplits } from "../src/selection/nested_cv.ts";
import { MODEL_DEFAULTS } from "../src/selection/select_model.ts";

const USAGE = "deno task bench:nested [--data DIR] [--folds-out FILE] [--workers N] [--outer-folds K] [--repeats R]";

await runCommand(USAGE, async () => {
  const { values } = parseOptions(Deno.args, {
    data: { type: "string", default: "../shared/data/one-click" },
    "folds-out": { type: "string" },
    workers: { type: "string", default: "2" },
    "outer-folds": { type: "string", default: String(MODEL_DEFAULTS.nestedFolds) },
    repeats: { type: "string", default: String(MODEL_DEFAULTS.nestedRepeats) },
  });
  const table = labelledTable((await loadDataset(values.data!)).frame);
  const o = {
    outerFolds: wholeOption("outer-folds", values["outer-folds"], 2)!,
    repeats: wholeOption("repeats", values.repeats, 1)!,
    innerFolds: MODEL_DEFAULTS.folds,
    seed: MODEL_DEFAULTS.seed,
    workers: wholeOption("workers", values.workers, 1)!,
  };
  if (values["folds-out"]) {
    const outer = outerSplits(table, o).map(({ repeat, fold, split }) => ({
      repeat,
      fold,
      train: Array.from(split.train),
      test: Array.from(split.test),
      // Indices into `train`, as scikit-learn's `cv=` takes them for the outer training part.
      inner: innerSplits(table, split.train, o.innerFolds, o.seed).map((f) => ({
        train: Array.from(f.train),
        test: Array.from(f.test),
      })),
    }));
    const f = table.features;
    await Deno.writeTextFile(
      values["folds-out"],
      JSON.stringify({
        numeric: Object.fromEntries(Object.entries(f.numeric).map(([k, v]) => [k, Array.from(v)])),
        categorical: f.categorical,
        y: Array.from(table.y),
        outer,
      }),
    );
  }
  const n = await nestedCv(table, o);
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  console.log(JSON.stringify(
    {
      seconds: r4(n.seconds),
      workers: o.workers,
      outerFolds: n.outerFolds,
      repeats: n.repeats,
      selected: { mean: r4(n.selected.mean), interval: n.selected.interval.map(r4) },
      families: n.families.map((x) => ({ family: x.family, mean: r4(x.mean), std: r4(x.std), wins: x.wins })),
      folds: n.folds.map((x) => ({
        winner: x.winner,
        auc: Object.fromEntries(Object.entries(x.auc).map(([k, v]) => [k, r4(v)])),
      })),
    },
    null,
    1,
  ));
});
