/**
 * The training sample: at scale the model is trained and searched on a few
 * thousand customers, not on all of them. The sample is stratified by the
 * label and keeps every duplicate group whole (a group is in or out), like
 * the hold-out split, so the search sees the class balance of the whole
 * export and identical records never straddle sample and scored rest.
 *
 * Linear in the number of customers and allocation-light (typed arrays, no
 * per-row objects): a million customers take well under a second.
 *
 * @module
 */
import pl from "nodejs-polars";
import { Rng, seedKey } from "../util/random.ts";

/** Stream of the sample's draws in the seeded generator (distinct from the splits' and the control groups'). */
const STREAM = 20_000;

/**
 * Row indices (ascending) of a stratified, group-aware sample of about
 * `size` rows. A group's class is the majority label of its rows (ties: 1),
 * as in the splits. Each class gets `round(size × its share)` rows; groups
 * are drawn in a seeded random order and a group is taken while it does not
 * overshoot the class's quota by more than half its size. With `size` at
 * least the number of rows every row is returned.
 *
 * @param y labels (0/1), one per row
 * @param groups duplicate-group codes, one per row (equal codes stay together)
 * @param size rows wanted
 * @param seed the run's seed
 *
 * @example
 * ```ts
 * import { trainingSample } from "./training_sample.ts";
 * const y = [0, 1, 0, 1, 0, 1, 0, 0], groups = [0, 1, 2, 3, 4, 5, 6, 6];
 * trainingSample(y, groups, 4, 42).length; // 4
 * ```
 */
export function trainingSample(
  y: ArrayLike<number>,
  groups: ArrayLike<number>,
  size: number,
  seed: number,
): Int32Array {
  const n = y.length;
  if (groups.length !== n) throw new Error(`Expected ${n} group codes (one per row), got ${groups.length}`);
  if (!Number.isInteger(size) || size < 1) throw new Error(`The sample size must be a whole number ≥ 1, got ${size}`);
  if (size >= n) return Int32Array.from({ length: n }, (_, i) => i);

  // Dense group codes → per-group row count and positives, without a Map of arrays.
  const code = new Map<number, number>();
  const groupOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const g = groups[i]!;
    let c = code.get(g);
    if (c === undefined) code.set(g, c = code.size);
    groupOf[i] = c;
  }
  const G = code.size;
  const rows = new Int32Array(G), ones = new Int32Array(G);
  for (let i = 0; i < n; i++) {
    rows[groupOf[i]!]!++;
    if (y[i] === 1) ones[groupOf[i]!]!++;
  }
  const take = new Uint8Array(G);
  const rng = new Rng().reset(seedKey(seed) ^ STREAM);
  for (const cls of [0, 1]) {
    const members: number[] = [];
    let total = 0;
    for (let g = 0; g < G; g++) {
      if ((2 * ones[g]! >= rows[g]! ? 1 : 0) === cls) members.push(g), total += rows[g]!;
    }
    const want = Math.round((total * size) / n);
    let taken = 0;
    for (const g of rng.shuffle(members)) {
      if (taken >= want) break;
      const s = rows[g]!;
      if (taken + s <= want + (s - 1) / 2) take[g] = 1, taken += s;
    }
  }
  let count = 0;
  for (let i = 0; i < n; i++) count += take[groupOf[i]!]!;
  const out = new Int32Array(count);
  for (let i = 0, k = 0; i < n; i++) if (take[groupOf[i]!]) out[k++] = i;
  return out;
}

/**
 * The training sample of a merged frame (columns `target` and `dup_group`):
 * its rows (ascending) and the frame of those rows, computed inside polars so
 * that a million customers never become JS strings before the model is
 * trained. A frame of at most `size` rows is returned as it is.
 *
 * @example
 * ```ts
 * import { loadDataset } from "../data/load.ts";
 * import { sampleFrame } from "./training_sample.ts";
 * const { frame } = await loadDataset("../shared/data/one-click");
 * sampleFrame(frame, 4000, 42).frame.height; // 1297: smaller than the sample, so everyone
 * ```
 */
export function sampleFrame(
  frame: pl.DataFrame,
  size: number,
  seed: number,
): { rows: Int32Array; frame: pl.DataFrame } {
  const y = frame.getColumn("target").cast(pl.Int32).toTypedArray() as Int32Array;
  // Dense ranks of the group key: equal keys, equal codes; the ids' text never reaches JS.
  const groups = frame.select(pl.col("dup_group").rank("dense").cast(pl.Int32)).getColumn("dup_group")
    .toTypedArray() as Int32Array;
  const rows = trainingSample(y, groups, size, seed);
  if (rows.length === frame.height) return { rows, frame };
  const mask = new Array<boolean>(frame.height).fill(false);
  for (const i of rows) mask[i] = true;
  const picked = frame.withColumn(pl.Series("__sample", mask)).filter(pl.col("__sample")).drop("__sample");
  return { rows, frame: picked };
}
