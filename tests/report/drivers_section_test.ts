/**
 * «Что влияет на риск» speaks the explanation's own unit: a model explained
 * in probability gets percentage points and a mean probability, one explained
 * in log-odds (a linear model's exact SHAP) gets logits and the base's
 * probability — never a logit printed as a percentage.
 */
import assert from "node:assert/strict";
import { buildExplanationsArtifact } from "../../src/artifacts/explanations.ts";
import { driversSection } from "../../src/report/sections/drivers.ts";
import { smallRun } from "../artifacts/fixtures.ts";

const run = await smallRun();
const artifact = buildExplanationsArtifact(run.explanation, run.config);

Deno.test("drivers in probability: percentage points and a mean probability", () => {
  const d = driversSection({ explanations: { ...artifact, output: "probability", base: 0.384 } });
  assert.equal(d.logOdds, false);
  assert.equal(d.base, "38\u00A0%");
  for (const t of d.top) assert.match(t.effect, /^\d+,\d п\.\u00A0п\.$/);
});

Deno.test("drivers in log-odds: logits, and the base's probability beside it", () => {
  const d = driversSection({ explanations: { ...artifact, output: "log-odds", base: -0.88 } });
  assert.equal(d.logOdds, true);
  assert.equal(d.base, "−0,88 (вероятность 29\u00A0%)");
  assert.ok(d.top.length > 0);
  for (const t of d.top) assert.match(t.effect, /^\d+,\d\d$/);
});
