/**
 * How a segment differs from everyone else, feature by feature: means or
 * category shares on both sides, an effect size, a test, and the p-value
 * corrected (Benjamini–Hochberg) across the features tested for the segment.
 *
 * @module
 */
import { featureLabel, featureNames } from "../features/derived.ts";
import type { FeatureTable } from "../features/feature_table.ts";
import { chiSquareTest } from "./chi_square.ts";
import { mannWhitneyU } from "./mann_whitney.ts";
import { benjaminiHochberg } from "./multiple_testing.ts";

/** What the profile compares and when a difference counts. */
export interface ProfileOptions {
  /** Features the segment's rule reads: reported, not tested. */
  exclude: readonly string[];
  alpha: number;
  minDelta: number;
  minCramersV: number;
}

interface Tested {
  feature: string;
  label: string;
  /** Cliff's δ (numbers, signed: > 0 when the segment's values are larger) or Cramér's V (categories); null if untested. */
  effect: number | null;
  /** Mann–Whitney (numbers) or chi-square (categories) p-value; null if untested. */
  p: number | null;
  /** BH-corrected p-value across the tested features of this segment. */
  pAdjusted: number | null;
  /** Significant (pAdjusted < alpha) and meaningful (|effect| ≥ the minimum). */
  notable: boolean;
}

/** A numeric feature in and out of the segment. */
export interface NumericDifference extends Tested {
  type: "number";
  meanIn: number;
  meanOut: number;
}

/** A categorical feature's level shares in and out of the segment. */
export interface CategoricalDifference extends Tested {
  type: "category";
  levels: { value: string; shareIn: number; shareOut: number }[];
}

/** One feature's comparison. */
export type Difference = NumericDifference | CategoricalDifference;

/**
 * Compares the rows with `mask[i] = 1` against the rest on every feature of
 * `columns`, in the order of `featureNames()` (the store's, then derived ones). With an empty segment or no rest
 * nothing is tested.
 *
 * @example
 * ```ts
 * import type pl from "nodejs-polars";
 * import { featureTable } from "../features/feature_table.ts";
 * import { profile } from "./profile.ts";
 * declare const frame: pl.DataFrame, mask: Uint8Array;
 * const diffs = profile(featureTable(frame), mask, { exclude: ["profit"], alpha: 0.05, minDelta: 0.147, minCramersV: 0.1 });
 * diffs.filter((d) => d.notable).map((d) => d.label);
 * ```
 */
export function profile(columns: FeatureTable, mask: Uint8Array, o: ProfileOptions): Difference[] {
  const inside = mask.reduce((s, v) => s + v, 0);
  const testable = inside > 0 && inside < mask.length;
  const features = featureNames().filter((f) => f in columns.numeric || f in columns.categorical);
  const diffs = features.map((f): Difference => {
    const test = testable && !o.exclude.includes(f);
    const label = featureLabel(f);
    const numeric = columns.numeric[f];
    if (numeric) {
      const [a, b] = splitBy(numeric, mask);
      const r = test ? mannWhitneyU(a, b) : null;
      return { feature: f, label, type: "number", meanIn: mean(a), meanOut: mean(b), ...untested(r?.delta, r?.p) };
    }
    const values = columns.categorical[f]!;
    const levels = [...new Set(values)].sort();
    const counts = [0, 1].map((side) => levels.map((l) => values.filter((v, i) => mask[i] === side && v === l).length));
    const [outCounts, inCounts] = counts as [number[], number[]];
    const r = test ? chiSquareTest(counts) : null;
    return {
      feature: f,
      label,
      type: "category",
      levels: levels.map((value, k) => ({
        value,
        shareIn: inCounts[k]! / Math.max(1, inside),
        shareOut: outCounts[k]! / Math.max(1, mask.length - inside),
      })),
      ...untested(r?.cramersV, r?.p),
    };
  });
  const testedAt = diffs.flatMap((d, k) => d.p === null ? [] : [k]);
  const adjusted = benjaminiHochberg(testedAt.map((k) => diffs[k]!.p!));
  testedAt.forEach((k, j) => {
    const d = diffs[k]!, q = adjusted[j]!;
    d.pAdjusted = q;
    d.notable = q < o.alpha && Math.abs(d.effect!) >= (d.type === "number" ? o.minDelta : o.minCramersV);
  });
  return diffs;
}

function untested(effect: number | undefined, p: number | undefined) {
  return { effect: effect ?? null, p: p ?? null, pAdjusted: null, notable: false };
}

function splitBy(values: Float64Array, mask: Uint8Array): [number[], number[]] {
  const a: number[] = [], b: number[] = [];
  values.forEach((v, i) => (mask[i] ? a : b).push(v));
  return [a, b];
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : NaN;
}
