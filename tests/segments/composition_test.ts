import assert from "node:assert/strict";
import type { FeatureTable } from "../../src/features/feature_table.ts";
import { buildSegments } from "../../src/segments/build_segments.ts";
import { composition } from "../../src/segments/composition.ts";
import { inputOf, type Row } from "./fixtures.ts";

function table(categories: string[], revenue: number[][], minutes: number[][]): FeatureTable {
  const col = (xs: number[][], k: number) => Float64Array.from(xs, (r) => r[k]!);
  return {
    rows: categories.length,
    categorical: { popular_category: categories },
    numeric: {
      revenue_prev_prev: col(revenue, 0),
      revenue_prev: col(revenue, 1),
      revenue_current: col(revenue, 2),
      minutes_prev: col(minutes, 0),
      minutes_current: col(minutes, 1),
    },
  };
}

const T = table(
  ["Кухонная посуда", "Товары для детей", "Товары для детей", "Домашний текстиль"],
  [[10, 20, 30], [20, 20, 20], [30, 40, 50], [100, 100, 100]],
  [[1, 2], [3, 4], [5, 6], [7, 8]],
);

Deno.test("composition: category shares in and out, the segment's most frequent first", () => {
  const c = composition(T, Uint8Array.from([1, 1, 1, 0]));
  assert.deepEqual(c.categories, [
    { category: "Товары для детей", shareIn: 2 / 3, shareOut: 0 },
    { category: "Кухонная посуда", shareIn: 1 / 3, shareOut: 0 },
    { category: "Домашний текстиль", shareIn: 0, shareOut: 1 },
  ]);
  for (const side of ["shareIn", "shareOut"] as const) {
    assert.ok(Math.abs(c.categories.reduce((s, x) => s + x[side], 0) - 1) < 1e-12, side);
  }
});

Deno.test("composition: revenue over three periods and minutes over two, in the segment and among the rest", () => {
  const c = composition(T, Uint8Array.from([1, 0, 1, 0]));
  assert.deepEqual(c.dynamics.map((d) => d.measure), ["revenue", "minutes"]);
  const [revenue, minutes] = c.dynamics;
  assert.deepEqual(revenue!.periods, [
    { period: "препредыдущий_месяц", feature: "revenue_prev_prev", meanIn: 20, meanOut: 60 },
    { period: "предыдущий_месяц", feature: "revenue_prev", meanIn: 30, meanOut: 60 },
    { period: "текущий_месяц", feature: "revenue_current", meanIn: 40, meanOut: 60 },
  ]);
  assert.deepEqual(minutes!.periods.map((p) => [p.period, p.meanIn, p.meanOut]), [
    ["предыдущий_месяц", 3, 5],
    ["текущий_месяц", 4, 6],
  ]);
});

Deno.test("composition: an empty side has zero shares and no mean", () => {
  const c = composition(T, new Uint8Array(4));
  assert.ok(c.categories.every((x) => x.shareIn === 0));
  assert.ok(c.dynamics.every((d) => d.periods.every((p) => Number.isNaN(p.meanIn) && Number.isFinite(p.meanOut))));
});

Deno.test("composition: the stage stores it for every segment, matching the rows it was built from", () => {
  const rows: Row[] = Array.from({ length: 40 }, (_, i) => ({
    id: i + 1,
    probability: i < 20 ? 0.8 : 0.2,
    profit: 2 + (i % 5),
    popular_category: i % 3 ? "Товары для детей" : "Кухонная посуда",
    revenue_current: 5000 + 10 * i,
    minutes_prev: 10 + (i % 4),
  }));
  const r = buildSegments(inputOf(rows));
  const atRisk = r.segments.find((s) => s.id === "retain_first")!;
  const members = rows.filter((x) => x.probability >= r.cuts.threshold && x.profit >= r.cuts.profitCut);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const current = atRisk.composition.dynamics[0]!.periods[2]!;
  assert.equal(current.meanIn, mean(members.map((x) => x.revenue_current!)));
  const kids = atRisk.composition.categories.find((c) => c.category === "Товары для детей")!;
  assert.equal(kids.shareIn, members.filter((x) => x.popular_category === "Товары для детей").length / members.length);
  for (const s of r.segments) assert.equal(s.composition.categories.length, 2, s.id);
});

Deno.test("composition: a frame without a monthly series is refused by name", () => {
  const input = inputOf([{ id: 1, probability: 0.2, profit: 3 }, { id: 2, probability: 0.8, profit: 4 }]);
  assert.throws(() => buildSegments({ ...input, frame: input.frame.drop("minutes_current") }), /"minutes_current"/);
});
