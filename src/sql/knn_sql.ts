/**
 * k nearest neighbours as SQL: the training rows as a table of constants, the
 * distance of every customer to every training row (summed in `knn.ts`'s
 * order, so equal distances are equal here too), the first k by distance and
 * then training-row order (`knn.ts`'s tie rule), and scikit-learn's
 * probability: the class-1 share, uniform or 1/distance weights, only the
 * neighbours at distance 0 when there are any.
 *
 * @module
 */
import type { KnnParams } from "../models/knn.ts";
import { valuesTable } from "./cte.ts";
import type { Dialect } from "./dialect.ts";
import { FEATURES_CTE, x } from "./features_sql.ts";
import type { Part } from "./part.ts";

/** The fitted state `knn.ts` stores: the transformed training rows, row-major, and their labels. */
export interface KnnState {
  rows: number;
  cols: number;
  data: number[];
  y: number[];
}

/**
 * The part of a fitted KNN model, reading `input`'s `id, x0 …`.
 *
 * @example
 * ```ts
 * import { dialectOf } from "./dialect.ts";
 * const state = { rows: 2, cols: 1, data: [0, 1], y: [0, 1] };
 * knnPart(dialectOf("duckdb")!, { k: 1, weights: "uniform", metric: "euclidean" }, state, "m").name; // "m_p"
 * ```
 */
export function knnPart(d: Dialect, params: KnnParams, state: KnnState, prefix: string, input = FEATURES_CTE): Part {
  const { rows, cols, data, y } = state;
  const t = (j: number) => `t${j}`;
  const columns = ["i", "y", ...Array.from({ length: cols }, (_, j) => t(j))];
  const table = Array.from(
    { length: rows },
    (_, i) => [String(i), String(y[i]), ...data.slice(i * cols, (i + 1) * cols).map((a) => d.num(a))],
  );
  const idx = Array.from({ length: cols }, (_, j) => j);
  const sum = params.metric === "euclidean"
    ? idx.map((j) => `(r.${t(j)} - c.${x(j)}) * (r.${t(j)} - c.${x(j)})`).join(" + ")
    : idx.map((j) => `ABS(r.${t(j)} - c.${x(j)})`).join(" + ");
  const distance = params.metric === "euclidean" ? "SQRT(s)" : "s";
  const one = d.num(1);
  const probability = params.weights === "uniform"
    ? `CAST(SUM(y) AS ${d.double}) / ${d.num(params.k)}`
    : `CASE WHEN MIN(dist) = 0\n    THEN CAST(SUM(CASE WHEN dist = 0 THEN y ELSE 0 END) AS ${d.double}) / ` +
      `SUM(CASE WHEN dist = 0 THEN 1 ELSE 0 END)\n` +
      `    ELSE SUM(y * (${one} / NULLIF(dist, 0))) / SUM(${one} / NULLIF(dist, 0)) END`;
  return {
    ctes: [
      {
        name: `${prefix}_train`,
        comment: `KNN: the ${rows} training rows after preprocessing (i = row order, y = label) — a parameter table`,
        query: `SELECT * FROM ${valuesTable("train", columns, table)}`,
      },
      {
        name: `${prefix}_near`,
        comment: `KNN: each customer's ${params.k} nearest training rows (${params.metric}; ties: earlier row first)`,
        query: `SELECT id, y, s, ROW_NUMBER() OVER (PARTITION BY id ORDER BY s, i) AS place\nFROM (\n` +
          `  SELECT c.id, r.i, r.y, ${sum} AS s\n  FROM ${input} c CROSS JOIN ${prefix}_train r\n) AS pairs`,
      },
      {
        name: `${prefix}_p`,
        comment: `KNN: the class-1 share of the neighbours (${params.weights} weights)`,
        query: `SELECT id,\n  ${probability} AS probability\nFROM (\n` +
          `  SELECT id, y, ${distance} AS dist FROM ${prefix}_near WHERE place <= ${params.k}\n) AS neighbours\n` +
          `GROUP BY id`,
      },
    ],
    name: `${prefix}_p`,
  };
}
