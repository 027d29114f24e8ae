import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { loadDataset } from "../../src/data/load.ts";
import { writeSynthetic } from "../../src/data/synth.ts";
import { DRIFT_DEFAULTS, driftReport, formatDrift, tableDrift } from "../../src/features/drift.ts";
import type { FeatureSchema } from "../../src/features/feature_schema.ts";
import { takeTable } from "../../src/features/feature_table.ts";
import { buildModelArtifact } from "../../src/artifacts/model.ts";
import { DEFAULT_CONFIG } from "../../src/config/run_config.ts";
import { selectModel } from "../../src/selection/select_model.ts";

// Trained on an export without one category, as happens when nobody in the
// training export had it; the full export then holds customers the model never saw.
const ABSENT = "Техника для красоты и здоровья";
const dir = await Deno.makeTempDir();
await writeSynthetic(dir, { customers: 400, seed: 21 });
const { frame, quality } = await loadDataset(dir);
const training = frame.filter(pl.col("popular_category").neq(pl.lit(ABSENT)));
const absentRows = frame.height - training.height;
const stage = await selectModel(training, {
  space: [{ family: "logistic", params: { penalty: ["l2"], C: [1] }, scalers: ["standard"] }],
  workers: 1,
  repeats: 2,
});
const model = await buildModelArtifact({ stage, revenueRules: quality.revenueRules }, DEFAULT_CONFIG);

/** `frame` with `column`'s values at `rows` replaced. */
function withValues(f: pl.DataFrame, column: string, values: Record<number, number>): pl.DataFrame {
  const x = (f.getColumn(column).toArray() as number[]).map((v, r) => values[r] ?? v);
  return f.withColumn(pl.Series(column, x, pl.Float64));
}

Deno.test("drift: model.json stores each numeric feature's range over the training rows", () => {
  const train = takeTable(stage.table.features, stage.split.train);
  assert.deepEqual(Object.keys(model.features.ranges), model.features.numeric);
  for (const [c, x] of Object.entries(train.numeric)) {
    assert.deepEqual(model.features.ranges[c], { min: Math.min(...x), max: Math.max(...x) }, c);
  }
  assert.ok(!model.features.categorical.popular_category!.includes(ABSENT));
});

Deno.test("drift: none on the data the model was trained from", () => {
  const report = driftReport(model, training);
  assert.equal(report.rows, training.height);
  assert.equal(report.affectedRows, 0);
  assert.ok(report.categorical.every((c) => c.count === 0 && c.values.length === 0));
  assert.ok(report.numeric.every((n) => n.below === null && n.above === null));
  assert.equal(report.numeric.length, model.features.numeric.length, "every numeric column is reported");
  assert.equal(formatDrift(report), "");
});

Deno.test("drift: a category absent from training is counted per value and warned about", () => {
  assert.ok(absentRows > 0);
  const report = driftReport(model, frame);
  const pc = report.categorical.find((c) => c.column === "popular_category")!;
  assert.deepEqual(pc, {
    column: "popular_category",
    count: absentRows,
    values: [{ value: ABSENT, count: absentRows }],
  });
  assert.ok(report.categorical.filter((c) => c.column !== "popular_category").every((c) => c.count === 0));
  assert.equal(report.affectedRows, absentRows);
  assert.equal(
    formatDrift(report),
    `Warning: ${absentRows} of ${frame.height} customers have values unlike the model's training data ` +
      `(scored anyway; their probabilities are less reliable):\n` +
      `  popular_category: ${absentRows} with a category not seen in training: "${ABSENT}" ×${absentRows}`,
  );
});

Deno.test("drift: numbers more than one training range beyond the edges, with counts and the extreme value", () => {
  const rev = model.features.ranges.revenue_current!, mk = model.features.ranges.marketing_6m!;
  const wRev = rev.max - rev.min, wMk = mk.max - mk.min;
  let f = withValues(training, "revenue_current", {
    0: rev.max + 1.5 * wRev,
    1: rev.max + 10 * wRev,
    2: rev.max + wRev,
  });
  f = withValues(f, "marketing_6m", { 3: mk.min - 3 * wMk, 4: mk.max + 0.5 * wMk });
  const report = driftReport(model, f);
  const col = (c: string) => report.numeric.find((n) => n.column === c)!;
  // Exactly at the bound (max + w) and half a range out are not "far".
  assert.deepEqual(col("revenue_current"), {
    column: "revenue_current",
    ...rev,
    low: rev.min - wRev,
    high: rev.max + wRev,
    below: null,
    above: { count: 2, extreme: rev.max + 10 * wRev },
  });
  assert.deepEqual(col("marketing_6m").below, { count: 1, extreme: mk.min - 3 * wMk });
  assert.equal(col("marketing_6m").above, null);
  assert.equal(report.affectedRows, 3);
  const text = formatDrift(report).split("\n");
  assert.equal(text.length, 3);
  assert.match(text[0]!, new RegExp(`^Warning: 3 of ${training.height} customers`));
  const n = (x: number) => String(Number(x.toPrecision(6)));
  assert.equal(
    text[1],
    `  marketing_6m: 1 below ${n(mk.min - wMk)} (training range ${n(mk.min)}…${n(mk.max)}), down to ${
      n(mk.min - 3 * wMk)
    }`,
  );
  assert.equal(
    text[2],
    `  revenue_current: 2 above ${n(rev.max + wRev)} (training range ${n(rev.min)}…${n(rev.max)}), up to ${
      n(rev.max + 10 * wRev)
    }`,
  );
});

Deno.test("drift: pure core — margin, constant training columns, many unseen values listed briefly", () => {
  const schema: FeatureSchema = {
    numeric: ["x", "k"],
    categorical: { c: ["a"] },
    ranges: { x: { min: 0, max: 10 }, k: { min: 3, max: 3 } },
  };
  const values = ["a", "b", "b", "c", "d", "e", "f", "g", "h".repeat(100)];
  const t = {
    rows: values.length,
    numeric: { x: Float64Array.from(values, (_, i) => i * 3), k: Float64Array.from(values, (_, i) => (i ? 3 : 3.5)) },
    categorical: { c: values },
  };
  const r = tableDrift(schema, t);
  assert.deepEqual(r.numeric[0], {
    column: "x",
    min: 0,
    max: 10,
    low: -10,
    high: 20,
    below: null,
    above: { count: 2, extreme: 24 },
  });
  assert.deepEqual(tableDrift(schema, t, { margin: 0.5 }).numeric[0]!.above, { count: 3, extreme: 24 });
  // Constant in training: any other value is far outside.
  assert.deepEqual(r.numeric[1]!.above, { count: 1, extreme: 3.5 });
  assert.deepEqual(r.categorical[0]!.values.slice(0, 2), [{ value: "b", count: 2 }, { value: "c", count: 1 }]);
  assert.equal(r.categorical[0]!.count, 8);
  assert.equal(r.affectedRows, 9);
  const lines = formatDrift(r).split("\n");
  const clipped = "h".repeat(DRIFT_DEFAULTS.valueChars - 1) + "…";
  assert.deepEqual(lines.slice(1), [
    `  c: 8 with a category not seen in training: "b" ×2, "c" ×1, "d" ×1, "e" ×1, "f" ×1, and 2 more`,
    "  x: 2 above 20 (training range 0…10), up to 24",
    "  k: 1 above 3 (training range 3…3), up to 3.5",
  ]);
  assert.ok(!formatDrift(r, { listValues: 10 }).includes("more"));
  assert.ok(formatDrift(r, { listValues: 10 }).includes(`"${clipped}" ×1`));
  assert.throws(() => tableDrift(schema, { ...t, categorical: {} }), /the table has no column "c"/);
});
