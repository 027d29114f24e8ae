/** The notebooks' parameters cell: defaults, project-relative paths, one clear message per bad value. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { DEFAULT_CONFIG } from "../../src/config/run_config.ts";
import { PROJECT_ROOT } from "../../src/data/source.ts";
import { demoBlock, DEV_OUT, notebookParams, openSource, ParamError, shownPath } from "../../src/notebook/params.ts";

Deno.test("the defaults: a scratch out/dev under the project, the default config, no data, date or workers", () => {
  const p = notebookParams({ data: undefined, dataDate: undefined, out: DEV_OUT, config: {}, workers: undefined });
  assert.deepEqual(p, { data: undefined, out: join(PROJECT_ROOT, "out", "dev"), config: DEFAULT_CONFIG });
  assert.deepEqual(notebookParams(), p, "an empty call is the same");
  assert.notEqual(p.out, join(PROJECT_ROOT, "out", "artifacts"), "never the report's artifacts");
});

Deno.test("relative paths are from the project's root; absolute ones are kept; values reach the result", () => {
  const p = notebookParams({ data: "data/raw", out: "/tmp/x", dataDate: "2026-11-30", workers: 2 });
  assert.equal(p.data, join(PROJECT_ROOT, "data", "raw"));
  assert.equal(p.out, "/tmp/x");
  assert.equal(p.dataDate, "2026-11-30");
  assert.equal(p.workers, 2);
});

Deno.test("config is any subset of the run configuration, merged over the defaults; the full config round-trips", () => {
  const p = notebookParams({ config: { seed: 7, cv: { folds: 3 } } });
  assert.equal(p.config.seed, 7);
  assert.equal(p.config.cv.folds, 3);
  assert.equal(p.config.cv.repeats, DEFAULT_CONFIG.cv.repeats);
  // What the build injects: the whole config as JSON.
  assert.deepEqual(notebookParams({ config: JSON.parse(JSON.stringify(p.config)) }).config, p.config);
});

Deno.test("a bad parameter is one ParamError naming it, its value and what was expected", () => {
  const cases: [Parameters<typeof notebookParams>[0], string][] = [
    [{ dataDate: "30.11.2026" }, 'parameter dataDate must be a calendar date YYYY-MM-DD, got "30.11.2026"'],
    [{ workers: 0 }, "parameter workers must be a whole number ≥ 1 or undefined, got 0"],
    [{ workers: 1.5 }, "parameter workers must be a whole number ≥ 1 or undefined, got 1.5"],
    [{ data: " " }, 'parameter data must be a non-empty path or undefined, got " "'],
    [{ out: "" }, 'parameter out must be a non-empty path or undefined, got ""'],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => notebookParams(input), (e: unknown) => e instanceof ParamError && e.message === message);
  }
  assert.throws(
    () => notebookParams({ config: { cv: { folds: "three" }, colour: 1 } }),
    (e: unknown) =>
      e instanceof ParamError && /^parameter config: 2 problems\n/.test(e.message) &&
      /key «cv\.folds»: found "three", expected/.test(e.message) && /key «colour»: unknown key/.test(e.message),
  );
});

Deno.test("shownPath: relative to the project's root, inside or outside it; notebookParams resolves it back", () => {
  for (
    const [path, shown] of [
      [join(PROJECT_ROOT, "out", ".build-1", "artifacts"), "out/.build-1/artifacts"],
      [join(PROJECT_ROOT, "..", "shared", "data"), "../shared/data"],
      [PROJECT_ROOT, "."],
    ]
  ) {
    assert.equal(shownPath(path!), shown);
    assert.equal(notebookParams({ out: shownPath(path!) }).out, join(path!, "."));
  }
  assert.ok(!shownPath("/tmp/elsewhere").startsWith("/"));
});

Deno.test("openSource: the data parameter wins over $ONECLICK_DATA, which wins over data/raw and the demo", async () => {
  const env = (vars: Record<string, string>) => ({ get: (name: string) => vars[name] });
  assert.deepEqual(await openSource({ data: "/d/given" }, env({ ONECLICK_DATA: "/d/env" })), {
    dir: "/d/given",
    kind: "user",
    origin: "--data",
  });
  assert.deepEqual(await openSource({ data: undefined }, env({ ONECLICK_DATA: "/d/env" })), {
    dir: "/d/env",
    kind: "user",
    origin: "ONECLICK_DATA",
  });
});

Deno.test("the demo block says DEMO DATA in a Markdown quote", () => {
  assert.match(demoBlock(), /^> \*\*⚠ DEMO DATA: synthetic customers/);
});
