/**
 * The selected model's precision–recall curve on the hold-out customers, with
 * the base rate (a random ranking's precision) and the threshold's point.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { renderChart } from "./render.ts";
import { curveFrame } from "./roc.ts";
import { TEXT } from "./texts.ts";
import { ACCENT, INK, MUTED } from "./theme.ts";
import type { ModelMetrics } from "./types.ts";

/**
 * Precision against recall, the base rate as a dashed line.
 *
 * @param metrics parsed metrics.json
 * @returns an `<svg>` string, 680 px wide
 * @example
 * ```ts
 * import { readMetrics } from "../../artifacts/metrics.ts";
 * import { prChart } from "./pr.ts";
 * const metrics = await readMetrics("out/artifacts");
 * const svg = prChart(metrics);
 * ```
 */
export function prChart(metrics: ModelMetrics): string {
  const h = metrics.best.holdout;
  const { tp, fp, tn, fn } = h.confusion;
  const base = (tp + fn) / (tp + fp + tn + fn);
  const point = [{ recall: h.recall, precision: h.precision }];
  return renderChart(
    {
      title: TEXT.pr.title,
      subtitle: TEXT.pr.subtitle(h.precision, h.recall, metrics.best.threshold, base),
      legend: [
        { label: TEXT.pr.curve, color: INK, shape: "line" },
        { label: TEXT.pr.base, color: MUTED, shape: "dash" },
        { label: TEXT.pr.point, color: ACCENT, shape: "dot" },
      ],
    },
    [{
      options: {
        ...curveFrame(TEXT.pr.x, TEXT.pr.y),
        marks: [
          Plot.ruleY([base], { stroke: MUTED, strokeDasharray: "4,3" }),
          Plot.line(h.pr, { x: "recall", y: "precision", stroke: INK, strokeWidth: 2 }),
          Plot.dot(point, { x: "recall", y: "precision", fill: ACCENT, r: 5 }),
        ],
      },
    }],
  );
}
