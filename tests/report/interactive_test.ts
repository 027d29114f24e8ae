/**
 * The interactive report's pieces outside the browser: the one escaping path
 * for embedded data, the joined client script, and the browser modules
 * (plain JavaScript, imported here as they are) against the TypeScript they
 * mirror — the explorer against `thresholdCurve` and the campaign plan's
 * curve, the download against `offersCsv`, the formatting against
 * ru_format.ts.
 */
import assert from "node:assert/strict";
import { buildOffersArtifact } from "../../src/artifacts/offers.ts";
import { buildCampaignPlanArtifact } from "../../src/artifacts/campaign_plan.ts";
import { CURVE_THRESHOLDS, thresholdCurve } from "../../src/decisions/economics.ts";
import { CHANNEL_ORDER, interactiveData } from "../../src/report/interactive/data.ts";
import { scriptJson } from "../../src/report/interactive/embed.ts";
import { clientScript, joinable } from "../../src/report/interactive/client_script.ts";
import { offersCsv } from "../../src/segments/offers_csv.ts";
import { EXPLORER_STEPS, offersDigest } from "../../src/report/offers_digest.ts";
import { ruNumber, ruPercent } from "../../src/text/ru_format.ts";
import { Rng } from "../../src/util/random.ts";
import { smallRunOnce } from "./render_fixtures_test.ts";
// The browser modules themselves.
import { explore, exploreCurve } from "../../src/report/interactive/browser/explorer_math.js";
import { offersCsvOf } from "../../src/report/interactive/browser/csv.js";
import * as ruBrowser from "../../src/report/interactive/browser/ru.js";

async function runArtifacts() {
  const run = await smallRunOnce();
  const offers = buildOffersArtifact(run.segments, run.config);
  const plan = buildCampaignPlanArtifact(run.segments, run.config);
  return { offers, plan, data: interactiveData(offersDigest(offers, plan), plan), decided: run.segments.offers };
}

Deno.test("scriptJson: no value ends the script element, and JSON.parse gives it back", () => {
  const hostile = [
    "</script><script>alert(1)</script>",
    "</SCRIPT >",
    "<!-- <script>",
    "a & b > c",
    "line\u2028sep\u2029",
    '"quoted" \\ back',
  ];
  const value = { hostile, nested: { key: hostile[0] }, [hostile[0]!]: 1 };
  const text = scriptJson(value);
  assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
  assert.deepEqual(JSON.parse(text), value);
  assert.throws(() => scriptJson(undefined), /no JSON form/);
});

Deno.test("client script: sibling imports joined, anything else refused, no </script in it", async () => {
  assert.equal(joinable("a.js", 'import { f } from "./b.js";\nexport function g() {}'), "\nfunction g() {}");
  assert.throws(() => joinable("a.js", 'import x from "https://x.test/x.js";'), /a\.js:1: expected only sibling/);
  assert.throws(() => joinable("a.js", "export default 1;"), /a\.js:1/);
  const js = await clientScript();
  assert.doesNotMatch(js, /<\/script|\beval\(|new Function\(|innerHTML|^\s*(import|export)\b/im);
  assert.match(js, /function main\(\)/);
});

Deno.test("interactive data: one entry per customer; prevention channels are the assigned ones", async () => {
  const { offers, data } = await runArtifacts();
  const n = offers.offers.length;
  for (const col of [data.id, data.probability, data.profitAtRisk, data.prevention, data.reasons]) {
    assert.equal(col.length, n);
  }
  offers.offers.forEach((o, i) => {
    assert.equal(data.id[i], o.id);
    assert.equal(data.dict.actionSegment[data.actionSegment[i]!]!.id, o.actionSegment);
    // Prevention customers' own action is the one the curve assumes.
    if (o.actionSegment === "prevent" || o.actionSegment === "prevent_valuable") {
      assert.equal(CHANNEL_ORDER[data.prevention[i]!], o.channel, `customer ${o.id}`);
    }
    assert.equal(data.prevention[i]! < 0, o.activity === "Снизилась");
  });
});

Deno.test("explorer (browser module) equals the campaign plan's curve at the run's values, every threshold", async () => {
  const { plan, data } = await runArtifacts();
  const costs = data.run.costPerContact;
  assert.ok(plan.curve.length === CURVE_THRESHOLDS.length);
  for (const point of [...plan.curve, plan.modelThreshold]) {
    const x = explore(data, point.threshold, plan.assumptions.assumedEffect, costs);
    assert.equal(x.customers, point.customers, `customers at ${point.threshold}`);
    assert.ok(Math.abs(x.cost - point.cost) < 1e-9, `cost at ${point.threshold}`);
    assert.ok(Math.abs(x.expectedSaved - point.expectedSaved) < 1e-9, `saved at ${point.threshold}`);
    assert.ok(Math.abs(x.net - point.net) < 1e-9, `net at ${point.threshold}`);
  }
  // The run's threshold: the figures the static campaign section prints.
  const atRun = explore(data, plan.threshold, plan.assumptions.assumedEffect, costs);
  assert.equal(ruNumber(atRun.net, 1), ruNumber(plan.modelThreshold.net, 1));
  assert.equal(atRun.flagged, data.probability.filter((p) => p >= plan.threshold).length);
});

Deno.test("explorer (browser module) equals thresholdCurve for other effects, costs and thresholds", async () => {
  const { data } = await runArtifacts();
  const rng = new Rng().reset(11);
  for (let trial = 0; trial < 40; trial++) {
    const effect = rng.next() * 0.5;
    const costs = CHANNEL_ORDER.map(() => Math.round(rng.next() * 1000) / 1000);
    const candidates = data.probability.flatMap((p, i) =>
      data.prevention[i]! < 0
        ? []
        : [{ probability: p, profitAtRisk: data.profitAtRisk[i]!, actionCost: costs[data.prevention[i]!]! }]
    );
    const thresholds = [0, 1, rng.next(), ...data.probability.slice(0, 5)];
    const expected = thresholdCurve(candidates, effect, thresholds);
    thresholds.forEach((t, k) => {
      const x = explore(data, t, effect, costs), e = expected[k]!;
      assert.equal(x.customers, e.customers);
      assert.equal(x.cost, e.cost);
      assert.equal(x.expectedSaved, e.expectedSaved);
      assert.equal(x.net, e.net);
      assert.equal(x.breakEvenEffect, e.expectedSaved > 0 || x.profitAtRisk > 0 ? e.cost / x.profitAtRisk : null);
    });
  }
});

Deno.test("explorer on a table of the first rows: the sums per probability step give every customer's figures", async () => {
  const { offers, plan, data } = await runArtifacts();
  const digest = offersDigest(offers, plan, { table: 50 });
  const limited = interactiveData(digest, plan);
  assert.equal(limited.id.length, 50, "the table holds the first rows");
  assert.deepEqual(limited.id, data.id.slice(0, 50));
  const bins = limited.explorer!;
  // At most one row per step (and the run's threshold) and channel, however many customers.
  assert.ok(bins.probability.length <= EXPLORER_STEPS * (CHANNEL_ORDER.length + 1), `${bins.probability.length} bins`);
  assert.equal(bins.weight.reduce((s, w) => s + w, 0), data.probability.filter((p) => p >= 0.01).length);
  const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  const rng = new Rng().reset(5);
  for (let trial = 0; trial < 10; trial++) {
    const effect = trial === 0 ? plan.assumptions.assumedEffect : rng.next() * 0.5;
    const costs = trial === 0 ? data.run.costPerContact : CHANNEL_ORDER.map(() => Math.round(rng.next() * 1000) / 1000);
    const steps = Array.from({ length: EXPLORER_STEPS - 1 }, (_, k) => (k + 1) / EXPLORER_STEPS);
    for (const t of [...steps, plan.threshold]) {
      const all = explore(data, t, effect, costs), binned = explore(bins, t, effect, costs);
      assert.equal(binned.flagged, all.flagged, `flagged at ${t}`);
      assert.equal(binned.customers, all.customers, `customers at ${t}`);
      for (const k of ["cost", "profitAtRisk", "expectedSaved", "net"] as const) {
        assert.ok(near(binned[k], all[k]), `${k} at ${t}: ${binned[k]} vs ${all[k]}`);
      }
    }
    const curve = exploreCurve(bins, effect, costs, EXPLORER_STEPS),
      want = exploreCurve(data, effect, costs, EXPLORER_STEPS);
    curve.forEach((p, k) => {
      assert.equal(p.customers, want[k]!.customers);
      assert.ok(near(p.net, want[k]!.net));
    });
  }
  // Everything else of the digest is over every customer, not the table's rows.
  assert.equal(digest.customers, offers.offers.length);
  assert.equal(digest.flagged.customers, offers.offers.filter((o) => o.flagged).length);
  assert.equal(offersDigest(offers, plan).explorer, null, "no sums when the table holds everyone");
});

Deno.test("explorer curve (browser module): explore at 0.01 … 0.99, in one pass", async () => {
  const { plan, data } = await runArtifacts();
  const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  for (const effect of [plan.assumptions.assumedEffect, 0.37]) {
    const curve = exploreCurve(data, effect, data.run.costPerContact, 100);
    assert.equal(curve.length, 99);
    curve.forEach((p, k) => {
      const x = explore(data, (k + 1) / 100, effect, data.run.costPerContact);
      assert.equal(p.threshold, x.threshold);
      assert.equal(p.flagged, x.flagged, `flagged at ${x.threshold}`);
      assert.equal(p.customers, x.customers, `customers at ${x.threshold}`);
      assert.ok(near(p.cost, x.cost) && near(p.net, x.net) && near(p.profitAtRisk, x.profitAtRisk));
    });
  }
  // A probability exactly on a threshold counts there, as in explore.
  const edge = { probability: [0.3, 0.29, 0.07, 1], profitAtRisk: [1, 2, 4, 8], prevention: [0, 0, -1, 1] };
  const c = exploreCurve(edge, 0.1, [0.5, 1], 100);
  assert.deepEqual(
    [c[29]!.flagged, c[29]!.customers, c[28]!.customers, c[6]!.flagged, c[98]!.customers],
    [2, 2, 3, 4, 1],
  );
});

Deno.test("download (browser module): offers.csv's exact text for any rows in any order", async () => {
  // offers.csv is written from the decided offers, in offers.json's order.
  const { offers, data, decided } = await runArtifacts();
  const all = decided.map((_, i) => i);
  assert.equal(offersCsvOf(data, all), offersCsv(decided, offers.horizonMonths));
  const some = [7, 3, 0, 19, 5].filter((i) => i < all.length);
  assert.equal(offersCsvOf(data, some), offersCsv(some.map((i) => decided[i]!), offers.horizonMonths));
  assert.equal(offersCsvOf(data, []), offersCsv([], offers.horizonMonths));
});

Deno.test("Russian numbers (browser module) read as ru_format.ts's", () => {
  const values = [0, -0, 0.5, -0.5, 1, 9999.5, 10000, -12345.678, 1297, 0.38165, 1e6 + 0.05, NaN, Infinity, -0.004];
  for (const x of values) {
    for (const d of [0, 1, 2, 3]) {
      assert.equal(ruBrowser.ruNumber(x, d), ruNumber(x, d), `ruNumber(${x}, ${d})`);
      assert.equal(ruBrowser.ruPercent(x, d), ruPercent(x, d), `ruPercent(${x}, ${d})`);
    }
  }
});
