import assert from "node:assert/strict";
import { join } from "node:path";
import { buildCampaignArtifact } from "../../src/artifacts/campaign.ts";
import { dropProbability, followupLabels, writeFollowup } from "../../src/data/synth_followup.ts";
import { synthArgs } from "../../src/cli/synth.ts";
import { measureCampaign } from "../../src/followup/measure_campaign.ts";
import { fixtureRows, offersText, writeOffers } from "./fixtures.ts";

const rows = fixtureRows(200);
const customers = rows.map((r) => ({ id: r.id, probability: r.probability, treated: !r.control }));

const read = async (dir: string) =>
  await Promise.all(
    ["market_file", "market_money", "market_time", "money"].map((t) => Deno.readFile(join(dir, `${t}.csv`))),
  );

Deno.test("drop probability: control keeps p, treatment max(0, p − X)", () => {
  assert.equal(dropProbability({ id: "1", probability: 0.3, treated: false }, 0.15), 0.3);
  assert.ok(Math.abs(dropProbability({ id: "1", probability: 0.3, treated: true }, 0.15) - 0.15) < 1e-12);
  assert.equal(dropProbability({ id: "1", probability: 0.1, treated: true }, 0.15), 0);
  // p = 1 always drops, p = 0 never; the draws depend on the seed only through their streams.
  const extreme = [{ id: "1", probability: 1, treated: false }, { id: "2", probability: 1, treated: true }];
  assert.deepEqual(followupLabels(extreme, 1, 5), [true, false]);
  assert.deepEqual(followupLabels(customers, 0.15, 7), followupLabels(customers, 0.15, 7));
  assert.notDeepEqual(followupLabels(customers, 0.15, 7), followupLabels(customers, 0.15, 8));
});

Deno.test("the follow-up export: the offers' ids in the store's format, byte-identical for a seed", async () => {
  const dir = await Deno.makeTempDir({ prefix: "followup_" });
  try {
    const a = await writeFollowup(join(dir, "a"), { customers, uplift: 0.15, seed: 9 });
    await writeFollowup(join(dir, "b"), { customers, uplift: 0.15, seed: 9 });
    assert.deepEqual(await read(join(dir, "a")), await read(join(dir, "b")));
    assert.equal(a.treatment.customers + a.control.customers, 200);
    assert.ok(Math.abs(a.plantedEffect - 0.15) < 1e-12, "every fixture probability is ≥ 0.2");
    const ids = (await Deno.readTextFile(join(dir, "a", "market_file.csv"))).split("\r\n").slice(1, -1)
      .map((l) => l.split(",")[0]);
    assert.deepEqual(ids, rows.map((r) => r.id), "exact 64-bit ids, in the offers' order");
    await assert.rejects(() => writeFollowup(dir, { customers, uplift: 1.5 }), /uplift.*from 0 to 1/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("customers the loader removes as inactive are counted per group, not compared; a segment without control is not measured", async () => {
  const dir = await Deno.makeTempDir({ prefix: "followup_inactive_" });
  try {
    // Segment 0 has no control group in these offers.
    const offered = rows.map((r) => r.segment === 0 ? { ...r, control: false } : r);
    const offers = await writeOffers(dir, offersText(offered));
    const next = join(dir, "next");
    await writeFollowup(next, {
      customers: offered.map((r) => ({ id: r.id, probability: r.probability, treated: !r.control })),
      uplift: 0.1,
      seed: 2,
    });
    // A control customer of segment 1 (rows[6]) bought nothing in one month.
    const idle = offered[6]!;
    assert.equal(idle.control, true);
    const money = join(next, "market_money.csv");
    const lines = (await Deno.readTextFile(money)).split("\n");
    const k = lines.findIndex((l) => l.startsWith(idle.id + ","));
    lines[k] = lines[k]!.replace(/,[\d.]+$/, ",0.0");
    await Deno.writeTextFile(money, lines.join("\n"));
    const r = await measureCampaign(offers, next);
    assert.deepEqual(r.customers.inactive, { treatment: 0, control: 1 });
    assert.equal(r.customers.compared, 199);
    const first = r.segments[0]!;
    assert.equal(first.control.customers, 0);
    assert.ok(Number.isNaN(first.drop.effect));
    const artifact = buildCampaignArtifact(r);
    assert.equal(artifact.segments[0]!.effect, null);
    assert.equal(artifact.segments[0]!.low, null);
    assert.equal(
      artifact.overall.treatment.customers + artifact.overall.control.customers,
      199 - 40,
      "pooled: segments with both groups",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("synth flags: --followup needs --uplift, --uplift needs --followup, --customers becomes optional", () => {
  assert.deepEqual(synthArgs(["--out", "d", "--followup", "o.csv", "--uplift", "0.15"]), {
    out: "d",
    seed: 42,
    followup: "o.csv",
    uplift: 0.15,
  });
  assert.equal(
    (synthArgs(["--out", "d", "--followup", "o.csv", "--uplift", "0,2", "--customers", "5"]) as { customers: number })
      .customers,
    5,
  );
  assert.throws(() => synthArgs(["--out", "d", "--followup", "o.csv"]), /--followup needs --uplift/);
  assert.throws(() => synthArgs(["--out", "d", "--customers", "5", "--uplift", "0.1"]), /--uplift needs --followup/);
  assert.throws(
    () => synthArgs(["--out", "d", "--followup", "o", "--uplift", "2"]),
    /--uplift must be a number from 0 to 1/,
  );
  assert.throws(() => synthArgs(["--out", "d", "--followup", "o", "--uplift=-0.1"]), /--uplift must be/);
});

Deno.test("end to end through the commands: synth --followup, then campaign", async () => {
  const dir = await Deno.makeTempDir({ prefix: "followup_cli_" });
  try {
    const offers = await writeOffers(dir, offersText(rows));
    const run = (cli: string, args: string[]) =>
      new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", new URL(`../../src/cli/${cli}.ts`, import.meta.url).pathname, ...args],
      }).output();
    const s = await run("synth", ["--out", join(dir, "next"), "--followup", offers, "--uplift", "0.15", "--seed", "4"]);
    assert.equal(s.code, 0, new TextDecoder().decode(s.stderr));
    assert.equal(JSON.parse(new TextDecoder().decode(s.stdout)).customers, 200);
    const bad = await run("synth", [
      "--out",
      join(dir, "x"),
      "--followup",
      offers,
      "--uplift",
      "0.1",
      "--customers",
      "9",
    ]);
    assert.equal(bad.code, 2);
    assert.match(new TextDecoder().decode(bad.stderr), /--customers 9 does not match the 200 customers/);
    const c = await run("campaign", ["--offers", offers, "--data", join(dir, "next"), "--out", join(dir, "out")]);
    assert.equal(c.code, 0, new TextDecoder().decode(c.stderr));
    const json = JSON.parse(await Deno.readTextFile(join(dir, "out", "campaign.json")));
    assert.equal(json.overall.treatment.customers + json.overall.control.customers, 200);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
