/**
 * The build's notebook cache, through real builds of the real notebooks on
 * synthetic data: a warm build restores every notebook and writes the same
 * artifacts; `run` re-executes only the named notebook; a corrupt entry is
 * one warning and a re-execution, after which the unchanged artifacts keep
 * the later notebooks' entries valid; other data misses everywhere.
 * Skipped without Jupyter and the Deno kernel.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { writeSynthetic } from "../../src/data/synth.ts";
import { buildReport } from "../../src/report/build.ts";
import { jupyterAvailable } from "./render_fixtures_test.ts";

const NOTEBOOKS = ["01_data", "02_eda", "03_model", "04_segments"];

async function artifactFiles(out: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (dir: string, prefix: string) => {
    for await (const e of Deno.readDir(dir)) {
      if (e.isDirectory) await walk(join(dir, e.name), `${prefix}${e.name}/`);
      else files.set(`${prefix}${e.name}`, await Deno.readTextFile(join(dir, e.name)));
    }
  };
  await walk(join(out, "artifacts"), "");
  return files;
}

/** Which notebooks a build's log says were restored and which executed. */
function outcome(lines: string[]): { cached: string[]; executed: string[] } {
  return {
    cached: NOTEBOOKS.filter((n) => lines.some((l) => l.startsWith(`${n}  from the cache`))),
    executed: NOTEBOOKS.filter((n) => lines.some((l) => new RegExp(`^${n}  done`).test(l))),
  };
}

const withoutBuildTime = (html: string) => html.replace(/<p class="build-date"[^>]*>[^<]*<\/p>/, "");

Deno.test({
  name: "report build cache: warm, one notebook, a corrupt entry, other data",
  ignore: !(await jupyterAvailable()),
  async fn() {
    const data = await Deno.makeTempDir(), cacheDir = await Deno.makeTempDir();
    await writeSynthetic(data, { customers: 300, seed: 5 });
    const build = async (out: string, extra: { run?: string[]; data?: string } = {}) => {
      const lines: string[] = [];
      await buildReport({
        data: extra.data ?? data,
        out,
        workers: 2,
        pdf: false,
        builtAt: new Date(Date.UTC(2025, 0, 1)),
        log: (l) => lines.push(l),
        cache: { dir: cacheDir, ...(extra.run ? { run: extra.run } : {}) },
      });
      return lines;
    };

    const cold = await Deno.makeTempDir();
    assert.deepEqual(outcome(await build(cold)), { cached: [], executed: NOTEBOOKS });

    const warm = await Deno.makeTempDir();
    assert.deepEqual(outcome(await build(warm)), { cached: NOTEBOOKS, executed: [] });
    assert.deepEqual(await artifactFiles(warm), await artifactFiles(cold), "the same artifacts, byte for byte");
    const [coldHtml, warmHtml] = await Promise.all([cold, warm].map((d) => Deno.readTextFile(join(d, "report.html"))));
    assert.equal(withoutBuildTime(warmHtml!), withoutBuildTime(coldHtml!));
    // A restored notebook names this build's folders, not those of the build that made the entry.
    const notebook = await Deno.readTextFile(join(warm, "notebooks", "04_segments.ipynb"));
    assert.ok(notebook.includes(warm.split("/").pop()!) && !notebook.includes(cold.split("/").pop()!));
    assert.ok(!notebook.includes("@@ONECLICK"), "no placeholder left");
    assert.ok((await Deno.stat(join(warm, "notebooks", "04_segments.html"))).size > 0, "the HTML export restored");

    const one = await Deno.makeTempDir();
    assert.deepEqual(outcome(await build(one, { run: ["04_segments"] })), {
      cached: ["01_data", "02_eda", "03_model"],
      executed: ["04_segments"],
    });
    assert.deepEqual(await artifactFiles(one), await artifactFiles(cold));

    // Damage the EDA notebook's entry: one warning, 02 runs again, writes the same artifacts, and 03–04 still hit.
    const entries = join(cacheDir, "notebook");
    let damaged = 0;
    for await (const e of Deno.readDir(entries)) {
      const eda = join(entries, e.name, "files", "artifacts", "eda.json");
      try {
        await Deno.writeTextFile(eda, (await Deno.readTextFile(eda)) + " ");
        damaged++;
      } catch {
        // another notebook's entry
      }
    }
    assert.equal(damaged, 1);
    const repaired = await Deno.makeTempDir();
    const lines = await build(repaired);
    assert.equal(lines.filter((l) => l.startsWith("Warning: cache entry notebook/")).length, 1, lines.join("\n"));
    assert.deepEqual(outcome(lines), { cached: ["01_data", "03_model", "04_segments"], executed: ["02_eda"] });
    assert.deepEqual(await artifactFiles(repaired), await artifactFiles(cold));

    // Other data: every notebook runs.
    const otherData = await Deno.makeTempDir();
    await writeSynthetic(otherData, { customers: 300, seed: 6 });
    assert.deepEqual(outcome(await build(await Deno.makeTempDir(), { data: otherData })), {
      cached: [],
      executed: NOTEBOOKS,
    });
  },
});

Deno.test("report --notebook: a name that is not a notebook is a usage error listing the notebooks", async () => {
  const out = await Deno.makeTempDir();
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "src/cli/report.ts", "--out", out, "--notebook", "05_nothing"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(r.code, 2);
  const err = new TextDecoder().decode(r.stderr);
  assert.match(
    err,
    /--notebook must name one of the notebooks \(01_data, 02_eda, 03_model, 04_segments\), got "05_nothing"/,
  );
  assert.deepEqual([...Deno.readDirSync(out)], [], "nothing started");
});
