/**
 * Histogram bins shared by the two classes, so their bars line up: one bin
 * per value for small integer features (counts, scores), otherwise about
 * `bins` equal bins on round edges.
 *
 * @module
 */

/** Defaults: target number of bins; integer ranges up to this get one bin per value. */
export const HISTOGRAM_DEFAULTS = { bins: 20, maxUnitBins: 30 } as const;

/** Bin edges; bin k is [edges[k], edges[k+1]), the last one closed. */
export interface Bins {
  edges: number[];
  /** True when every bin holds one integer value (edges at k ± 0.5). */
  unit: boolean;
}

/**
 * Edges covering every value of every sample.
 *
 * @param samples the samples that will share the bins (e.g. the two classes)
 * @param options target bin count, widest integer range binned per value
 * @example
 * ```ts
 * histogramBins([[1, 2, 3], [3, 4]]).edges; // [0.5, 1.5, 2.5, 3.5, 4.5]
 * histogramBins([[0.02, 0.97]], { bins: 10 }).edges; // [0, 0.1, …, 1]
 * ```
 */
export function histogramBins(
  samples: readonly ArrayLike<number>[],
  options: { bins?: number; maxUnitBins?: number } = {},
): Bins {
  const bins = options.bins ?? HISTOGRAM_DEFAULTS.bins;
  const maxUnit = options.maxUnitBins ?? HISTOGRAM_DEFAULTS.maxUnitBins;
  if (!(Number.isInteger(bins) && bins >= 1)) throw new Error(`Bins must be a positive integer, got "${bins}"`);
  let min = Infinity, max = -Infinity, integers = true;
  for (const s of samples) {
    for (let i = 0; i < s.length; i++) {
      const v = s[i]!;
      if (!Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
      if (!Number.isInteger(v)) integers = false;
    }
  }
  if (min > max) return { edges: [], unit: false };
  if (integers && max - min <= maxUnit) {
    return { edges: Array.from({ length: max - min + 2 }, (_, k) => min - 0.5 + k), unit: true };
  }
  if (min === max) return { edges: [min - 0.5, min + 0.5], unit: false };
  const step = niceStep((max - min) / bins);
  const first = Math.floor(min / step), last = Math.max(Math.ceil(max / step), first + 1);
  // k·step, rounded to 12 significant digits, so 0.1·3 is 0.3 and not 0.30000000000000004.
  const edges = Array.from({ length: last - first + 1 }, (_, k) => Number(((first + k) * step).toPrecision(12)));
  return { edges, unit: false };
}

/**
 * Counts of `values` per bin (numpy's `histogram` rule: the last bin includes
 * its right edge); values outside the edges or not finite are not counted.
 *
 * @example
 * ```ts
 * histogramCounts([1, 2, 2, 3], [0.5, 1.5, 2.5, 3.5]); // [1, 2, 1]
 * ```
 */
export function histogramCounts(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const k = edges.length - 1;
  const counts = new Array<number>(Math.max(k, 0)).fill(0);
  if (k < 1) return counts;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= edges[0]! && v <= edges[k]!)) continue;
    // Binary search for the last edge ≤ v.
    let lo = 0, hi = k;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (edges[mid]! <= v) lo = mid;
      else hi = mid;
    }
    counts[lo]!++;
  }
  return counts;
}

/** The round step (1, 2, 2.5 or 5 × 10ᵏ) nearest to `raw` on a log scale, so the bin count stays near the target. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  let best = 1;
  for (const c of [2, 2.5, 5, 10]) if (Math.abs(Math.log(m / c)) < Math.abs(Math.log(m / best))) best = c;
  return best * power;
}
