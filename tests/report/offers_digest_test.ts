/**
 * The report's digest of offers.json: read one offer at a time, it equals
 * the digest of the offers in memory; every count is over all customers while
 * the table keeps the first rows and the chart every k-th; the static report
 * does not change when the page holds fewer rows.
 */
import assert from "node:assert/strict";
import { buildCampaignPlanArtifact, buildOffersArtifact, writeOffers } from "../../src/artifacts/mod.ts";
import { offersDigest, readOffersDigest } from "../../src/report/offers_digest.ts";
import { buildView } from "../../src/report/view_model.ts";
import { readArtifacts } from "../../src/report/render.ts";
import { smallRunOnce, writeFixtureArtifacts } from "./render_fixtures_test.ts";

const run = await smallRunOnce();
const offers = buildOffersArtifact(run.segments, run.config);
const plan = buildCampaignPlanArtifact(run.segments, run.config);
const n = offers.offers.length;

Deno.test("read from the file, the digest is the in-memory one; counts over everyone, the first rows, every k-th dot", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await writeOffers(dir, offers);
    const limits = { table: 25, points: 7 };
    const d = await readOffersDigest(dir, plan, limits);
    assert.deepEqual(d, offersDigest(offers, plan, limits));
    assert.equal(d.customers, n);
    assert.deepEqual(d.top, offers.offers.slice(0, 25));
    const k = Math.ceil(n / 7);
    assert.deepEqual(d.scatter.map((p) => p.id), offers.offers.filter((_, i) => i % k === 0).map((o) => o.id));
    const flagged = offers.offers.filter((o) => o.flagged);
    assert.equal(d.flagged.customers, flagged.length);
    assert.equal(d.flagged.profit, flagged.reduce((s, o) => s + o.profit, 0));
    const top = Math.max(...offers.offers.map((o) => o.probability));
    assert.deepEqual(d.topProbability, {
      probability: top,
      customers: offers.offers.filter((o) => o.probability === top).length,
    });
    assert.ok(d.explorer !== null);
    // Everyone fits: every row, every dot, no sums.
    const all = await readOffersDigest(dir, plan);
    assert.equal(all.top.length, n);
    assert.equal(all.scatter.length, n);
    assert.equal(all.explorer, null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the static report is the same whether the page holds every row or the first ones", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await writeFixtureArtifacts(dir);
    const at = { builtAt: new Date(Date.UTC(2025, 0, 1)), utcOffsetMinutes: 0 };
    const full = buildView(await readArtifacts(dir), at);
    // Never fewer rows than the contact list shows (20), whatever the limit.
    const few = buildView(await readArtifacts(dir, { table: 5 }), at);
    assert.deepEqual(few.model, full.model);
    assert.deepEqual(few.contacts, full.contacts);
    assert.deepEqual(few.campaign, full.campaign);
    assert.equal(few.interactive.customers, full.interactive.customers);
    assert.equal(full.interactive.tableNote, null);
    assert.match(few.interactive.tableNote ?? "", /^В таблице — первые 20 покупателей по прибыли под риском из 40;/);
    assert.equal(few.interactive.data.id.length, 20);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
