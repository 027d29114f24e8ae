/**
 * How the customers' SHAP values were computed, in Russian, for the report's
 * appendix — from what the run chose (the family, the ensemble's members, the
 * config) and the rules of src/explain/: a linear model exactly in log-odds,
 * a tree exactly (TreeSHAP), SVC and KNN — and an ensemble's members other
 * than trees — by permutation sampling; above `training.sampleSize` customers
 * the sampled families explain `min(1000, sampleSize)` customers exactly and
 * carry their reasons to the rest (src/explain/explain_at_scale.ts). The
 * technical record of explanations.json stays beside it in the appendix.
 *
 * @module
 */
import type { RunConfig } from "../config/run_config.ts";
import { DEFAULT_EXPLAINED } from "../explain/explain_at_scale.ts";
import { explainsAtScale } from "../stages/explain_stage.ts";
import { ruCount, ruInt } from "./ru_format.ts";

const PERMUTATIONS = ["перестановка", "перестановки", "перестановок"] as const;
const OF_CENTROIDS = ["центроида", "центроидов", "центроидов"] as const;
const BY_CENTROIDS = ["центроидом", "центроидами", "центроидами"] as const;

/** What the run chose that decides the method. */
export interface ShapRun {
  family: string;
  /** The ensemble's members' families (empty for one model). */
  members: readonly string[];
  /** The member families' Russian names, by family id. */
  label: (family: string) => string;
  /** Customers explained. */
  customers: number;
  config: RunConfig;
}

/**
 * The method in one Russian paragraph.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "../config/run_config.ts";
 * shapSummary({ family: "tree", members: [], label: (f) => f, customers: 1297, config: DEFAULT_CONFIG });
 * // "Точный TreeSHAP дерева решений …"
 * ```
 */
export function shapSummary(run: ShapRun): string {
  const { samples, backgroundSize } = run.config.explain;
  const atScale = explainsAtScale(run.customers, run.config);
  const sampling = `по выборке перестановок: ${ruCount(samples, PERMUTATIONS)} на покупателя относительно ` +
    `${
      ruCount(backgroundSize, OF_CENTROIDS)
    } k-средних обучающих покупателей («признак неизвестен»); сумма вкладов и ` +
    "базового значения равна прогнозу точно, каждый вклад — оценка";
  const carried = `Покупателей больше, чем в обучающей выборке (${ruInt(run.customers)}), поэтому точно объяснены ` +
    `${ruInt(Math.min(DEFAULT_EXPLAINED, run.config.training.sampleSize))} из них, выбранных равномерно по уровню ` +
    "риска; остальным вклады перенесены от объяснённых по правилу из технической записи ниже — это их причины, " +
    "а не точное разложение их собственного прогноза.";
  switch (run.family) {
    case "logistic":
      return "Точный SHAP линейной модели в логитах: вклад признака — коэффициент, умноженный на отклонение его " +
        "значения от среднего по обучающим покупателям (столбцы одного категориального признака складываются); " +
        "сумма вкладов и базового значения равна логиту покупателя.";
    case "tree":
      return "Точный TreeSHAP дерева решений для вероятности его листа относительно обучающих покупателей" +
        (atScale ? `, представленных ${ruCount(backgroundSize, BY_CENTROIDS)} k-средних` : "") +
        "; сумма вкладов и базового значения равна вероятности покупателя.";
    case "ensemble": {
      const trees = run.members.filter((f) => f === "tree"), others = run.members.filter((f) => f !== "tree");
      const parts = [
        ...(trees.length > 0 ? [`${run.label("tree").toLowerCase()} — точно (TreeSHAP)`] : []),
        ...(others.length > 0 ? [`${others.map((f) => run.label(f).toLowerCase()).join(", ")} — ${sampling}`] : []),
      ];
      return `SHAP ансамбля (${run.members.map((f) => run.label(f).toLowerCase()).join(", ")}): вклады — ` +
        "взвешенное среднее вкладов участников в их вероятности, так что сумма вкладов и базового значения равна " +
        `вероятности ансамбля; ${parts.join("; ")}.` + (atScale && others.length > 0 ? ` ${carried}` : "");
    }
    default:
      return `SHAP вероятности ${sampling}.` + (atScale ? ` ${carried}` : "");
  }
}
