import assert from "node:assert/strict";
import { FEATURES } from "../../src/data/labels.ts";
import { associationMatrix } from "../../src/eda/association_matrix.ts";
import { categoryShares } from "../../src/eda/category_shares.ts";
import { correlationRatio } from "../../src/eda/correlation_ratio.ts";
import { edaSummary } from "../../src/eda/eda_summary.ts";
import { spearman } from "../../src/eda/spearman.ts";
import { contingency } from "../../src/stats/contingency.ts";
import { cramersV } from "../../src/stats/cramers_v.ts";
import { close, edaFrame } from "./fixtures.ts";

Deno.test("edaSummary covers every feature, both classes and the target", () => {
  const frame = edaFrame(400, 1, { pages_per_visit: -1.5 });
  const s = edaSummary(frame);
  assert.equal(s.rows, 400);
  assert.deepEqual(s.classes.dropped, { label: "Снизилась", count: 160, share: 0.4 });
  assert.deepEqual(s.classes.same, { label: "Прежний уровень", count: 240, share: 0.6 });
  const numeric = Object.keys(FEATURES).filter((f) => FEATURES[f]!.type === "number");
  const categorical = Object.keys(FEATURES).filter((f) => FEATURES[f]!.type === "category");
  assert.deepEqual(s.numeric.map((n) => n.feature), numeric);
  assert.deepEqual(s.categorical.map((c) => c.feature), categorical);
  assert.deepEqual(s.vif.map((v) => v.feature), numeric);
  assert.deepEqual(s.association.columns, [...Object.keys(FEATURES), "target"]);
  assert.equal(s.association.labels.at(-1), "Покупательская активность");
  assert.deepEqual(
    s.periods.map((p) => [p.column, p.measureLabel, p.periodLabel]),
    [
      ["revenue_prev_prev", "Выручка", "препредыдущий месяц"],
      ["revenue_prev", "Выручка", "предыдущий месяц"],
      ["revenue_current", "Выручка", "текущий месяц"],
      ["minutes_prev", "Минут на сайте", "предыдущий месяц"],
      ["minutes_current", "Минут на сайте", "текущий месяц"],
    ],
  );
  // Histograms share edges and count every customer of each class once.
  for (const n of s.numeric) {
    const { counts } = n.histogram;
    assert.equal(counts.dropped.length, n.histogram.edges.length - 1, n.feature);
    assert.equal(counts.dropped.reduce((a, b) => a + b, 0), 160, n.feature);
    assert.equal(counts.same.reduce((a, b) => a + b, 0), 240, n.feature);
  }
  const pages = s.numeric.find((n) => n.feature === "pages_per_visit")!;
  assert.ok(pages.standardizedDifference < -1, String(pages.standardizedDifference));
  // The collinear pair of the fixture shows in the VIFs.
  const vifOf = (f: string) => s.vif.find((v) => v.feature === f)!.vif;
  assert.ok(vifOf("revenue_current") > 5 && vifOf("revenue_prev") > 5 && vifOf("service_errors") < 2);
  // Round trip through JSON keeps the shape.
  assert.deepEqual(JSON.parse(JSON.stringify(s)).association.columns, s.association.columns);
});

Deno.test("the association matrix uses |ρ|, V and η by column types, symmetric and in [0, 1]", () => {
  const frame = edaFrame(300, 2, { minutes_prev: -1 });
  const s = edaSummary(frame);
  const m = s.association;
  const col = (name: string) => frame.getColumn(name).toArray() as unknown[];
  const at = (a: string, b: string) => m.values[m.columns.indexOf(a)]![m.columns.indexOf(b)]!;
  const num = (name: string) => col(name).map(Number), cat = (name: string) => col(name).map(String);
  assert.ok(
    close(at("minutes_prev", "pages_per_visit"), Math.abs(spearman(num("minutes_prev"), num("pages_per_visit")))),
  );
  assert.ok(
    close(
      at("service_type", "popular_category"),
      cramersV(contingency(cat("service_type"), cat("popular_category")).counts),
    ),
  );
  assert.ok(close(at("popular_category", "profit"), correlationRatio(cat("popular_category"), num("profit"))));
  assert.ok(close(at("target", "minutes_prev"), correlationRatio(cat("activity"), num("minutes_prev"))));
  m.values.forEach((row, i) =>
    row.forEach((v, j) => {
      assert.equal(v, m.values[j]![i], `${i},${j}`);
      assert.ok(v >= 0 && v <= 1, `${m.columns[i]}–${m.columns[j]}: ${v}`);
      if (i === j) assert.equal(v, 1);
    })
  );
  // A constant column has no association (NaN), which JSON writes as null.
  const c = associationMatrix([
    { name: "k", label: "K", type: "number", values: [1, 1, 1] },
    { name: "x", label: "X", type: "number", values: [1, 2, 3] },
  ]);
  assert.ok(Number.isNaN(c.values[0]![1]!));
  assert.equal(JSON.parse(JSON.stringify(c)).values[0][1], null);
});

Deno.test("category shares are within-class and sorted by frequency", () => {
  const y = Uint8Array.of(1, 1, 0, 0, 0, 0);
  const s = categoryShares("service_type", ["премиум", "стандарт", "стандарт", "стандарт", "премиум", "стандарт"], y);
  assert.deepEqual(s.levels, [
    { value: "стандарт", counts: { dropped: 1, same: 3 }, shares: { dropped: 0.5, same: 0.75 } },
    { value: "премиум", counts: { dropped: 1, same: 1 }, shares: { dropped: 0.5, same: 0.25 } },
  ]);
  assert.throws(() => categoryShares("profit", [], new Uint8Array()), /Not a categorical feature: "profit"/);
});

Deno.test("edaSummary refuses unknown features and frames without a target", () => {
  const frame = edaFrame(20, 3);
  assert.throws(() => edaSummary(frame, { features: ["nope"] }), /Unknown feature "nope"/);
  assert.throws(() => edaSummary(frame.drop("target")), /The frame has no column "target"/);
});

Deno.test("same frame, same summary, byte for byte", () => {
  assert.equal(JSON.stringify(edaSummary(edaFrame(200, 4))), JSON.stringify(edaSummary(edaFrame(200, 4))));
});
