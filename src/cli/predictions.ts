/**
 * predictions.json: every customer's probability from a model that did not
 * see them (out-of-fold for training rows, the final model for the hold-out),
 * which rows trained the model, and the threshold — what the explanation and
 * segment stages read from the model stage.
 *
 * @module
 */
import { join } from "node:path";
import type { CustomerId } from "../data/customer_id.ts";
import { DataError } from "../data/errors.ts";
import { type ModelStage, unseenProbabilities } from "../selection/select_model.ts";

/** The model stage's scores per customer. */
export interface Predictions {
  threshold: number;
  /** Customer ids in table order. */
  ids: CustomerId[];
  /** Row numbers of the training customers. */
  train: Int32Array;
  probability: Float64Array;
}

/** The predictions of a finished model stage. */
export function predictionsOf(stage: ModelStage): Predictions {
  return {
    threshold: stage.best.threshold,
    ids: Array.from(stage.table.ids),
    train: stage.split.train,
    probability: unseenProbabilities(stage),
  };
}

/** predictions.json's text: one row per customer. */
export function predictionsJson(p: Predictions): string {
  const train = new Set(p.train);
  return JSON.stringify({
    threshold: p.threshold,
    rows: p.ids.map((id, i) => ({ id, split: train.has(i) ? "train" : "test", probability: p.probability[i] })),
  }) + "\n";
}

/** Reads predictions.json from an artifact directory. */
export async function readPredictions(out: string): Promise<Predictions> {
  const file = join(out, "predictions.json");
  try {
    const json = JSON.parse(await Deno.readTextFile(file)) as {
      threshold: number;
      rows: { id: CustomerId; split: string; probability: number }[];
    };
    return {
      threshold: json.threshold,
      ids: json.rows.map((r) => String(r.id)),
      train: Int32Array.from(json.rows.flatMap((r, i) => (r.split === "train" ? [i] : []))),
      probability: Float64Array.from(json.rows, (r) => r.probability),
    };
  } catch (e) {
    throw new DataError([{ file, expected: `predictions written by the model stage (${(e as Error).message})` }]);
  }
}
