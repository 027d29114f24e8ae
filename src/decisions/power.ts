/**
 * Sample sizes for comparing two proportions (the drop rate with and without
 * an offer) by the normal approximation with the pooled variance under the
 * null hypothesis (Fleiss, Levin & Paik, "Statistical Methods for Rates and
 * Proportions", 3rd ed., eq. 4.14, without the continuity correction):
 *
 *   n per arm = (z₁₋α/₂ · √(2 p̄ q̄) + z₁₋β · √(p₁q₁ + p₂q₂))² / (p₁ − p₂)²,  p̄ = (p₁ + p₂)/2.
 *
 * Reference: p₁ = 0.5, p₂ = 0.4, α = 0.05 two-sided, power 0.8 → 387.3, so
 * 388 per arm (statsmodels' `NormalIndPower` on Cohen's h gives 387.1, also
 * 388; G*Power's z-test for two proportions gives 388).
 *
 * @module
 */
import { normalQuantile } from "../stats/normal_quantile.ts";

/** The test's error rates. */
export interface PowerOptions {
  /** Two-sided significance level. */
  alpha: number;
  /** Chance to detect the difference when it is real (1 − β). */
  power: number;
}

function check(p1: number, p2: number, o: PowerOptions): void {
  for (const [name, p] of [["p1", p1], ["p2", p2], ["alpha", o.alpha], ["power", o.power]] as const) {
    if (!(p > 0 && p < 1)) throw new Error(`${name} must be in (0, 1), got "${p}"`);
  }
}

/**
 * Customers per arm (unrounded) to tell drop rates `p1` and `p2` apart.
 *
 * @example
 * ```ts
 * perArmSize(0.5, 0.4, { alpha: 0.05, power: 0.8 }); // 387.3 (to 0.1)
 * ```
 */
export function perArmSize(p1: number, p2: number, o: PowerOptions): number {
  check(p1, p2, o);
  if (p1 === p2) return Infinity;
  const za = normalQuantile(1 - o.alpha / 2), zb = normalQuantile(o.power);
  const pBar = (p1 + p2) / 2;
  const root = za * Math.sqrt(2 * pBar * (1 - pBar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return (root * root) / ((p1 - p2) * (p1 - p2));
}

/**
 * Customers per arm, rounded up: the size a control group needs.
 *
 * @example
 * ```ts
 * requiredPerArm(0.5, 0.4, { alpha: 0.05, power: 0.8 }); // 388
 * ```
 */
export function requiredPerArm(p1: number, p2: number, o: PowerOptions): number {
  return Math.ceil(perArmSize(p1, p2, o) - 1e-9);
}

/**
 * Whether arms of `control` and `treated` customers detect a drop rate going
 * from `p1` (control) to `p2` (treated) at the given α and power — the same
 * pooled-variance formula for unequal arms (it reduces to
 * {@linkcode perArmSize} when they are equal).
 *
 * @example
 * ```ts
 * detects(0.5, 0.4, 388, 388, { alpha: 0.05, power: 0.8 }); // true
 * detects(0.5, 0.4, 300, 476, { alpha: 0.05, power: 0.8 }); // false
 * ```
 */
export function detects(p1: number, p2: number, control: number, treated: number, o: PowerOptions): boolean {
  check(p1, p2, o);
  if (control < 1 || treated < 1) return false;
  const za = normalQuantile(1 - o.alpha / 2), zb = normalQuantile(o.power);
  const pBar = (control * p1 + treated * p2) / (control + treated);
  const need = za * Math.sqrt(pBar * (1 - pBar) * (1 / control + 1 / treated)) +
    zb * Math.sqrt((p1 * (1 - p1)) / control + (p2 * (1 - p2)) / treated);
  return Math.abs(p1 - p2) >= need;
}

/**
 * The smallest relative reduction of the drop rate `p1` that arms of these
 * sizes detect (p₂ = p₁ × (1 − effect)), or null when not even removing every
 * drop would be detected. Bisection to 10⁻⁶.
 *
 * @example
 * ```ts
 * minimalDetectableEffect(0.5, 388, 388, { alpha: 0.05, power: 0.8 }); // ≈ 0.2 (p₂ = 0.4)
 * ```
 */
export function minimalDetectableEffect(
  p1: number,
  control: number,
  treated: number,
  o: PowerOptions,
): number | null {
  const at = (effect: number) => detects(p1, Math.max(p1 * (1 - effect), 1e-12), control, treated, o);
  if (!at(1 - 1e-9)) return null;
  let lo = 0, hi = 1;
  while (hi - lo > 1e-6) {
    const mid = (lo + hi) / 2;
    if (at(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
