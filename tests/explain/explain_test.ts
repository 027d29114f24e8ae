import assert from "node:assert/strict";
import { explainPipeline } from "../../src/explain/explain.ts";
import type { Explanation } from "../../src/explain/explanation.ts";
import { pipelinePlayers } from "../../src/explain/players.ts";
import type { FeatureTable } from "../../src/features/feature_table.ts";
import type { Family } from "../../src/models/estimator.ts";
import { fitPipeline } from "../../src/models/pipeline.ts";
import { makeClassifier } from "../../src/models/registry.ts";
import { ensureSvcRuntime } from "../../src/models/svc.ts";
import { storeSteps } from "../../src/selection/space.ts";
import { hash, Rng } from "../../src/util/random.ts";
import { additivityError } from "./fixtures.ts";

/** A few of the store's features under their real names, so the store's preprocessing applies. */
function storeLike(n: number): { table: FeatureTable; y: Uint8Array } {
  const rng = new Rng().reset(hash(17, 2));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.next() * xs.length)]!;
  const minutes = new Float64Array(n), marketing = new Float64Array(n), y = new Uint8Array(n);
  const category: string[] = [], service: string[] = [], messages: string[] = [];
  for (let i = 0; i < n; i++) {
    minutes[i] = 5 + Math.round(20 * rng.next()), marketing[i] = 3 + 3 * rng.next();
    category.push(pick(["Косметика и аксессуары", "Кухонная посуда", "Товары для детей"]));
    service.push(pick(["стандарт", "премиум"])), messages.push(pick(["да", "нет"]));
    const z = (12 - minutes[i]!) / 4 + (4.5 - marketing[i]!) + (category[i] === "Товары для детей" ? 0.8 : 0);
    y[i] = z + rng.normal() * 0.7 > 0 ? 1 : 0;
  }
  return {
    table: {
      rows: n,
      numeric: { minutes_current: minutes, marketing_6m: marketing },
      categorical: { popular_category: category, service_type: service, allow_messages: messages },
    },
    y,
  };
}

await ensureSvcRuntime(); // `fit` below fits an SVC
const { table, y } = storeLike(160);
const PARAMS: Record<Family, Record<string, unknown>> = {
  logistic: { penalty: "l2", C: 1 },
  tree: { maxDepth: 4, minSamplesLeaf: 5 },
  knn: { k: 9, weights: "distance" },
  svc: { kernel: "rbf", C: 1 },
};
const fit = (family: Family) =>
  fitPipeline(storeSteps(table, "standard"), makeClassifier(family, PARAMS[family]), table, y, { probability: true });

Deno.test("players: one-hot columns grouped under their original feature, in the store's feature order", () => {
  const p = fit("logistic");
  const pl = pipelinePlayers(p.preprocess);
  assert.deepEqual(pl.features, [
    "service_type",
    "allow_messages",
    "marketing_6m",
    "popular_category",
    "minutes_current",
  ]);
  const names = p.preprocess.outputNames;
  const owned = pl.features.map((_, j) => Array.from(pl.columns[j]!, (c) => names[c]));
  assert.deepEqual(owned[3], ["popular_category=Кухонная посуда", "popular_category=Товары для детей"]); // first dropped
  assert.deepEqual(owned[1], ["allow_messages=нет"]);
  assert.deepEqual(owned[0], ["service_type"]);
  names.forEach((_, c) => assert.ok(pl.columns[pl.playerOf[c]!]!.includes(c)));
});

Deno.test("explainPipeline picks the exact method per family, sampling otherwise; all additive", async () => {
  const expected: Record<Family, [string, Explanation["output"]]> = {
    logistic: ["exact linear SHAP", "log-odds"],
    tree: ["exact interventional TreeSHAP", "probability"],
    knn: ["permutation-sampling SHAP", "probability"],
    svc: ["permutation-sampling SHAP", "probability"],
  };
  for (const family of ["logistic", "tree", "knn", "svc"] as const) {
    const p = fit(family);
    const e = await explainPipeline(p, table, table, { samples: 16, backgroundSize: 8, workers: 1 });
    assert.ok(e.method.startsWith(expected[family][0]), `${family}: ${e.method}`);
    assert.equal(e.output, expected[family][1]);
    assert.equal(e.rows, table.rows);
    assert.equal(e.features.length, 5);
    assert.ok(additivityError(e) <= 1e-9, family);
    const truth = e.output === "log-odds" ? p.decisionFunction(table) : p.predictProba(table);
    truth.forEach((v, i) => assert.ok(Math.abs(v - e.value[i]!) <= 1e-12, `${family} value ${i}`));
  }
});

Deno.test("sampling SHAP swaps a one-hot group as a whole: every evaluated row is a valid category", async () => {
  const p = fit("knn");
  const cols = pipelinePlayers(p.preprocess).columns[3]!; // popular_category, first category dropped
  let checked = 0;
  const model = p.model;
  const spy = {
    ...p,
    model: {
      ...model,
      predictProba: (X: Parameters<typeof model.predictProba>[0]) => {
        for (let r = 0; r < X.rows; r++, checked++) {
          let ones = 0;
          for (const c of cols) ones += X.data[r * X.cols + c]!;
          assert.ok(ones === 0 || ones === 1, `row ${r}`);
        }
        return model.predictProba(X);
      },
    },
  };
  await explainPipeline(spy, table, table, { samples: 16, backgroundSize: 8, workers: 1 });
  assert.ok(checked > table.rows * 16);
});
