/**
 * Variance inflation factors: each numeric column regressed by least squares
 * on all the others with an intercept, VIF = 1 / (1 − R²) = SS total / SS
 * residual. The regression projects the centred column onto an orthonormal
 * basis of the other centred columns (modified Gram–Schmidt, applied twice
 * for accuracy), so exactly collinear predictors are dropped from the basis
 * instead of breaking a matrix inverse.
 *
 * @module
 */

/** A residual below this share of the total sum of squares is exact collinearity: VIF = ∞. */
const COLLINEAR = 1e-12;
/** A predictor whose remaining norm falls below this share of its own adds nothing to the basis. */
const DEPENDENT = 1e-10;

/**
 * VIF of each column given all the others. NaN for a constant column,
 * Infinity for one that the others reproduce exactly.
 *
 * @param columns equally long numeric columns (at least two)
 * @example
 * ```ts
 * vif([[1, 2, 3, 4], [2, 1, 4, 3], [1, 1, 2, 2]]); // VIF per column
 * ```
 */
export function vif(columns: readonly ArrayLike<number>[]): number[] {
  const n = columns[0]?.length ?? 0;
  for (const c of columns) {
    if (c.length !== n) throw new Error(`Columns differ in length: ${n} and ${c.length}`);
  }
  const centred = columns.map(centre);
  return centred.map((y, j) => {
    const sst = dot(y, y);
    if (!(sst > 0)) return NaN;
    const basis = orthonormalBasis(centred.filter((_, k) => k !== j));
    const r = Float64Array.from(y);
    for (let pass = 0; pass < 2; pass++) for (const q of basis) axpy(-dot(q, r), q, r);
    const sse = dot(r, r);
    return sse <= COLLINEAR * sst ? Infinity : sst / sse;
  });
}

function centre(x: ArrayLike<number>): Float64Array {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i]!;
  m /= x.length;
  return Float64Array.from(x, (v) => v - m);
}

function orthonormalBasis(vectors: readonly Float64Array[]): Float64Array[] {
  const basis: Float64Array[] = [];
  for (const v of vectors) {
    const norm0 = Math.sqrt(dot(v, v));
    if (!(norm0 > 0)) continue;
    const w = Float64Array.from(v);
    for (let pass = 0; pass < 2; pass++) for (const q of basis) axpy(-dot(q, w), q, w);
    const norm = Math.sqrt(dot(w, w));
    if (norm <= DEPENDENT * norm0) continue;
    for (let i = 0; i < w.length; i++) w[i]! /= norm;
    basis.push(w);
  }
  return basis;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** y += a·x */
function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i]! += a * x[i]!;
}
