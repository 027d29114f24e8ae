/**
 * The selected model's ROC curve on the hold-out customers, with the
 * operating point of its threshold.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { renderChart } from "./render.ts";
import { familyLabel, TEXT } from "./texts.ts";
import { ACCENT, CHART_WIDTH, INK, MUTED, tick } from "./theme.ts";
import type { ModelMetrics } from "./types.ts";

/** Height of ROC, PR and reliability panels, px. */
export const CURVE_HEIGHT = 400;

/** Shared unit axes of the curve charts. */
export const unitAxis = (label: string) => ({
  domain: [0, 1],
  grid: true,
  tickFormat: tick,
  label,
  labelArrow: "none" as const,
  labelAnchor: "center" as const,
});

/** Size, margins and unit axes shared by the ROC, PR and reliability charts. */
export const curveFrame = (x: string, y: string) => ({
  width: CHART_WIDTH,
  height: CURVE_HEIGHT,
  marginLeft: 60,
  marginRight: 30,
  marginBottom: 44,
  x: unitAxis(x),
  y: unitAxis(y),
});

/**
 * ROC curve (FPR → TPR) with the chance diagonal and the threshold's point.
 *
 * @param metrics parsed metrics.json
 * @returns an `<svg>` string, 680 px wide
 * @example
 * ```ts
 * import { readMetrics } from "../../artifacts/metrics.ts";
 * import { rocChart } from "./roc.ts";
 * const metrics = await readMetrics("out/artifacts");
 * const svg = rocChart(metrics);
 * ```
 */
export function rocChart(metrics: ModelMetrics): string {
  const h = metrics.best.holdout;
  const { tp, fp, tn, fn } = h.confusion;
  const point = [{ fpr: fp / (fp + tn), tpr: tp / (tp + fn), text: TEXT.roc.point(metrics.best.threshold) }];
  return renderChart(
    {
      title: TEXT.roc.title,
      subtitle: TEXT.roc.subtitle(familyLabel(metrics.best.family), h.auc),
      legend: [
        { label: TEXT.roc.curve, color: INK, shape: "line" },
        { label: TEXT.roc.chance, color: MUTED, shape: "dash" },
        { label: point[0]!.text, color: ACCENT, shape: "dot" },
      ],
    },
    [{
      options: {
        ...curveFrame(TEXT.roc.x, TEXT.roc.y),
        y: { ...unitAxis(TEXT.roc.y), labelAnchor: "center" as const },
        marks: [
          Plot.areaY(h.roc, { x: "fpr", y1: 0, y2: "tpr", fill: INK, fillOpacity: 0.07 }),
          Plot.line([[0, 0], [1, 1]], { stroke: MUTED, strokeDasharray: "4,3" }),
          Plot.line(h.roc, { x: "fpr", y: "tpr", stroke: INK, strokeWidth: 2 }),
          Plot.dot(point, { x: "fpr", y: "tpr", fill: ACCENT, r: 5 }),
          Plot.text(point, { x: "fpr", y: "tpr", text: "text", dx: 10, dy: 10, textAnchor: "start" }),
        ],
      },
    }],
  );
}
