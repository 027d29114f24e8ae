/**
 * One association measure for every pair of columns of mixed types, all in
 * [0, 1], in the spirit of phik (which the Python reference uses) but with
 * classical measures: |Spearman ρ| for two numbers, Cramér's V (not
 * bias-corrected) for two categories, the correlation ratio η for a category
 * and a number. They are comparable in range, not in meaning: read them as
 * "strength of dependence", not as one scale.
 *
 * @module
 */
import { type CategoryCodes, encodeCategories } from "../stats/category_codes.ts";
import { correlationRatio, correlationRatioCoded } from "./correlation_ratio.ts";
import { contingency } from "../stats/contingency.ts";
import { cramersV } from "../stats/cramers_v.ts";
import { pearson, spearman } from "./spearman.ts";
import { midranks } from "../stats/ranks.ts";

/** A column for the matrix. */
export type AssociationColumn =
  | { name: string; label: string; type: "number"; values: ArrayLike<number> }
  | { name: string; label: string; type: "category"; values: readonly string[] };

/** Which measure a pair gets. */
export type AssociationMethod = "spearman" | "cramers_v" | "eta";

/** The symmetric matrix of associations (1 on the diagonal, NaN where undefined, e.g. a constant column). */
export interface AssociationMatrix {
  columns: string[];
  labels: string[];
  types: ("number" | "category")[];
  values: number[][];
}

/**
 * The measure used for a pair of column types.
 *
 * @example
 * ```ts
 * associationMethod("category", "number"); // "eta"
 * ```
 */
export function associationMethod(a: "number" | "category", b: "number" | "category"): AssociationMethod {
  return a === "number" && b === "number" ? "spearman" : a === "category" && b === "category" ? "cramers_v" : "eta";
}

/**
 * The association of two columns.
 *
 * @example
 * ```ts
 * association(
 *   { name: "a", label: "A", type: "category", values: ["x", "x", "y"] },
 *   { name: "b", label: "B", type: "number", values: [1, 1, 5] },
 * ); // 1
 * ```
 */
export function association(a: AssociationColumn, b: AssociationColumn): number {
  if (a.type === "number" && b.type === "number") return Math.abs(spearman(a.values, b.values));
  if (a.type === "category" && b.type === "category") return cramersV(contingency(a.values, b.values).counts);
  return a.type === "category"
    ? correlationRatio(a.values, b.values as ArrayLike<number>)
    : correlationRatio(b.values as readonly string[], a.values);
}

/**
 * All pairwise associations of `columns`, in their order.
 *
 * @example
 * ```ts
 * const m = associationMatrix([
 *   { name: "a", label: "A", type: "number", values: [1, 2, 3] },
 *   { name: "b", label: "B", type: "number", values: [3, 2, 1] },
 * ]);
 * m.values[0]![1]; // 1: |ρ| of the first two columns
 * ```
 */
export function associationMatrix(columns: readonly AssociationColumn[]): AssociationMatrix {
  const k = columns.length;
  const values = columns.map(() => new Array<number>(k).fill(1));
  // Each column is ranked or encoded once, not once per pair: the same numbers as association() pair by pair.
  const prepared = columns.map(prepare);
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const v = preparedAssociation(prepared[i]!, prepared[j]!);
      values[i]![j] = v, values[j]![i] = v;
    }
  }
  return {
    columns: columns.map((c) => c.name),
    labels: columns.map((c) => c.label),
    types: columns.map((c) => c.type),
    values,
  };
}

/** A column with what its pairs need: a number's values and (lazily) its mid-ranks, a category's codes. */
type Prepared =
  | { type: "number"; values: ArrayLike<number>; ranks: () => Float64Array }
  | { type: "category"; codes: CategoryCodes; sortedIndex: Int32Array };

function prepare(c: AssociationColumn): Prepared {
  if (c.type === "number") {
    let ranks: Float64Array | undefined;
    return { type: "number", values: c.values, ranks: () => ranks ??= midranks(c.values) };
  }
  const codes = encodeCategories(c.values);
  // Each level's position in code-point order, the order contingency() gives its rows and columns.
  const order = codes.levels.map((_, g) => g).sort((a, b) => compare(codes.levels[a]!, codes.levels[b]!));
  const sortedIndex = new Int32Array(order.length);
  order.forEach((g, position) => sortedIndex[g] = position);
  return { type: "category", codes, sortedIndex };
}

function preparedAssociation(a: Prepared, b: Prepared): number {
  if (a.type === "number" && b.type === "number") return Math.abs(pearson(a.ranks(), b.ranks()));
  if (a.type === "category" && b.type === "category") return cramersV(codedContingency(a, b));
  return a.type === "category"
    ? correlationRatioCoded(a.codes, (b as Extract<Prepared, { type: "number" }>).values)
    : correlationRatioCoded((b as Extract<Prepared, { type: "category" }>).codes, a.values);
}

/** contingency(a, b).counts from codes: rows and columns in code-point order of the levels. */
function codedContingency(
  a: Extract<Prepared, { type: "category" }>,
  b: Extract<Prepared, { type: "category" }>,
): number[][] {
  const ca = a.codes.codes, cb = b.codes.codes;
  if (ca.length !== cb.length) throw new Error(`Samples differ in length: ${ca.length} and ${cb.length}`);
  const width = b.codes.levels.length;
  const flat = new Float64Array(a.codes.levels.length * width);
  for (let i = 0; i < ca.length; i++) flat[a.sortedIndex[ca[i]!]! * width + b.sortedIndex[cb[i]!]!]!++;
  return Array.from({ length: a.codes.levels.length }, (_, r) => Array.from(flat.subarray(r * width, (r + 1) * width)));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
