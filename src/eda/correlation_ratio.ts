/**
 * The correlation ratio η of a number grouped by a category: √(SS between
 * groups / SS total), the share of the number's spread the category explains
 * (its square is the R² of a one-way ANOVA). In [0, 1]; for two groups it is
 * the absolute point-biserial correlation.
 *
 * @module
 */

/**
 * η of `values` grouped by `categories`; NaN when the values are constant.
 *
 * @example
 * ```ts
 * correlationRatio(["a", "a", "b", "b"], [1, 1, 3, 3]); // 1
 * ```
 */
export function correlationRatio(categories: readonly string[], values: ArrayLike<number>): number {
  const n = values.length;
  if (categories.length !== n) throw new Error(`Samples differ in length: ${categories.length} and ${n}`);
  const sums = new Map<string, { sum: number; count: number }>();
  let total = 0;
  for (let i = 0; i < n; i++) {
    const g = sums.get(categories[i]!) ?? { sum: 0, count: 0 };
    g.sum += values[i]!, g.count++;
    sums.set(categories[i]!, g);
    total += values[i]!;
  }
  const mean = total / n;
  let ssTotal = 0;
  for (let i = 0; i < n; i++) ssTotal += (values[i]! - mean) ** 2;
  if (!(ssTotal > 0)) return NaN;
  let ssBetween = 0;
  for (const { sum, count } of sums.values()) ssBetween += count * (sum / count - mean) ** 2;
  return Math.min(1, Math.sqrt(ssBetween / ssTotal));
}
