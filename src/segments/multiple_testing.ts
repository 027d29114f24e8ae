/**
 * Benjamini–Hochberg adjustment: a segment's profile tests many features at
 * once, and the recommendations must not fire on the differences that one in
 * twenty tests shows by chance. BH controls the expected share of false
 * discoveries among the features called different, which suits a screen for
 * actionable differences better than Holm's stricter family-wise control.
 *
 * @module
 */

/**
 * BH-adjusted p-values (as R's `p.adjust(p, "BH")`), in input order; NaN
 * entries stay NaN and do not count as tests.
 *
 * @example
 * ```ts
 * benjaminiHochberg([0.01, 0.04, 0.03]); // [0.03, 0.04, 0.04]
 * ```
 */
export function benjaminiHochberg(p: readonly number[]): number[] {
  const idx = p.map((_, i) => i).filter((i) => !Number.isNaN(p[i]!)).sort((a, b) => p[a]! - p[b]! || a - b);
  const m = idx.length;
  const out = p.map(() => NaN);
  let min = 1;
  for (let k = m - 1; k >= 0; k--) {
    const i = idx[k]!;
    min = Math.min(min, (p[i]! * m) / (k + 1)); // running minimum from the largest p keeps them monotone
    out[i] = min;
  }
  return out;
}
