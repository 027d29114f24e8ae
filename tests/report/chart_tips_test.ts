/**
 * The charts' tips: marks that carry a `<title>` (Observable Plot's title
 * channel), which the interactive report shows beside the pointer — one per
 * customer dot of the risk × profit scatter when the points carry a text, one
 * per bar of the segments and SHAP-importance charts, one per reliability bin
 * and per period mean — escaped like any other chart text.
 */
import assert from "node:assert/strict";
import * as charts from "../../src/report/charts/mod.ts";
import {
  explanationsFixture,
  metricsFixture,
  riskPointsFixture,
  segmentsFixture,
  summaryFixture,
} from "./charts_fixtures.ts";

/** The texts of the `<title>`s inside marks (the chart's own title, first, left out), no-break spaces decoded. */
function markTitles(svg: string): string[] {
  return [...svg.matchAll(/<title>([^<]*)<\/title>/g)].slice(1).map((m) => m[1]!.replaceAll("&#160;", "\u00A0"));
}

Deno.test("risk × profit: a tip per dot when the points carry one, none otherwise", () => {
  const points = riskPointsFixture(30);
  const cuts = { risk: 0.5, profit: 4 };
  assert.deepEqual(markTitles(charts.riskProfitChart(points, cuts)), []);
  const titled = points.map((p, i) => ({ ...p, title: `id ${1000 + i}` }));
  const tips = markTitles(charts.riskProfitChart(titled, cuts));
  assert.equal(tips.length, 30);
  assert.ok(tips.includes("id 1007"));
  const hostile = charts.riskProfitChart([{ probability: 0.9, profit: 5, title: "</title><script>x</script>" }], cuts);
  assert.doesNotMatch(hostile, /<script/);
});

Deno.test("segments, SHAP importance, reliability and periods: a tip per bar, bin or mean", () => {
  const segments = segmentsFixture();
  const segmentTips = markTitles(charts.segmentsChart(segments));
  // Two bars per segment: profit at risk and size.
  assert.equal(segmentTips.length, 2 * segments.segments.length);
  const first = segments.segments[0]!;
  assert.ok(segmentTips[0]!.startsWith(`${first.name}\n`), segmentTips[0]);
  assert.match(segmentTips[0]!, /Прибыль под риском: [\d\u00A0]+\u00A0усл\. ед\./);

  const explanations = explanationsFixture();
  assert.equal(markTitles(charts.shapImportanceChart(explanations)).length, explanations.importance.length);
  const metrics = metricsFixture();
  const bins = metrics.best.holdout.reliability.filter((b) => b.count > 0).length;
  assert.equal(markTitles(charts.reliabilityChart(metrics)).filter((t) => t.includes("покупателей")).length, bins);
  assert.ok(markTitles(charts.periodsChart(summaryFixture())).length > 0);
});
