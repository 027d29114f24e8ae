import assert from "node:assert/strict";
import { buildSegments, offersCsv } from "../../src/segments/mod.ts";
import { buildDecisions } from "../../src/decisions/build_decisions.ts";
import type { SegmentInput } from "../../src/segments/input.ts";
import pl from "nodejs-polars";
import { artifactText } from "../../src/artifacts/artifact_file.ts";
import { buildSegmentsArtifact, SEGMENTS_FILE } from "../../src/artifacts/segments.ts";
import { DEFAULT_CONFIG } from "../../src/config/run_config.ts";
import type { SegmentsResult } from "../../src/segments/mod.ts";

const segmentsJson = (r: SegmentsResult) => artifactText(SEGMENTS_FILE, buildSegmentsArtifact(r, DEFAULT_CONFIG));
import { Rng, seedKey } from "../../src/util/random.ts";
import { inputOf, reason, type Row } from "./fixtures.ts";

const CATEGORIES = ["Товары для детей", "Домашний текстиль", "Косметика и аксессуары", "Кухонная посуда"];

/** 120 seeded customers whose risk rises with unpaid items and falls with pages per visit. */
function rows(seed: number): Row[] {
  const rng = new Rng().reset(seedKey(seed));
  return Array.from({ length: 120 }, (_, i) => {
    const unpaid = Math.floor(rng.next() * 8), pages = 2 + Math.floor(rng.next() * 15);
    const probability = Math.min(0.99, Math.max(0.01, 0.3 + 0.08 * unpaid - 0.04 * pages + 0.2 * rng.normal()));
    return {
      id: 1000 + i,
      probability,
      profit: Math.round((1 + 6 * rng.next()) * 100) / 100,
      promo_share: rng.next() < 0.8 ? 0.1 + 0.3 * rng.next() : 0.9 + 0.09 * rng.next(),
      popular_category: CATEGORIES[Math.floor(rng.next() * CATEGORIES.length)]!,
      unpaid_items_quarter: unpaid,
      pages_per_visit: pages,
      service_errors: Math.floor(rng.next() * 9),
      reasons: [
        reason("unpaid_items_quarter", "Неоплаченные товары за квартал", 0.01 * unpaid - 0.03),
        reason("pages_per_visit", "Страниц за визит", 0.05 - 0.005 * pages),
      ],
    };
  });
}

/** The input with an observed label (every third customer dropped), and its offers with decisions. */
function decided(input: SegmentInput) {
  const ids = input.frame.getColumn("id").toArray() as number[];
  const activity = pl.Series("activity", ids.map((id) => id % 3 === 0 ? "Снизилась" : "Прежний уровень"));
  const labelled = { ...input, frame: input.frame.withColumn(activity) };
  const segments = buildSegments(labelled);
  return { segments, offers: buildDecisions(labelled, segments, DEFAULT_CONFIG).offers };
}

Deno.test("same input, same bytes: JSON and CSV are deterministic", () => {
  const a = decided(inputOf(rows(3))), b = decided(inputOf(rows(3)));
  assert.equal(segmentsJson(a.segments), segmentsJson(b.segments));
  assert.equal(offersCsv(a.offers), offersCsv(b.offers));
  // Row order of the input does not change the offers.
  const c = decided(inputOf(rows(3).reverse()));
  assert.equal(offersCsv(c.offers), offersCsv(a.offers));
});

Deno.test("the result covers every customer once and every segment with a profile and definition", () => {
  const input = inputOf(rows(5));
  const r = buildSegments(input);
  assert.equal(r.offers.length, input.frame.height);
  assert.equal(new Set(r.offers.map((o) => o.id)).size, input.frame.height);
  assert.equal(r.segments.length, 9);
  for (const s of r.segments) assert.ok(s.definition.length > 0 && s.profile.length === 17, s.id);
  for (let i = 1; i < r.offers.length; i++) assert.ok(r.offers[i - 1]!.profitAtRisk >= r.offers[i]!.profitAtRisk);
  const json = JSON.parse(segmentsJson(r));
  assert.deepEqual(Object.keys(json), ["schemaVersion", "config", "cuts", "segments"]);
  const first = json.segments[0];
  assert.ok("recommendations" in first && Array.isArray(first.profile) && "pAdjusted" in first.profile[2]);
});

Deno.test("misaligned inputs are refused with the sizes quoted", () => {
  const input = inputOf(rows(1));
  assert.throws(() => buildSegments({ ...input, probability: new Float64Array(3) }), /Expected 120 probabilities/);
  assert.throws(() => buildSegments({ ...input, reasons: [] }), /Expected 120 reason lists/);
  assert.throws(() => buildSegments({ ...input, threshold: 1.5 }), /Threshold must be in \(0, 1\), got "1.5"/);
  const p = input.probability.slice();
  p[4] = NaN;
  assert.throws(() => buildSegments({ ...input, probability: p }), /row 4/);
  assert.throws(() => buildSegments({ ...input, frame: input.frame.drop("profit") }), /"profit"/);
});
