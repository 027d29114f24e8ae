/**
 * Quantiles of the standard normal and Student's t distributions, for the
 * follow-up's intervals. The t distribution function goes through the
 * regularised incomplete beta function (continued fraction, Numerical
 * Recipes §6.4); quantiles are found by bisection, which is slow by the
 * standards of a statistics library but exact to 1e-12 and called a handful
 * of times per run.
 *
 * @module
 */
import { lnGamma, normalSf } from "../segments/distributions.ts";

const EPS = 1e-15;
const TINY = 1e-300;
const MAX_ITER = 1000;

/** Regularised incomplete beta I_x(a, b) by its continued fraction (modified Lentz). */
function betaCf(a: number, b: number, x: number): number {
  let c = 1, d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d, c = 1 + aa / c;
    d = 1 / (Math.abs(d) < TINY ? TINY : d), c = Math.abs(c) < TINY ? TINY : c;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d, c = 1 + aa / c;
    d = 1 / (Math.abs(d) < TINY ? TINY : d), c = Math.abs(c) < TINY ? TINY : c;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/** I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1. */
function betaI(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaCf(a, b, x)) / a : 1 - (front * betaCf(b, a, 1 - x)) / b;
}

/**
 * P(T > t) for Student's t with `df` degrees of freedom (any real df ≥ 1,
 * as Welch's approximation gives).
 *
 * @example
 * ```ts
 * studentSf(2.228138851986274, 10); // 0.025
 * ```
 */
export function studentSf(t: number, df: number): number {
  if (!(df >= 1)) throw new Error(`Degrees of freedom must be ≥ 1, got "${df}"`);
  const tail = 0.5 * betaI(df / 2, 0.5, df / (df + t * t));
  return t >= 0 ? tail : 1 - tail;
}

/** The x in [lo, hi] where a decreasing `sf` equals p, by bisection. */
function invertSf(sf: (x: number) => number, p: number, lo: number, hi: number): number {
  for (let i = 0; i < 200 && hi - lo > 1e-13; i++) {
    const mid = (lo + hi) / 2;
    if (sf(mid) > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The upper `p` quantile of the standard normal: z with P(Z > z) = p.
 *
 * @example
 * ```ts
 * normalUpper(0.025); // 1.959963984540054 (to 1e-12)
 * ```
 */
export function normalUpper(p: number): number {
  if (!(p > 0 && p < 0.5)) throw new Error(`Tail probability must be in (0, 0.5), got "${p}"`);
  return invertSf(normalSf, p, 0, 40);
}

/**
 * The upper `p` quantile of Student's t with `df` degrees of freedom.
 *
 * @example
 * ```ts
 * studentUpper(0.025, 10); // 2.228138851986274 (to 1e-12)
 * ```
 */
export function studentUpper(p: number, df: number): number {
  if (!(p > 0 && p < 0.5)) throw new Error(`Tail probability must be in (0, 0.5), got "${p}"`);
  // The quantile for df = 1 (Cauchy) bounds every larger df's.
  return invertSf((t) => studentSf(t, df), p, 0, Math.tan(Math.PI * (0.5 - p)) + 1);
}
