/**
 * The families by name: build a classifier from plain parameters (as a search
 * candidate holds them) or a fitted model from its JSON.
 *
 * @module
 */
import { ensembleFromJSON } from "./ensemble.ts";
import type { Classifier, Family, FittedClassifier, ModelJSON } from "./estimator.ts";
import { KNeighbors, knnFromJSON, type KnnParams } from "./knn.ts";
import { logisticFromJSON, type LogisticParams, LogisticRegression } from "./logistic.ts";
import { SVC, svcFromJSON, type SvcParams } from "./svc.ts";
import { DecisionTree, treeFromJSON, type TreeParams } from "./tree.ts";

/**
 * A classifier of `family` with `params`.
 *
 * @example
 * ```ts
 * import { matrix } from "./estimator.ts";
 * makeClassifier("logistic", { penalty: "l2", C: 0.1 }).fit(matrix([[0], [1], [2], [3]]), Uint8Array.of(0, 0, 1, 1));
 * ```
 */
export function makeClassifier(family: Family, params: Record<string, unknown>): Classifier {
  switch (family) {
    case "knn":
      return new KNeighbors(params as Partial<KnnParams>);
    case "tree":
      return new DecisionTree(params as TreeParams);
    case "logistic":
      return new LogisticRegression(params as LogisticParams);
    case "svc":
      return new SVC(params as SvcParams);
  }
}

/** Rebuilds a fitted model from `toJSON()` output. */
export function modelFromJSON(json: ModelJSON): FittedClassifier {
  switch (json.family) {
    case "knn":
      return knnFromJSON(json);
    case "tree":
      return treeFromJSON(json);
    case "logistic":
      return logisticFromJSON(json);
    case "svc":
      return svcFromJSON(json);
    case "ensemble":
      return ensembleFromJSON(json);
    default:
      throw new Error(`unknown model family "${(json as ModelJSON).family}"`);
  }
}
