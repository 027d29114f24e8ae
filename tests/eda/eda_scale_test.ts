// The EDA's faster paths for large exports give the same numbers as the straightforward ones: bit for bit where the
// arithmetic is the same (ranks, η, Cramér's V, columns), to 1e-9 where the method differs (VIF by blocked QR).
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { association, type AssociationColumn, associationMatrix } from "../../src/eda/association_matrix.ts";
import { encodeCategories } from "../../src/stats/category_codes.ts";
import { numericColumn, splitByClass, splitNumbersByClass, targetOf } from "../../src/eda/classes.ts";
import { correlationRatio } from "../../src/eda/correlation_ratio.ts";
import { vif, VIF_SVD_LIMIT, vifByQr } from "../../src/eda/vif.ts";
import { Rng, seedKey } from "../../src/util/random.ts";
import { close, edaFrame } from "./fixtures.ts";

const rng = (seed: number) => new Rng().reset(seedKey(seed));

/** η as it was computed before the codes: sums kept in a Map keyed by the level (the reference for the bits). */
function mapCorrelationRatio(categories: readonly string[], values: ArrayLike<number>): number {
  const sums = new Map<string, { sum: number; count: number }>();
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const g = sums.get(categories[i]!) ?? { sum: 0, count: 0 };
    g.sum += values[i]!, g.count++;
    sums.set(categories[i]!, g);
    total += values[i]!;
  }
  const mean = total / values.length;
  let ssTotal = 0;
  for (let i = 0; i < values.length; i++) ssTotal += (values[i]! - mean) ** 2;
  if (!(ssTotal > 0)) return NaN;
  let ssBetween = 0;
  for (const { sum, count } of sums.values()) ssBetween += count * (sum / count - mean) ** 2;
  return Math.min(1, Math.sqrt(ssBetween / ssTotal));
}

Deno.test("η from codes is the Map-keyed η bit for bit; codes number levels by first appearance", () => {
  assert.deepEqual(encodeCategories(["b", "a", "b", "c"]), {
    levels: ["b", "a", "c"],
    codes: Int32Array.of(0, 1, 0, 2),
  });
  const r = rng(5);
  const levels = ["x", "я", "Б", "a", "b c"];
  const cats = Array.from({ length: 20_000 }, () => levels[Math.floor(r.next() * levels.length)]!);
  const values = Float64Array.from(cats, (c) => c.length * 3.7 + r.normal() * 11.3);
  assert.ok(Object.is(correlationRatio(cats, values), mapCorrelationRatio(cats, values)));
  assert.ok(Number.isNaN(correlationRatio(["a", "b"], [2, 2])));
  assert.throws(() => correlationRatio(["a"], [1, 2]), /differ in length: 1 and 2/);
});

Deno.test("the association matrix (columns ranked and encoded once) equals association() pair by pair, bit for bit", () => {
  const r = rng(7);
  const n = 3000;
  const a = Float64Array.from({ length: n }, () => Math.round(r.normal() * 4));
  const b = Float64Array.from(a, (v) => v * 2 + r.normal());
  const levels = ["стандарт", "премиум", "Премиум", "a"];
  const columns: AssociationColumn[] = [
    { name: "a", label: "A", type: "number", values: a },
    { name: "c", label: "C", type: "category", values: Array.from(a, (v) => levels[Math.abs(v) % 4]!) },
    { name: "b", label: "B", type: "number", values: b },
    { name: "k", label: "K", type: "number", values: new Float64Array(n).fill(2) }, // constant: NaN
    { name: "d", label: "D", type: "category", values: Array.from(b, (v) => (v > 0 ? "да" : "нет")) },
    { name: "e", label: "E", type: "category", values: Array.from(b, (_, i) => levels[i % 3]!) },
  ];
  const m = associationMatrix(columns);
  for (let i = 0; i < columns.length; i++) {
    for (let j = 0; j < columns.length; j++) {
      const expected = i === j ? 1 : association(columns[i]!, columns[j]!);
      assert.ok(Object.is(m.values[i]![j], expected), `${i},${j}: ${m.values[i]![j]} vs ${expected}`);
    }
  }
  assert.ok(Number.isNaN(m.values[0]![3]!) && m.values[0]![2]! > 0.9);
});

Deno.test("VIF by blocked QR agrees with the SVD to 1e-9, constant (NaN) and collinear (∞) columns included", () => {
  const r = rng(11);
  const n = 4000;
  const x1 = Float64Array.from({ length: n }, () => r.normal());
  const x2 = Float64Array.from(x1, (v) => 2 * v + 0.05 * r.normal()); // VIF in the hundreds
  const x3 = Float64Array.from({ length: n }, () => Math.floor(r.next() * 5));
  const exact = Float64Array.from(x1, (v, i) => v - x3[i]!); // x1 − x3: infinitely inflated
  const constant = new Float64Array(n).fill(3);
  for (const cols of [[x1, x2, x3], [x1, x2, constant, x3], [x1, x3, exact, x2]]) {
    const svd = vif(cols), qr = vifByQr(cols);
    svd.forEach((v, j) => {
      const q = qr[j]!;
      assert.ok(Number.isFinite(v) ? close(v, q, 1e-9) : Object.is(v, q), `column ${j}: SVD ${v}, QR ${q}`);
    });
  }
  // x2 given x1, x3 and their exact combination: the redundant predictor changes nothing.
  assert.ok(close(vifByQr([x1, x3, exact, x2])[3]!, vif([x1, x3, x2])[2]!, 1e-9));
});

Deno.test("vif() takes the blocked QR above VIF_SVD_LIMIT rows", () => {
  const r = rng(13);
  const n = VIF_SVD_LIMIT + 1;
  const u = Float64Array.from({ length: n }, () => r.normal());
  const v = Float64Array.from(u, (x) => x + r.normal());
  const w = Float64Array.from({ length: n }, () => r.next());
  const got = vif([u, v, w]);
  assert.deepEqual(got, vifByQr([u, v, w]));
  // Theory: VIF of u and v is 2 (R² = ½), of the independent w 1.
  assert.ok(Math.abs(got[0]! - 2) < 0.05 && Math.abs(got[2]! - 1) < 0.01, String(got));
});

Deno.test("columns come out of polars as typed arrays with the values the JS-array path gave", () => {
  const frame = edaFrame(500, 2).withColumns(
    pl.Series("big", Array.from({ length: 500 }, (_, i) => 2 ** 52 + i), pl.Int64),
  );
  for (const name of ["marketing_current", "revenue_prev", "promo_share", "big", "target"]) {
    assert.deepEqual(
      numericColumn(frame, name),
      Float64Array.from(frame.getColumn(name).toArray() as number[], Number),
    );
  }
  const y = targetOf(frame);
  const x = numericColumn(frame, "revenue_prev");
  const typed = splitNumbersByClass(x, y), plain = splitByClass(x, y);
  assert.deepEqual([...typed.dropped], plain.dropped);
  assert.deepEqual([...typed.same], plain.same);
  assert.throws(() => numericColumn(frame, "nope"), /no column "nope"/);
});
