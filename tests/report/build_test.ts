/**
 * The report command end to end with small notebooks written by the tests:
 * a broken notebook fails cleanly and leaves the previous report in place; a
 * notebook that writes a fixture artifact set gives report.html, report.pdf,
 * the artifacts and the executed notebooks. Skipped without Jupyter and the
 * Deno kernel.
 */
import assert from "node:assert/strict";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  commandAvailable,
  jupyterAvailable,
  notebookJson,
  writeCopyNotebook,
  writeFixtureArtifacts,
} from "./render_fixtures_test.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const JUPYTER = await jupyterAvailable();
const CHROMIUM = await commandAvailable("chromium");

async function report(args: string[]) {
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "src/cli/report.ts"), ...args],
    // A cache of its own: each build runs its notebooks, as the tests expect, and the project's .cache is untouched.
    env: { NO_COLOR: "1", ONECLICK_CACHE_DIR: Deno.makeTempDirSync() },
  }).output();
  return { code: r.code, stdout: new TextDecoder().decode(r.stdout), stderr: new TextDecoder().decode(r.stderr) };
}

async function entries(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) names.push(e.name);
  return names.sort();
}

Deno.test({
  name: "report build: a broken notebook fails with notebook, cell, line and error; the old report survives",
  ignore: !JUPYTER,
  async fn() {
    const notebooks = await Deno.makeTempDir(), out = await Deno.makeTempDir();
    await Deno.writeTextFile(join(notebooks, "01_ok.ipynb"), notebookJson(["const a = 1;\na + 1"]));
    await Deno.writeTextFile(
      join(notebooks, "02_broken.ipynb"),
      notebookJson([
        "const rows = [1, 2, 3];\nrows.length",
        "const total = rows.reduce((a, b) => a + b, 0);\n\nconst broken = JSON.parse('{not json');\nbroken",
        "console.log('never runs');",
      ]),
    );
    await Deno.writeTextFile(join(out, "report.html"), "<p>previous report</p>");
    await Deno.mkdir(join(out, "artifacts"));
    await Deno.writeTextFile(join(out, "artifacts", "quality.json"), "{}");

    const r = await report(["--out", out, "--notebooks", notebooks, "--timeout", "30"]);
    assert.notEqual(r.code, 0);
    assert.equal(r.code, 70);
    assert.match(r.stdout, /01_ok {2}done {2}1 cells/);
    assert.match(r.stdout, /02_broken {2}cell 2\/3 {2}\d+\.\d\d s {2}FAILED/);
    assert.match(
      r.stderr,
      /Notebook 02_broken\.ipynb failed in code cell 2 of 3, line 3:\n {4}const broken = JSON\.parse\('\{not json'\);\nSyntaxError: /,
    );
    assert.doesNotMatch(r.stderr, /\n\s+at |Traceback|File "/, "no JavaScript or Python stack");
    assert.equal(await Deno.readTextFile(join(out, "report.html")), "<p>previous report</p>");
    assert.equal(await Deno.readTextFile(join(out, "artifacts", "quality.json")), "{}");
    assert.deepEqual(await entries(out), ["artifacts", "report.html"], "the temporary folder is gone");
    await Deno.remove(notebooks, { recursive: true });
    await Deno.remove(out, { recursive: true });
  },
});

Deno.test({
  name: "report build: results replace the previous ones only after every stage succeeded",
  ignore: !JUPYTER || !CHROMIUM,
  async fn() {
    const fixture = await Deno.makeTempDir(), notebooks = await Deno.makeTempDir(), out = await Deno.makeTempDir();
    await writeFixtureArtifacts(fixture, { demo: true });
    await writeCopyNotebook(notebooks, fixture);
    await Deno.writeTextFile(join(out, "report.html"), "old");
    await Deno.mkdir(join(out, "artifacts"));
    await Deno.writeTextFile(join(out, "artifacts", "stale.json"), "{}");

    const r = await report(["--out", out, "--notebooks", notebooks]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /01_copy {2}cell 1\/2 {2}\d+\.\d\d s/);
    assert.match(
      r.stdout,
      /Stages: notebooks \d+\.\d\d s, render \d+\.\d\d s, pdf \d+\.\d\d s, notebook html \d+\.\d\d s, move \d+\.\d\d s/,
    );
    assert.deepEqual(await entries(out), ["artifacts", "notebooks", "report.html", "report.pdf"]);
    assert.deepEqual(await entries(join(out, "notebooks")), ["01_copy.html", "01_copy.ipynb"]);
    assert.ok(!(await entries(join(out, "artifacts"))).includes("stale.json"), "artifacts replaced as a whole");
    const html = await Deno.readTextFile(join(out, "report.html"));
    assert.match(html, /ДЕМО-ДАННЫЕ/);
    const pdf = await Deno.readFile(join(out, "report.pdf"));
    assert.equal(new TextDecoder().decode(pdf.slice(0, 5)), "%PDF-");
    const executed = JSON.parse(await Deno.readTextFile(join(out, "notebooks", "01_copy.ipynb")));
    // The first cell's value is its one output, the second cell returns nothing (the runner routes late outputs).
    const outputs = executed.cells.filter((c: { cell_type: string }) => c.cell_type === "code")
      .map((c: { outputs: { output_type: string; data?: { "text/plain"?: string | string[] } }[] }) =>
        c.outputs.map((o) => `${o.output_type}:${[o.data?.["text/plain"] ?? ""].flat().join("").replace(ANSI, "")}`)
      );
    assert.equal(outputs.length, 2);
    assert.match(outputs[0]?.join("|") ?? "", /^execute_result:"[^"|]*\/artifacts"$/, "the first cell's result kept");
    assert.deepEqual(outputs[1], []);
    for (const d of [fixture, notebooks, out]) await Deno.remove(d, { recursive: true });
  },
});

Deno.test({
  name: "report build: bad usage is a usage error",
  async fn() {
    const r = await report(["--workers", "zero"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--workers must be a whole number ≥ 1, got "zero"\nUsage: deno task report/);
  },
});

/** A temporary folder inside the project, where a kernel finds the project's deno.json (its npm imports). */
async function projectTempDir(): Promise<string> {
  await Deno.mkdir(join(ROOT, "out"), { recursive: true });
  return await Deno.makeTempDir({ dir: join(ROOT, "out"), prefix: ".test-notebooks-" });
}

/** A notebook with the project's parameters cell, as the four real ones have it, that copies `from` into its out. */
function parametersNotebook(from: string, extra: string[] = []): string {
  const code = (source: string, tags?: string[]) => ({
    cell_type: "code",
    execution_count: null,
    metadata: tags ? { tags } : {},
    outputs: [],
    source,
  });
  const url = (path: string) => JSON.stringify(new URL(path, `file://${ROOT}`).href);
  return JSON.stringify({
    cells: [
      code(
        `import { notebookParams } from ${url("src/notebook/params.ts")};\n` +
          `import { stampSource } from ${url("src/report/data_provenance.ts")};`,
      ),
      code(`const params = notebookParams({ data: undefined, out: "out/dev", config: {}, workers: undefined });`, [
        "parameters",
      ]),
      code(
        `const from = ${JSON.stringify(from)};\n` +
          `for await (const e of Deno.readDir(from)) if (e.isFile) await Deno.copyFile(from + "/" + e.name, params.out + "/" + e.name);\n` +
          `JSON.stringify({ seed: params.config.seed, folds: params.config.cv.folds, workers: params.workers ?? null })`,
      ),
      ...extra.map((s) => code(s)),
    ],
    metadata: { kernelspec: { name: "deno", display_name: "Deno", language: "typescript" } },
    nbformat: 4,
    nbformat_minor: 5,
  });
}

type Cell = {
  cell_type: string;
  id?: string;
  metadata: { tags?: string[] };
  source: string | string[];
  outputs?: unknown[];
};

Deno.test({
  name: "report build: the executed notebook has an injected-parameters cell after `parameters` with the run's values",
  ignore: !JUPYTER,
  async fn() {
    const fixture = await Deno.makeTempDir(), notebooks = await projectTempDir(), out = await Deno.makeTempDir();
    try {
      await writeFixtureArtifacts(fixture, { demo: true });
      await Deno.writeTextFile(join(notebooks, "01_params.ipynb"), parametersNotebook(fixture));
      const { buildReport } = await import("../../src/report/build.ts");
      const { DEFAULT_CONFIG } = await import("../../src/config/run_config.ts");
      const config = { ...DEFAULT_CONFIG, seed: 7, cv: { ...DEFAULT_CONFIG.cv, folds: 3 } };
      await buildReport({ out, notebooksDir: notebooks, config, workers: 2, pdf: false, log: () => {} });

      const cells: Cell[] = JSON.parse(await Deno.readTextFile(join(out, "notebooks", "01_params.ipynb"))).cells;
      const at = cells.findIndex((c) => c.metadata.tags?.includes("parameters"));
      assert.equal(at, 1);
      const injected = cells[at + 1]!;
      assert.deepEqual(injected.metadata.tags, ["injected-parameters"]);
      assert.equal(injected.id, "injected-parameters");
      const source = [injected.source].flat().join("");
      const body = /const params = notebookParams\((\{[\s\S]*\})\);$/.exec(source)?.[1];
      assert.ok(body, source);
      const values = JSON.parse(body);
      assert.deepEqual(values.config, config, "the run's full config");
      assert.equal(values.workers, 2);
      // Paths from the project's root: no absolute temporary path in what people read, and it resolves back.
      assert.doesNotMatch(source, /["\s]\/tmp\//, "no absolute path");
      assert.equal(resolve(ROOT, values.out), join(out, `.build-${Deno.pid}`, "artifacts"));
      assert.ok(!("data" in values), "no --data: the notebook decides ($ONECLICK_DATA, data/raw/, demo)");
      assert.match(source, /^\/\/ Injected by the report build/);
      assert.ok(source.includes(`moved its files to ${relative(ROOT, join(out, "artifacts"))}.`), source);
      // The kernel ran with the injected values, not the cell's defaults.
      const result = JSON.stringify(cells[at + 2]!.outputs);
      assert.match(result, /\\"seed\\":7,\\"folds\\":3,\\"workers\\":2/);
      assert.equal(cells.filter((c) => c.metadata.tags?.includes("injected-parameters")).length, 1);
      // The source notebook is untouched.
      const original: Cell[] = JSON.parse(await Deno.readTextFile(join(notebooks, "01_params.ipynb"))).cells;
      assert.equal(original.length, 3);
    } finally {
      for (const d of [fixture, notebooks, out]) await Deno.remove(d, { recursive: true });
    }
  },
});

Deno.test({
  name: "report build: demo artifacts beside a notebook that ran on real data are refused with one message",
  ignore: !JUPYTER,
  async fn() {
    const fixture = await Deno.makeTempDir(), notebooks = await projectTempDir(), out = await Deno.makeTempDir();
    try {
      await writeFixtureArtifacts(fixture, { demo: true });
      await Deno.writeTextFile(
        join(notebooks, "01_params.ipynb"),
        parametersNotebook(fixture, [
          `await stampSource(params.out, "04_segments", { kind: "user", identity: { hash: "0123456789ab", folder: "one-click" } });`,
        ]),
      );
      const r = await report(["--out", out, "--notebooks", notebooks]);
      assert.notEqual(r.code, 0);
      assert.match(
        r.stderr,
        /come from different data: quality\.json from the demo data \(hash [0-9a-f]{12}\), notebook 04_segments \(sources\/04_segments\.json\) from the data «one-click» \(hash 0123456789ab\)\. A report never mixes them/,
      );
      assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack");
      assert.deepEqual(await entries(out), [], "nothing published");
    } finally {
      for (const d of [fixture, notebooks, out]) await Deno.remove(d, { recursive: true });
    }
  },
});
