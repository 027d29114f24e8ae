import assert from "node:assert/strict";
import { buildCampaignPlanArtifact, CAMPAIGN_PLAN_FILE } from "../../src/artifacts/campaign_plan.ts";
import { artifactText, parseArtifact } from "../../src/artifacts/artifact_file.ts";
import { buildDecisions } from "../../src/decisions/build_decisions.ts";
import { controlNote, drawControl, sizeControl } from "../../src/decisions/control_groups.ts";
import { bestThreshold, economicsOf, thresholdCurve } from "../../src/decisions/economics.ts";
import { buildSegments } from "../../src/segments/build_segments.ts";
import { OFFERS_CSV_GROUPS, OFFERS_CSV_HEADERS, offersCsv } from "../../src/segments/offers_csv.ts";
import { configWith, labelledInput, syntheticRows } from "./fixtures.ts";

// A large effect, so that segments of a few hundred synthetic customers are measurable.
const CONFIG = configWith({ campaign: { assumedEffect: 0.4 } });

function decide(seed: number) {
  const input = labelledInput(syntheticRows(3000, 21), 0.45);
  const segments = buildSegments(input);
  return { segments, ...buildDecisions(input, segments, { ...CONFIG, seed }) };
}

Deno.test("control-group sizes: measurable, too small with a control, too small without one", () => {
  const o = { alpha: 0.05, power: 0.8, assumedEffect: 0.2, controlShare: 0.5, seed: 1 };
  const big = sizeControl("prevent", 1000, 0.5, true, o);
  assert.deepEqual([big.measurable, big.requiredPerArm, big.control, big.offer], [true, 388, 388, 612]);
  const mid = sizeControl("prevent", 300, 0.5, true, o);
  assert.deepEqual([mid.measurable, mid.control, mid.offer], [false, 150, 150]);
  assert.ok(mid.minimalDetectableEffect! > 0.2);
  const small = sizeControl("prevent", 50, 0.5, true, o);
  assert.deepEqual([small.measurable, small.control, small.minimalDetectableEffect], [false, 0, null]);
  assert.equal(sizeControl("maintain", 500, 0.1, false, o).control, 0);
});

Deno.test("control-group notes write counts in the Russian format (a million customers: «55 604 чел.»)", () => {
  const o = { alpha: 0.05, power: 0.8, assumedEffect: 0.02, controlShare: 0.5, seed: 1 };
  const big = sizeControl("prevent", 1_000_000, 0.5, true, o);
  assert.ok(big.measurable && big.control >= 10_000);
  const nb = "\u00A0";
  const group = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, nb);
  assert.match(
    controlNote(big),
    new RegExp(`^Измеримо: контрольная группа из ${group(big.control)} чел\\. и ${group(big.offer)} чел\\.`),
  );
  const need = sizeControl("prevent", 20_000, 0.5, true, { ...o, assumedEffect: 0.01 });
  assert.equal(need.measurable, false);
  assert.match(
    controlNote(need),
    new RegExp(`нужно по ${group(need.requiredPerArm!)} чел\\. в каждой группе, в сегменте 20${nb}000`),
  );
});

Deno.test("both groups in every measurable segment; the draw is deterministic for a seed", () => {
  const a = decide(42), b = decide(42), c = decide(43);
  const measurable = a.plan.segments.filter((s) => s.control.measurable);
  assert.ok(measurable.length >= 2, `measurable: ${measurable.map((s) => s.id)}`);
  for (const s of measurable) {
    const rows = a.offers.filter((o) => o.actionSegment === s.id);
    assert.equal(rows.filter((o) => o.group === "control").length, s.control.requiredPerArm);
    assert.ok(rows.filter((o) => o.group === "offer").length >= s.control.requiredPerArm!);
  }
  const groups = (d: ReturnType<typeof decide>) => d.offers.map((o) => `${o.id}:${o.group}`).join();
  assert.equal(groups(a), groups(b));
  assert.notEqual(groups(a), groups(c));
  assert.equal(offersCsv(a.offers), offersCsv(b.offers));
  // The draw depends on who is in the segment, not on row order.
  const four = ["1", "2", "3", "4"].map((id) => ({ id, probability: Number(id) / 10 }));
  assert.deepEqual(
    [...drawControl(four, 2, 5, 0)].sort(),
    [...drawControl([...four].reverse(), 2, 5, 0)].sort(),
  );
  // One from each risk stratum: {1, 2} and {3, 4}.
  const drawn = [...drawControl(four, 2, 5, 0)].map(Number).sort();
  assert.ok(drawn[0]! <= 2 && drawn[1]! >= 3, `drawn ${drawn}`);
  assert.equal(a.offers.filter((o) => o.actionSegment === "maintain" && o.group === "control").length, 0);
});

Deno.test("the plan's totals are the sums over the offers' rows", () => {
  const d = decide(42);
  const plan = JSON.parse(
    artifactText(CAMPAIGN_PLAN_FILE, buildCampaignPlanArtifact({ ...d, cuts: d.segments.cuts }, CONFIG)),
  );
  parseArtifact(CAMPAIGN_PLAN_FILE, JSON.stringify(plan), "campaign_plan.json"); // valid against its schema
  const close = (a: number, b: number) => Math.abs(a - b) < 1e-9 * Math.max(1, Math.abs(b));
  const check = (e: typeof plan.overall, rows: typeof d.offers, what: string) => {
    const offer = rows.filter((o) => o.group === "offer");
    assert.equal(e.customers, rows.length, what);
    assert.equal(e.control, rows.filter((o) => o.group === "control").length, what);
    assert.equal(e.contacts, offer.filter((o) => o.channel !== "site" || o.actionCost > 0).length, what);
    assert.ok(close(e.cost, offer.reduce((a, o) => a + o.actionCost, 0)), what);
    assert.ok(close(e.profitAtRisk, rows.reduce((a, o) => a + o.profitAtRisk, 0)), what);
    assert.ok(close(e.expectedSaved, offer.reduce((a, o) => a + o.expectedSaved, 0)), what);
    assert.ok(close(e.net, e.expectedSaved - e.cost), what);
    if (e.cost > 0) assert.ok(close(e.roi, e.net / e.cost), what);
  };
  check(plan.overall, d.offers, "overall");
  for (const s of plan.segments) check(s.economics, d.offers.filter((o) => o.actionSegment === s.id), s.id);
  assert.ok(plan.overall.cost > 0 && plan.overall.contacts > 0);
  assert.equal(plan.moneyUnit, "усл. ед.");
});

Deno.test("economics: break-even, sensitivity, ROI without cost, and the threshold curve", () => {
  const rows = [
    {
      segment: "prevent" as const,
      group: "offer" as const,
      profitAtRisk: 10,
      actionCost: 0.5,
      message: true,
      isOffer: true,
    },
    {
      segment: "prevent" as const,
      group: "offer" as const,
      profitAtRisk: 6,
      actionCost: 0,
      message: false,
      isOffer: true,
    },
    {
      segment: "prevent" as const,
      group: "control" as const,
      profitAtRisk: 8,
      actionCost: 0.5,
      message: true,
      isOffer: true,
    },
  ];
  const e = economicsOf(rows, 0.1);
  assert.deepEqual([e.customers, e.offer, e.control, e.contacts], [3, 2, 1, 1]);
  assert.equal(e.profitAtRisk, 24);
  assert.equal(e.profitAtRiskReached, 16);
  assert.ok(Math.abs(e.net - 1.1) < 1e-12 && Math.abs(e.roi! - 2.2) < 1e-12);
  assert.equal(e.breakEvenEffect, 0.5 / 16);
  assert.deepEqual(e.sensitivity.map((s) => s.effect), [0.05, 0.1, 0.2]);
  assert.ok(Math.abs(e.sensitivity[2]!.net - 2.7) < 1e-12);
  assert.equal(economicsOf(rows.slice(1, 2), 0.1).roi, null);
  const curve = thresholdCurve(
    [
      { probability: 0.9, profitAtRisk: 10, actionCost: 0.05 },
      { probability: 0.3, profitAtRisk: 2, actionCost: 0.5 },
    ],
    0.1,
    [0.2, 0.5],
  );
  assert.deepEqual(curve.map((p) => p.customers), [2, 1]);
  assert.equal(bestThreshold(curve).threshold, 0.5); // 0.95 beats 0.2 − 0.5 + 0.95
});

Deno.test("offers.csv: the appended columns, in order, with the exact group words", () => {
  const d = decide(42);
  const lines = offersCsv(d.offers).replace(/^\uFEFF/, "").split("\r\n");
  const header = lines[0]!.split(";");
  assert.deepEqual(header.slice(9), [
    "Сегмент действия",
    "Код сегмента действия",
    "Канал",
    "Код канала",
    "Группа",
    "Любимая категория",
    "Покупательская активность",
  ]);
  assert.equal(header[0], OFFERS_CSV_HEADERS.id);
  for (const [i, line] of lines.slice(1, -1).entries()) {
    // The appended cells hold no separator, so the last seven fields are they (reasons may be quoted with ";").
    const o = d.offers[i]!;
    assert.deepEqual(line.split(";").slice(-7), [
      o.actionSegmentName,
      o.actionSegment,
      o.channelName,
      o.channel,
      OFFERS_CSV_GROUPS[o.group],
      o.category,
      o.activity,
    ]);
  }
  assert.ok(d.offers.some((o) => o.group === "control") && d.offers.some((o) => o.group === "offer"));
  assert.deepEqual(Object.values(OFFERS_CSV_GROUPS), ["предложение", "контроль"]);
});
