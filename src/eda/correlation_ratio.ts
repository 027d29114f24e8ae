/**
 * The correlation ratio η of a number grouped by a category: √(SS between
 * groups / SS total), the share of the number's spread the category explains
 * (its square is the R² of a one-way ANOVA). In [0, 1]; for two groups it is
 * the absolute point-biserial correlation.
 *
 * @module
 */
import { type CategoryCodes, encodeCategories } from "../stats/category_codes.ts";

/**
 * η of `values` grouped by `categories`; NaN when the values are constant.
 *
 * @example
 * ```ts
 * correlationRatio(["a", "a", "b", "b"], [1, 1, 3, 3]); // 1
 * ```
 */
export function correlationRatio(categories: readonly string[], values: ArrayLike<number>): number {
  if (categories.length !== values.length) {
    throw new Error(`Samples differ in length: ${categories.length} and ${values.length}`);
  }
  return correlationRatioCoded(encodeCategories(categories), values);
}

/**
 * η of `values` grouped by a category already encoded: the same sums in the
 * same order as {@linkcode correlationRatio}, so the same bits.
 *
 * @example
 * ```ts
 * import { encodeCategories } from "../stats/category_codes.ts";
 * correlationRatioCoded(encodeCategories(["a", "a", "b", "b"]), [1, 1, 3, 3]); // 1
 * ```
 */
export function correlationRatioCoded(categories: CategoryCodes, values: ArrayLike<number>): number {
  const n = values.length, { codes, levels } = categories;
  if (codes.length !== n) throw new Error(`Samples differ in length: ${codes.length} and ${n}`);
  const sums = new Float64Array(levels.length), counts = new Float64Array(levels.length);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const g = codes[i]!;
    sums[g]! += values[i]!, counts[g]!++;
    total += values[i]!;
  }
  const mean = total / n;
  let ssTotal = 0;
  for (let i = 0; i < n; i++) ssTotal += (values[i]! - mean) ** 2;
  if (!(ssTotal > 0)) return NaN;
  // Levels in order of first appearance, as the sums were once kept in a Map keyed by the level.
  let ssBetween = 0;
  for (let g = 0; g < levels.length; g++) ssBetween += counts[g]! * (sums[g]! / counts[g]! - mean) ** 2;
  return Math.min(1, Math.sqrt(ssBetween / ssTotal));
}
