/**
 * Stratified splits that keep each duplicate group on one side: a hold-out
 * split and k folds. Groups (not rows) are shuffled within each class with a
 * seed and dealt out, so class shares match the whole set and identical
 * records never sit on both sides of a split.
 *
 * @module
 */
import { Rng, seedKey } from "../util/random.ts";

/** Train and test row indices, each sorted ascending. */
export interface Split {
  train: Int32Array;
  test: Int32Array;
}

/** Groups by class: a group's class is the majority label of its rows (ties: 1). */
function groupsByClass(y: ArrayLike<number>, groups: ArrayLike<number>): [number[][], number[][]] {
  const members = new Map<number, number[]>();
  for (let i = 0; i < y.length; i++) {
    const g = groups[i]!;
    const m = members.get(g);
    if (m) m.push(i);
    else members.set(g, [i]);
  }
  const byClass: [number[][], number[][]] = [[], []];
  // Map order is first-appearance order: deterministic for the same input.
  for (const rows of members.values()) {
    const ones = rows.reduce((n, r) => n + (y[r] === 1 ? 1 : 0), 0);
    byClass[2 * ones >= rows.length ? 1 : 0].push(rows);
  }
  return byClass;
}

const sorted = (rows: number[]) => Int32Array.from(rows).sort();

/**
 * A stratified, group-aware hold-out split.
 *
 * @example
 * ```ts
 * import { holdoutSplit } from "./split.ts";
 * const y = [0, 0, 0, 1, 1, 1, 0, 1], groups = [0, 1, 2, 3, 4, 5, 6, 6];
 * const { train, test } = holdoutSplit(y, groups, { testSize: 0.25, seed: 42 });
 * ```
 */
export function holdoutSplit(
  y: ArrayLike<number>,
  groups: ArrayLike<number>,
  options: { testSize: number; seed: number },
): Split {
  const rng = new Rng().reset(seedKey(options.seed));
  const train: number[] = [], test: number[] = [];
  for (const classGroups of groupsByClass(y, groups)) {
    const total = classGroups.reduce((n, g) => n + g.length, 0);
    const want = Math.round(total * options.testSize);
    let taken = 0;
    for (const g of rng.shuffle(classGroups)) {
      if (taken < want && taken + g.length <= want + (g.length - 1) / 2) {
        test.push(...g);
        taken += g.length;
      } else train.push(...g);
    }
  }
  return { train: sorted(train), test: sorted(test) };
}

/**
 * Stratified, group-aware k folds over the rows `idx` (default all rows):
 * groups of each class are shuffled and dealt round-robin, always to the fold
 * with the fewest rows of that class so far.
 */
export function stratifiedKFold(
  y: ArrayLike<number>,
  groups: ArrayLike<number>,
  options: { k: number; seed: number; idx?: ArrayLike<number> },
): Split[] {
  const { k } = options;
  const idx = options.idx ?? Int32Array.from({ length: y.length }, (_, i) => i);
  const subY = Array.from(idx, (i) => y[i]!), subG = Array.from(idx, (i) => groups[i]!);
  const rng = new Rng().reset(seedKey(options.seed));
  const folds: number[][] = Array.from({ length: k }, () => []);
  for (const classGroups of groupsByClass(subY, subG)) {
    const counts = new Array<number>(k).fill(0);
    // Largest groups first so they cannot unbalance the last folds.
    const order = rng.shuffle(classGroups).sort((a, b) => b.length - a.length);
    for (const g of order) {
      let f = 0;
      for (let j = 1; j < k; j++) if (counts[j]! < counts[f]!) f = j;
      folds[f]!.push(...g.map((r) => idx[r]!));
      counts[f]! += g.length;
    }
  }
  return folds.map((test, f) => ({
    train: sorted(folds.flatMap((rows, j) => (j === f ? [] : rows))),
    test: sorted(test),
  }));
}
