/**
 * The players of an explanation: the model's ORIGINAL features, each owning
 * the transformed columns the preprocessing made from it (a categorical
 * feature's one-hot columns move together, as one player).
 *
 * @module
 */
import { MODEL_FEATURES } from "../features/feature_table.ts";
import type { FittedColumnTransformer } from "../models/column_transformer.ts";

/** Original features and the transformed columns of each. */
export interface Players {
  /** Original feature names, in the store's feature order. */
  readonly features: string[];
  /** `columns[p]`: the transformed columns of feature p, ascending. */
  readonly columns: readonly Int32Array[];
  /** Per transformed column, the index of its feature. */
  readonly playerOf: Int32Array;
}

/**
 * The players of a fitted preprocessing, read from its steps (not parsed from
 * column names, which may contain "=" in category values).
 *
 * @example
 * ```ts
 * import type { FittedPipeline } from "../models/pipeline.ts";
 * import { pipelinePlayers } from "./players.ts";
 * declare const pipeline: FittedPipeline;
 * const pl = pipelinePlayers(pipeline.preprocess);
 * pl.features[pl.playerOf[0]!]; // "allow_messages": the column "allow_messages=нет" belongs to it
 * ```
 */
export function pipelinePlayers(preprocess: Pick<FittedColumnTransformer, "steps">): Players {
  const owner: string[] = [];
  for (const s of preprocess.steps) {
    s.columns.forEach((c, i) => {
      const width = s.kind === "onehot" ? s.categories[i]!.length - (s.dropFirst ? 1 : 0) : 1;
      for (let k = 0; k < width; k++) owner.push(c);
    });
  }
  // The store's order reads better in charts than step order; features it does not know keep step order after.
  const rank = (f: string) => {
    const r = MODEL_FEATURES.indexOf(f);
    return r < 0 ? MODEL_FEATURES.length : r;
  };
  const firstSeen = [...new Set(owner)];
  const features = firstSeen.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .map((e) => e.f);
  const index = new Map(features.map((f, p) => [f, p]));
  const playerOf = Int32Array.from(owner, (f) => index.get(f)!);
  const columns = features.map((_, p) => Int32Array.from(owner.flatMap((_, c) => playerOf[c] === p ? [c] : [])));
  return { features, columns, playerOf };
}
