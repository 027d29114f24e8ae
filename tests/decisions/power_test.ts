import assert from "node:assert/strict";
import { detects, minimalDetectableEffect, perArmSize, requiredPerArm } from "../../src/decisions/power.ts";
import { normalQuantile } from "../../src/stats/normal_quantile.ts";

const O = { alpha: 0.05, power: 0.8 };

Deno.test("normal quantiles match the tables", () => {
  assert.ok(Math.abs(normalQuantile(0.975) - 1.959963984540054) < 1e-8);
  assert.ok(Math.abs(normalQuantile(0.8) - 0.8416212335729143) < 1e-8);
  assert.ok(Math.abs(normalQuantile(0.001) + 3.090232306167813) < 1e-8);
  assert.equal(normalQuantile(0.5), 0);
  assert.throws(() => normalQuantile(1), /in \(0, 1\)/);
});

Deno.test("two-proportion sample size: p1 = 0.5, p2 = 0.4, α = 0.05, power 0.8 → 388 per arm", () => {
  // Fleiss (pooled variance, no continuity correction): (1.95996·√(2·0.45·0.55) + 0.84162·√(0.25 + 0.24))² / 0.01
  // = 387.34; statsmodels' NormalIndPower (Cohen's h) gives 387.1 and G*Power 388 — the same 388 when rounded up.
  assert.ok(Math.abs(perArmSize(0.5, 0.4, O) - 387.3385) < 0.01, String(perArmSize(0.5, 0.4, O)));
  assert.equal(requiredPerArm(0.5, 0.4, O), 388);
  // Symmetric in the direction of the change, and stricter settings need more customers.
  assert.ok(Math.abs(perArmSize(0.4, 0.5, O) - perArmSize(0.5, 0.4, O)) < 1e-9);
  assert.ok(requiredPerArm(0.5, 0.4, { alpha: 0.01, power: 0.9 }) > 388);
  assert.equal(perArmSize(0.3, 0.3, O), Infinity);
});

Deno.test("detection and the minimal detectable effect agree with the sample size", () => {
  assert.ok(detects(0.5, 0.4, 388, 388, O));
  assert.ok(!detects(0.5, 0.4, 387, 387, O));
  const mde = minimalDetectableEffect(0.5, 388, 388, O)!;
  assert.ok(mde > 0.19 && mde <= 0.2 + 1e-6, String(mde));
  // Fewer customers: a larger effect is needed; none at all: nothing is detectable.
  assert.ok(minimalDetectableEffect(0.5, 100, 100, O)! > mde);
  assert.equal(minimalDetectableEffect(0.5, 0, 100, O), null);
  assert.equal(minimalDetectableEffect(0.01, 3, 3, O), null);
});
