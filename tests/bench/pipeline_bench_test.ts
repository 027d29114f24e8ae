import { readOffers } from "../../src/artifacts/offers.ts";
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Runs the benchmark on a small synthetic export and returns its JSON. */
async function bench(dir: string, args: string[]): Promise<Record<string, unknown>> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "bench/pipeline_bench.ts"), "--dir", dir, "--workers", "1", ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const err = new TextDecoder().decode(out.stderr);
  assert.ok(out.success, err);
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

Deno.test({
  name: "bench:pipeline: trains on the sample, scores, explains and decides for everyone, prints its figures",
  sanitizeResources: false,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "pipeline-bench-test-" });
    try {
      const config = join(dir, "config.json");
      await Deno.writeTextFile(config, JSON.stringify({ training: { sampleSize: 200 }, cv: { folds: 3, repeats: 1 } }));
      const data = join(dir, "export"), out = join(dir, "out");
      await Deno.mkdir(out);
      const r = await bench(data, [
        "--customers",
        "800",
        "--config",
        config,
        "--family",
        "knn",
        "--explained",
        "100",
        "--out",
        out,
      ]);
      assert.equal(r.customers, 800);
      assert.equal(r.family, "knn");
      assert.ok(Math.abs((r.sample as number) - 200) <= 2, `sample ${r.sample}`);
      assert.equal(r.offers, r.rows);
      type Agreement = { topReason: number };
      const e = r.explanation as {
        rule: string;
        explained: number;
        agreement: Agreement;
        agreements: Record<string, Agreement>;
      };
      assert.ok(["dependence", "neighbour"].includes(e.rule), e.rule);
      assert.equal(e.explained, 100);
      assert.deepEqual(e.agreement, e.agreements[e.rule]);
      assert.ok(e.agreement.topReason >= 0 && e.agreement.topReason <= 1);
      const stages = r.stages as Record<string, number>;
      assert.deepEqual(Object.keys(stages), [
        "load_clean",
        "sample",
        "train_on_sample",
        "features_everyone",
        "score_everyone",
        "explain_everyone",
        "segments_offers",
        "offers_csv",
        "offers_json",
      ]);
      assert.ok(Object.values(stages).every((s) => s >= 0));
      assert.ok((r.peakRssBytes as number) > 50 * 2 ** 20);
      const csv = (await Deno.readTextFile(join(out, "offers.csv"))).trimEnd().split("\n");
      assert.equal(csv.length, (r.rows as number) + 1);
      assert.equal((await readOffers(out)).offers.length, r.rows);

      // The same export again (reused, not regenerated) with the tree: everyone explained exactly.
      const t = await bench(data, ["--customers", "800", "--config", config, "--family", "tree"]);
      assert.deepEqual([t.family, (t.explanation as { rule: string }).rule, t.rows], ["tree", "exact", r.rows]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("bench:pipeline: a bad option is a usage error, exit 2", async () => {
  for (const args of [["--customers", "ten"], ["--family", "forest"], ["--workers", "0"], ["--explained", "1"]]) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", join(ROOT, "bench/pipeline_bench.ts"), ...args],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(out.code, 2, args.join(" "));
    assert.match(new TextDecoder().decode(out.stderr), /--customers|--family|--workers|--explained/);
  }
});
