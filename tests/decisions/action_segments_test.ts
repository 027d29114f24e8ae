import assert from "node:assert/strict";
import { ACTION_SEGMENTS, actionSegmentOf } from "../../src/decisions/action_segments.ts";
import { buildDecisions } from "../../src/decisions/build_decisions.ts";
import { buildSegments } from "../../src/segments/build_segments.ts";
import { DEFAULT_CONFIG, labelledInput, syntheticRows } from "./fixtures.ts";

const CUTS = { threshold: 0.5, profitCut: 4 };

Deno.test("the observed label, the threshold and the profit cut place a customer", () => {
  const at = (dropped: boolean, probability: number, profit: number) =>
    actionSegmentOf({ dropped, probability, profit }, CUTS);
  assert.equal(at(true, 0.9, 4), "win_back_valuable"); // profit at the cut is high
  assert.equal(at(true, 0.1, 3.99), "win_back"); // dropped: the probability does not matter
  assert.equal(at(false, 0.5, 9), "prevent_valuable"); // at the threshold is high risk
  assert.equal(at(false, 0.7, 1), "prevent");
  assert.equal(at(false, 0.49, 9), "maintain");
  assert.deepEqual(ACTION_SEGMENTS.map((s) => s.name), [
    "Вернуть ценных",
    "Вернуть остальных",
    "Удержать ценных",
    "Удержать остальных",
    "Поддерживать",
  ]);
});

Deno.test("synthetic data: every customer in exactly one action segment, sizes add up", () => {
  const input = labelledInput(syntheticRows(400, 11), 0.45);
  const d = buildDecisions(input, buildSegments(input), DEFAULT_CONFIG);
  assert.equal(d.offers.length, 400);
  assert.equal(new Set(d.offers.map((o) => o.id)).size, 400);
  const ids = new Set(ACTION_SEGMENTS.map((s) => s.id));
  for (const o of d.offers) assert.ok(ids.has(o.actionSegment), o.actionSegment);
  assert.equal(d.plan.segments.reduce((a, s) => a + s.economics.customers, 0), 400);
  for (const s of d.plan.segments) {
    assert.equal(s.economics.customers, d.offers.filter((o) => o.actionSegment === s.id).length, s.id);
  }
  // Every segment is populated on this data, so the test checks each rule.
  for (const s of d.plan.segments) assert.ok(s.economics.customers > 0, s.id);
});
