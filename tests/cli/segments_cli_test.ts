/** The segments command end to end on synthetic data: every artifact written and consistent. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeSynthetic } from "../../src/data/synth.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

Deno.test("segments command: explanations, segments and one offer per customer", async () => {
  const data = await Deno.makeTempDir(), out = await Deno.makeTempDir();
  await writeSynthetic(data, { customers: 300, seed: 3 });
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "src/cli/segments.ts"), "--data", data, "--out", out, "--workers", "2"],
    env: { NO_COLOR: "1" },
  }).output();
  assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
  const quality = JSON.parse(await Deno.readTextFile(join(out, "quality.json")));
  const expl = JSON.parse(await Deno.readTextFile(join(out, "explanations.json")));
  assert.equal(expl.customers, quality.customers);
  assert.equal(expl.importance.length, 16);
  assert.equal(expl.beeswarm.length, 16 * quality.customers);
  const segments = JSON.parse(await Deno.readTextFile(join(out, "segments.json")));
  assert.ok(segments.segments.length >= 8);
  const csv = await Deno.readTextFile(join(out, "offers.csv"));
  assert.ok(csv.startsWith("\uFEFF"), "BOM for Excel");
  const rows = csv.trim().split("\r\n");
  assert.equal(rows.length - 1, quality.customers);
  const ids = rows.slice(1).map((l) => l.split(";")[0]);
  assert.equal(new Set(ids).size, quality.customers);
});
