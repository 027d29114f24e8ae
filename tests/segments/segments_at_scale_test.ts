import assert from "node:assert/strict";
import fc from "fast-check";
import pl from "nodejs-polars";
import { compareIds } from "../../src/data/customer_id.ts";
import { buildDecisions } from "../../src/decisions/build_decisions.ts";
import { drawControl } from "../../src/decisions/control_groups.ts";
import { type Explanation, topReasons } from "../../src/explain/explanation.ts";
import { hash, Rng, seedKey } from "../../src/util/random.ts";
import { buildSegments } from "../../src/segments/build_segments.ts";
import { categoryCodes, levelCountsByMask } from "../../src/segments/category_codes.ts";
import { numberColumn, textColumn } from "../../src/segments/frame_columns.ts";
import { everyTopReasons } from "../../src/segments/top_reasons.ts";
import { DEFAULT_CONFIG } from "../../src/config/run_config.ts";
import { labelledInput, syntheticRows } from "../decisions/fixtures.ts";

// What the segment stage does faster for a million customers must be what it did before, exactly: each faster
// piece is compared here with the code it replaced (kept as a reference) or with the slow path it bypasses.

Deno.test("everyTopReasons equals topReasons row by row: ties in |φ|, zeros, -0, NaN, n from 0 to 5 (property)", () => {
  const phi = fc.constantFrom(0, -0, 0.5, -0.5, 0.25, -1, 1e-12, 2);
  const features = ["a", "pages_per_visit", "c", "promo_share", "e"];
  fc.assert(
    fc.property(fc.array(phi, { minLength: 15, maxLength: 15 }), fc.integer({ min: 0, max: 5 }), (values, n) => {
      const e: Explanation = {
        output: "probability",
        features,
        base: 0,
        phi: Float64Array.from(values),
        rows: 3,
        value: new Float64Array(3),
        method: "test",
      };
      assert.deepEqual(everyTopReasons(e, n), [0, 1, 2].map((i) => topReasons(e, i, n)));
      e.phi[4] = NaN; // the row topReasons orders its own way
      assert.deepEqual(everyTopReasons(e, n), [0, 1, 2].map((i) => topReasons(e, i, n)));
    }),
    { seed: 8, numRuns: 300 },
  );
});

/** drawControl as it was: a comparator sort of the segment's customers. */
function comparatorDraw(
  customers: { id: string; probability: number }[],
  control: number,
  seed: number,
  stream: number,
) {
  const sorted = [...customers].sort((a, b) => a.probability - b.probability || compareIds(a.id, b.id));
  const rng = new Rng().reset(hash(seedKey(seed), 10_000 + stream));
  const n = sorted.length, k = Math.min(control, n), held = new Set<string>();
  for (let s = 0; s < k; s++) {
    const lo = Math.floor((s * n) / k), hi = Math.floor(((s + 1) * n) / k);
    held.add(sorted[lo + Math.floor(rng.next() * (hi - lo))]!.id);
  }
  return held;
}

Deno.test("drawControl draws what the comparator sort drew, with tied probabilities and ids out of order", () => {
  const rng = new Rng().reset(seedKey(3));
  const customers = Array.from({ length: 500 }, (_, i) => ({
    id: String(1_000_000 - 7 * i), // descending: ties are broken against the input order
    probability: Math.round(rng.next() * 20) / 20, // 21 values: many ties
  }));
  for (const [control, stream] of [[0, 0], [1, 1], [37, 2], [250, 3], [500, 4], [900, 0]]) {
    assert.deepEqual(drawControl(customers, control!, 42, stream!), comparatorDraw(customers, control!, 42, stream!));
  }
});

Deno.test("offers in the comparator's order (profit at risk, then id) when profits tie and rows are not in id order", () => {
  const rows = syntheticRows(400, 5).map((r, i) => ({
    ...r,
    id: 90_000 - 3 * i + (i % 2) * 1000,
    profit: 1 + (i % 4), // ties in profit at risk wherever the probability ties too
    probability: Math.round(r.probability * 10) / 10,
  }));
  const { offers } = buildSegments(labelledInput(rows, 0.45));
  const sorted = [...offers].sort((a, b) => b.profitAtRisk - a.profitAtRisk || compareIds(a.id, b.id));
  assert.deepEqual(offers.map((o) => o.id), sorted.map((o) => o.id));
  assert.ok(new Set(offers.map((o) => o.profitAtRisk)).size < offers.length / 4); // the ties are there
});

Deno.test("the decisions are the same with the segment stage's offer rows and by looking ids up", () => {
  const input = labelledInput(syntheticRows(600, 9), 0.45);
  const segments = buildSegments(input);
  const fast = buildDecisions(input, segments, DEFAULT_CONFIG);
  const { offerRows: _, ...withoutRows } = segments;
  assert.deepEqual(fast, buildDecisions(input, withoutRows, DEFAULT_CONFIG));
  // Rows that do not match the offers (another input's) are not trusted.
  const wrong = { ...segments, offerRows: segments.offerRows.slice().reverse() };
  assert.deepEqual(buildDecisions(input, wrong, DEFAULT_CONFIG), fast);
});

Deno.test("frame columns: Number and String of each value, nulls as before; category codes count by mask", () => {
  const frame = pl.DataFrame({
    n: pl.Series("n", [1, null, 3], pl.Int64),
    big: pl.Series("big", [2 ** 52 + 1, 5], pl.Int64).extend(pl.Series("big", [7], pl.Int64)),
    t: ["да", null, "да"],
  });
  assert.deepEqual(numberColumn(frame, "n"), Float64Array.of(1, 0, 3));
  assert.deepEqual(numberColumn(frame, "big"), Float64Array.of(2 ** 52 + 1, 5, 7));
  assert.deepEqual(textColumn(frame, "t"), ["да", "null", "да"]);
  const values = ["b", "a", "b", "c"], codes = categoryCodes(values);
  assert.equal(categoryCodes(values), codes); // one encoding per column, shared by every segment
  assert.deepEqual(codes, { levels: ["b", "a", "c"], codes: Int32Array.of(0, 1, 0, 2) });
  assert.deepEqual(levelCountsByMask(codes, Uint8Array.of(1, 0, 0, 1)), [
    Float64Array.of(1, 1, 0),
    Float64Array.of(1, 0, 1),
  ]);
});
