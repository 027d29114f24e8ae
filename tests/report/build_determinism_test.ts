/**
 * Two builds of the real notebooks on the same (synthetic) data give the same
 * artifacts byte for byte — JSON compared without the timing keys `seconds`
 * and `fitSeconds`, which the build keeps as measured — and the same
 * report.html except the one build-time line. Skipped without Jupyter and
 * the Deno kernel.
 */
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { writeSynthetic } from "../../src/data/synth.ts";
import { buildReport } from "../../src/report/build.ts";
import { jupyterAvailable } from "./render_fixtures_test.ts";

/** Keys whose values are wall-clock timings. */
const TIMING_KEYS = new Set(["seconds", "fitSeconds"]);

function withoutTimings(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(withoutTimings);
  if (x !== null && typeof x === "object") {
    return Object.fromEntries(
      Object.entries(x).filter(([k]) => !TIMING_KEYS.has(k)).map(([k, v]) => [k, withoutTimings(v)]),
    );
  }
  return x;
}

async function files(dir: string, root = dir): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    const path = join(dir, e.name);
    if (e.isDirectory) out.push(...await files(path, root));
    else out.push(relative(root, path));
  }
  return out.sort();
}

const withoutBuildTime = (html: string) => html.replace(/<p class="build-date"[^>]*>[^<]*<\/p>/, "");

Deno.test({
  name: "report build: two builds on the same data give the same artifacts and the same HTML but the build time",
  ignore: !(await jupyterAvailable()),
  async fn() {
    const data = await Deno.makeTempDir(), a = await Deno.makeTempDir(), b = await Deno.makeTempDir();
    await writeSynthetic(data, { customers: 300, seed: 5 });
    const options = { data, seed: 7, workers: 2, pdf: false };
    await buildReport({ ...options, out: a, builtAt: new Date(Date.UTC(2025, 0, 1)) });
    await buildReport({ ...options, out: b, builtAt: new Date(Date.UTC(2025, 5, 1, 12, 30)) });

    const names = await files(join(a, "artifacts"));
    assert.deepEqual(await files(join(b, "artifacts")), names);
    for (const name of ["quality.json", "metrics.json", "search.json", "model.json", "segments.json", "offers.csv"]) {
      assert.ok(names.includes(name), `${name} written`);
    }
    for (const name of names) {
      const [x, y] = await Promise.all([a, b].map((d) => Deno.readTextFile(join(d, "artifacts", name))));
      if (name.endsWith(".json")) {
        assert.deepEqual(withoutTimings(JSON.parse(x!)), withoutTimings(JSON.parse(y!)), name);
        if (!["metrics.json", "search.json"].includes(name)) assert.equal(x, y, `${name} byte for byte`);
      } else {
        assert.equal(x, y, `${name} byte for byte`);
      }
    }
    const [ha, hb] = await Promise.all([a, b].map((d) => Deno.readTextFile(join(d, "report.html"))));
    assert.notEqual(ha, hb, "the build time differs");
    assert.equal(withoutBuildTime(ha!), withoutBuildTime(hb!));
    for (const d of [data, a, b]) await Deno.remove(d, { recursive: true });
  },
});
