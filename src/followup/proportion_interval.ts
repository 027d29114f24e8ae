/**
 * Intervals for proportions and for the difference of two proportions.
 *
 * The difference uses Newcombe's hybrid score interval (Newcombe 1998,
 * "Interval estimation for the difference between independent proportions",
 * Statistics in Medicine 17:873–890, method 10): it combines the two groups'
 * Wilson score intervals. Unlike the Wald interval it stays inside [−1, 1],
 * is not degenerate when a group has no events (or only events), and keeps
 * close to its nominal coverage in groups of a few dozen — action segments of
 * a small store are that small.
 *
 * @module
 */

/** A proportion's or a difference's interval. */
export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson's score interval for `events` out of `n`, with the two-sided
 * normal quantile `z` (1.96 for 95 %).
 *
 * @example
 * ```ts
 * wilsonInterval(81, 263, 1.959963984540054); // { low: 0.2553…, high: 0.3662… }
 * ```
 */
export function wilsonInterval(events: number, n: number, z: number): Interval {
  if (!(n > 0) || events < 0 || events > n) throw new Error(`Need 0 ≤ events ≤ n and n > 0, got ${events} of ${n}`);
  const p = events / n, z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Newcombe's hybrid score interval for p₁ − p₂, where p₁ = x₁/n₁ and
 * p₂ = x₂/n₂ (method 10 of Newcombe 1998; statsmodels'
 * `confint_proportions_2indep(…, method="newcomb")`).
 *
 * @param x1 events in group 1
 * @param n1 size of group 1
 * @param x2 events in group 2
 * @param n2 size of group 2
 * @param z the two-sided normal quantile (1.96 for 95 %)
 * @example
 * ```ts
 * newcombeInterval(56, 70, 48, 80, 1.959963984540054); // { low: 0.0524…, high: 0.3339… } (Newcombe 1998, Table II)
 * ```
 */
export function newcombeInterval(x1: number, n1: number, x2: number, n2: number, z: number): Interval {
  const p1 = x1 / n1, p2 = x2 / n2, d = p1 - p2;
  const w1 = wilsonInterval(x1, n1, z), w2 = wilsonInterval(x2, n2, z);
  return {
    low: d - Math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2),
    high: d + Math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2),
  };
}
