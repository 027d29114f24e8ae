import assert from "node:assert/strict";
import { type ColumnStep, fitColumnTransformer, fittedColumnTransformer } from "../../src/models/column_transformer.ts";
import type { FeatureTable } from "../../src/features/feature_table.ts";

const train: FeatureTable = {
  rows: 4,
  categorical: {
    allow: ["да", "нет", "да", "да"],
    cat: ["б", "а", "в", "а"],
    service: ["стандарт", "премиум", "стандарт", "стандарт"],
  },
  numeric: { x: Float64Array.of(1, 2, 4, 9), z: Float64Array.of(5, 5, 5, 5) },
};
const test: FeatureTable = {
  rows: 1,
  categorical: { allow: ["нет"], cat: ["г"], service: ["премиум"] },
  numeric: { x: Float64Array.of(3), z: Float64Array.of(6) },
};
const steps = (scaler: "standard" | "minmax"): ColumnStep[] => [
  { transformer: { kind: "onehot", dropFirst: true }, columns: ["allow", "cat"] },
  { transformer: { kind: "ordinal", categories: [["стандарт", "премиум"]] }, columns: ["service"] },
  { transformer: { kind: scaler }, columns: ["x", "z"] },
];
const rows = (m: { rows: number; cols: number; data: Float64Array }) =>
  Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
const close = (a: number[][], b: number[][]) =>
  a.forEach((r, i) =>
    r.forEach((v, j) => assert.ok(Math.abs(v - b[i]![j]!) < 1e-12, `[${i}][${j}] ${v} vs ${b[i]![j]}`))
  );

// Expected values computed with scikit-learn's ColumnTransformer (OneHotEncoder(drop="first",
// handle_unknown="ignore"), OrdinalEncoder, StandardScaler / MinMaxScaler) on the same tables.
Deno.test("standard scaling pipeline matches scikit-learn, unknown categories encode as zeros", () => {
  const pre = fitColumnTransformer(steps("standard"), train);
  assert.deepEqual(pre.outputNames, ["allow=нет", "cat=б", "cat=в", "service", "x", "z"]);
  close(rows(pre.transform(train)), [
    [0, 1, 0, 0, -0.9733285267845753, 0],
    [1, 0, 0, 1, -0.6488856845230502, 0],
    [0, 0, 1, 0, 0, 0],
    [0, 0, 0, 0, 1.6222142113076254, 0],
  ]);
  close(rows(pre.transform(test)), [[1, 0, 0, 1, -0.3244428422615251, 1]]);
});

Deno.test("min-max scaling matches scikit-learn; a constant column is not divided by zero", () => {
  const pre = fitColumnTransformer(steps("minmax"), train);
  close(rows(pre.transform(train)), [[0, 1, 0, 0, 0, 0], [1, 0, 0, 1, 0.125, 0], [0, 0, 1, 0, 0.375, 0], [
    0,
    0,
    0,
    0,
    1,
    0,
  ]]);
  close(rows(pre.transform(test)), [[1, 0, 0, 1, 0.25, 1]]);
});

Deno.test("state is learnt from the training rows only and survives a JSON round-trip", () => {
  const pre = fitColumnTransformer(steps("standard"), train);
  const before = rows(pre.transform(test));
  const again = fittedColumnTransformer(JSON.parse(JSON.stringify(pre.steps)));
  assert.deepEqual(rows(again.transform(test)), before);
  // an extreme value in the rows transformed later changes nothing learnt
  const shifted = { ...test, numeric: { x: Float64Array.of(1e9), z: Float64Array.of(6) } };
  assert.deepEqual(rows(pre.transform(train)), rows(fitColumnTransformer(steps("standard"), train).transform(train)));
  assert.ok(rows(pre.transform(shifted))[0]![4]! > 1e8);
});

Deno.test("an unknown ordinal value is an error naming it", () => {
  const pre = fitColumnTransformer(steps("standard"), train);
  const bad = { ...test, categorical: { ...test.categorical, service: ["вип"] } };
  assert.throws(() => pre.transform(bad), /unknown value "вип" in "service"/);
});
