/**
 * The reliability (calibration) diagram of the selected model on the hold-out
 * customers: per probability bin, the mean prediction against the observed
 * share of «Снизилась» (dot area by the bin's size), and under it, on the
 * same probability axis, how many customers each bin holds — so the counts
 * sit apart from the curve and the diagonal, never crossed by them.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { ruNumber } from "../../text/ru_format.ts";
import { renderChart } from "./render.ts";
import { CURVE_HEIGHT, curveFrame, unitAxis } from "./roc.ts";
import { TEXT } from "./texts.ts";
import { INK, LIGHT, MUTED, SMALL_SIZE } from "./theme.ts";
import type { ModelMetrics } from "./types.ts";

/** Height of the counts strip under the curve, px; the curve panel gives it up, so the chart keeps its size. */
const COUNTS_HEIGHT = 96;

/**
 * Observed rate against mean predicted probability per bin, with the bins' sizes below.
 *
 * @param metrics parsed metrics.json
 * @returns an `<svg>` string, 680 px wide
 * @example
 * ```ts
 * import { readMetrics } from "../../artifacts/metrics.ts";
 * import { reliabilityChart } from "./reliability.ts";
 * const metrics = await readMetrics("out/artifacts");
 * const svg = reliabilityChart(metrics);
 * ```
 */
export function reliabilityChart(metrics: ModelMetrics): string {
  const h = metrics.best.holdout;
  const bins = h.reliability.filter((b) => b.count > 0).map((b) => ({ ...b, text: TEXT.reliability.count(b.count) }));
  const frame = curveFrame(TEXT.reliability.x, TEXT.reliability.y);
  const curveHeight = CURVE_HEIGHT - COUNTS_HEIGHT;
  return renderChart(
    {
      title: TEXT.reliability.title,
      subtitle: TEXT.reliability.subtitle(h.brier),
      legend: [
        { label: TEXT.reliability.model, color: INK, shape: "dot" },
        { label: TEXT.reliability.ideal, color: MUTED, shape: "dash" },
        { label: TEXT.reliability.counts, color: LIGHT },
      ],
    },
    [
      {
        options: {
          ...frame,
          height: curveHeight,
          marginBottom: 24,
          // The probability axis is labelled once, under the counts.
          x: { ...frame.x, label: null },
          r: { type: "sqrt", domain: [0, Math.max(1, ...bins.map((b) => b.count))], range: [0, 14] },
          marks: [
            Plot.line([[0, 0], [1, 1]], { stroke: MUTED, strokeDasharray: "4,3" }),
            Plot.line(bins, { x: "meanPredicted", y: "observedRate", stroke: INK, strokeWidth: 1.5 }),
            Plot.dot(bins, {
              x: "meanPredicted",
              y: "observedRate",
              r: "count",
              fill: INK,
              fillOpacity: 0.75,
              title: (b: { meanPredicted: number; observedRate: number; text: string }) =>
                `Предсказано в среднем ${ruNumber(b.meanPredicted, 2)}, снизилась доля ${
                  ruNumber(b.observedRate, 2)
                }\nпокупателей: ${b.text}`,
            }),
          ],
        },
      },
      {
        y: curveHeight,
        options: {
          ...frame,
          height: COUNTS_HEIGHT,
          marginTop: 18,
          x: unitAxis(TEXT.reliability.x),
          y: { axis: null, domain: [0, Math.max(1, ...bins.map((b) => b.count))] },
          marks: [
            Plot.rectY(bins, { x1: "from", x2: "to", y: "count", fill: LIGHT, inset: 1 }),
            Plot.text(bins, {
              x: (b: (typeof bins)[number]) => (b.from + b.to) / 2,
              y: "count",
              text: "text",
              dy: -7,
              fontSize: SMALL_SIZE,
              fill: MUTED,
            }),
            Plot.ruleY([0], { stroke: MUTED }),
          ],
        },
      },
    ],
  );
}
