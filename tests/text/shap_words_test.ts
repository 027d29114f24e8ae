/**
 * The appendix's Russian account of the SHAP method follows the rules of
 * src/explain/: exact for a linear model (log-odds) and a tree, sampled for
 * SVC, KNN and an ensemble's other members, reasons carried from the
 * explained customers above `training.sampleSize`.
 */
import assert from "node:assert/strict";
import { parseRunConfig } from "../../src/config/run_config.ts";
import { familyLabel } from "../../src/artifacts/metrics.ts";
import { shapSummary } from "../../src/text/shap_words.ts";

const parsed = parseRunConfig({ explain: { samples: 32, backgroundSize: 8 }, training: { sampleSize: 600 } });
if (!parsed.ok) throw new Error("config");
const config = parsed.config;
const run = (family: string, customers: number, members: string[] = []) =>
  shapSummary({ family, members, label: familyLabel, customers, config });

Deno.test("each family's method in Russian: exact where src/explain is exact, sampled elsewhere", () => {
  assert.match(run("logistic", 500), /^Точный SHAP линейной модели в логитах/);
  assert.doesNotMatch(run("logistic", 500), /оценка|перестановок/);
  assert.match(run("tree", 500), /^Точный TreeSHAP дерева решений .*обучающих покупателей; сумма/);
  for (const f of ["svc", "knn"]) {
    assert.match(
      run(f, 500),
      /^SHAP вероятности по выборке перестановок: 32\u00A0перестановки на покупателя относительно 8\u00A0центроидов/,
    );
  }
  const ens = run("ensemble", 500, ["knn", "logistic", "tree"]);
  assert.match(ens, /^SHAP ансамбля \(k ближайших соседей, логистическая регрессия, дерево решений\)/);
  assert.match(
    ens,
    /дерево решений — точно \(TreeSHAP\); k ближайших соседей, логистическая регрессия — по выборке перестановок/,
  );
});

Deno.test("above training.sampleSize: sampled families explain min(1000, sampleSize) customers and carry the rest", () => {
  const carried =
    /Покупателей больше, чем в обучающей выборке \(1\u00A0000\u00A0000\), поэтому точно объяснены 600 из них/;
  assert.match(run("svc", 1_000_000), carried);
  assert.match(run("ensemble", 1_000_000, ["svc", "tree"]), carried);
  assert.doesNotMatch(run("logistic", 1_000_000), /перенесены/);
  assert.match(run("tree", 1_000_000), /представленных 8\u00A0центроидами k-средних/);
  assert.doesNotMatch(run("tree", 1_000_000), /перенесены/);
  assert.doesNotMatch(run("svc", 600), /перенесены/, "at the sample size itself everyone is explained");
});
