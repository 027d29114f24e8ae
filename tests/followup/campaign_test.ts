import assert from "node:assert/strict";
import { join } from "node:path";
import { buildCampaignArtifact, readCampaign, writeCampaign } from "../../src/artifacts/campaign.ts";
import { writeFollowup } from "../../src/data/synth_followup.ts";
import { campaignSummary } from "../../src/followup/campaign_summary.ts";
import { type CampaignResult, measureCampaign } from "../../src/followup/measure_campaign.ts";
import { fixtureRows, offersText, SEGMENTS, writeOffers } from "./fixtures.ts";

/** 4000 customers, half control: the overall effect's interval is about ±0.03 wide. */
const CUSTOMERS = 4000;

/** offers.csv, and the next export with `uplift` planted, then the campaign measured. */
async function campaignWith(uplift: number, seed: number): Promise<CampaignResult> {
  const dir = await Deno.makeTempDir({ prefix: "campaign_" });
  try {
    const rows = fixtureRows(CUSTOMERS);
    const offers = await writeOffers(dir, offersText(rows));
    const customers = rows.map((r) => ({ id: r.id, probability: r.probability, treated: !r.control }));
    await writeFollowup(join(dir, "next"), { customers, uplift, seed });
    return await measureCampaign(offers, join(dir, "next"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const planted = await campaignWith(0.15, 3);
const none = await campaignWith(0, 3);

Deno.test("a planted effect of 0.15 is recovered: the overall interval contains 0.15 and excludes 0", () => {
  const o = planted.overall;
  assert.equal(o.treatment.customers + o.control.customers, CUSTOMERS);
  assert.equal(o.control.customers, CUSTOMERS / 2);
  assert.ok(o.drop.low <= 0.15 && 0.15 <= o.drop.high, `[${o.drop.low}, ${o.drop.high}] should contain 0.15`);
  assert.ok(o.drop.low > 0 && o.drop.distinguishable, `[${o.drop.low}, ${o.drop.high}] should exclude 0`);
  assert.ok(o.drop.high - o.drop.low < 0.07, "4000 customers give a narrow interval");
  // Each segment (about 800 customers) sees it too, and its own groups add up to the overall ones.
  assert.deepEqual(planted.segments.map((s) => s.segment), SEGMENTS.map(([code]) => code));
  for (const s of planted.segments) assert.ok(s.drop.distinguishable && s.drop.low > 0, `${s.segment}: ${s.drop.low}`);
  const sum = (f: (s: typeof o) => number) => planted.segments.reduce((a, s) => a + f(s), 0);
  assert.equal(sum((s) => s.control.dropped), o.control.dropped);
  assert.equal(sum((s) => s.treatment.customers), o.treatment.customers);
});

Deno.test("no effect planted (X = 0): the overall interval contains 0", () => {
  const o = none.overall;
  assert.ok(o.drop.low <= 0 && 0 <= o.drop.high, `[${o.drop.low}, ${o.drop.high}] should contain 0`);
  assert.equal(o.drop.distinguishable, false);
  // Profit carries no planted effect either way.
  assert.ok(o.profit.low <= 0 && 0 <= o.profit.high, `profit [${o.profit.low}, ${o.profit.high}]`);
  assert.ok(planted.overall.profit.low <= 0 && 0 <= planted.overall.profit.high);
});

Deno.test("campaign.json: overall and segments carry effect, low, high; it reads back through the reader", async () => {
  const dir = await Deno.makeTempDir({ prefix: "campaign_json_" });
  try {
    const artifact = buildCampaignArtifact(planted);
    await writeCampaign(dir, artifact);
    const back = await readCampaign(dir);
    assert.deepEqual(back, artifact);
    assert.equal(back.overall.segment, "overall");
    assert.ok(back.overall.low! < back.overall.effect! && back.overall.effect! < back.overall.high!);
    assert.equal(back.segments.length, 5);
    for (const s of back.segments) assert.equal(typeof s.low, "number");
    assert.equal(back.inputs.offers, "offers.csv");
    assert.equal(back.inputs.data, "next", "the folder's name, not its path");
    assert.equal(back.method.dropInterval, "newcombe_hybrid_score");
    await Deno.writeTextFile(join(dir, "campaign.json"), JSON.stringify({ ...artifact, overall: { effect: 1 } }));
    await assert.rejects(() => readCampaign(dir), /campaign\.json.*field "overall\.segment"/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the Russian summary names every segment, the groups and the verdicts, with one minus sign", () => {
  const text = campaignSummary(planted);
  for (const [, name] of SEGMENTS) assert.match(text, new RegExp(`^${name}: «предложение» \\d+`, "m"));
  assert.match(text, /^Всего: «предложение» 2000, снизилась у [\d,]+\s%/m);
  assert.match(text, /интервал не содержит 0: эффект есть/);
  assert.match(campaignSummary(none), /интервал содержит 0: эффект не доказан/);
  assert.doesNotMatch(text, /-\d/, "negative numbers use U+2212");
});

Deno.test("groups that differ in predicted risk get a warning; comparable ones do not", () => {
  assert.doesNotMatch(campaignSummary(planted), /неравноценны/, "random halves of the same probabilities");
  const skewed = structuredClone(planted);
  skewed.segments[0]!.control.meanProbability = skewed.segments[0]!.treatment.meanProbability + 0.08;
  assert.match(campaignSummary(skewed), /^ {2}.*Внимание: группы неравноценны — средний прогноз риска/m);
});
