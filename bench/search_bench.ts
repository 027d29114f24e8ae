/**
 * `deno task bench:search [--data DIR] [--workers N]`: the grid of
 * `../shared/bench/sklearn_anchor.py` (KNN 90, tree 40, logistic 48, SVC 24
 * candidates; 5 folds; 25 % hold-out) timed end to end like GridSearchCV with
 * refit, printing `{seconds, fits, best: {testAuc}, families: [...]}`.
 * Run beside: `/usr/bin/python3 ../shared/bench/sklearn_anchor.py DIR --jobs 2`.
 */
import { loadDataset } from "../src/data/load.ts";
import { wholeOption as intOption } from "../src/cli/options.ts";
import { parseOptions, runCommand } from "../src/cli/run.ts";
import { searchFamilies } from "../src/selection/select_model.ts";

const USAGE = "deno task bench:search [--data DIR] [--workers N]";

await runCommand(USAGE, async () => {
  const { values } = parseOptions(Deno.args, {
    data: { type: "string", default: "../shared/data/one-click" },
    workers: { type: "string", default: "2" },
  });
  const { frame } = await loadDataset(values.data!);
  const t0 = performance.now();
  const s = await searchFamilies(frame, { workers: intOption("workers", values.workers, 1)! });
  const seconds = (performance.now() - t0) / 1000;
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  const best = s.families.reduce((a, b) => (b.cvAuc > a.cvAuc ? b : a));
  console.log(JSON.stringify(
    {
      seconds: r4(seconds),
      searchSeconds: r4(s.searchSeconds),
      workers: Number(values.workers),
      fits: s.families.reduce((n, f) => n + f.fits, 0),
      best: { family: best.family, cvAuc: r4(best.cvAuc), testAuc: r4(best.testAuc) },
      families: s.families.map((f) => ({
        family: f.family,
        cvAuc: r4(f.cvAuc),
        testAuc: r4(f.testAuc),
        seconds: r4(f.seconds),
        params: f.params,
        scaler: f.scaler,
      })),
    },
    null,
    1,
  ));
});
