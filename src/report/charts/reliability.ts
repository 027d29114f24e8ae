/**
 * The reliability (calibration) diagram of the selected model on the hold-out
 * customers: per probability bin, the mean prediction against the observed
 * share of «Снизилась», dot area by the bin's size.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { renderChart } from "./render.ts";
import { curveFrame } from "./roc.ts";
import { TEXT } from "./texts.ts";
import { INK, MUTED, SMALL_SIZE } from "./theme.ts";
import type { ModelMetrics } from "./types.ts";

/**
 * Observed rate against mean predicted probability per bin.
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
  return renderChart(
    {
      title: TEXT.reliability.title,
      subtitle: TEXT.reliability.subtitle(h.brier),
      legend: [
        { label: TEXT.reliability.model, color: INK, shape: "dot" },
        { label: TEXT.reliability.ideal, color: MUTED, shape: "dash" },
      ],
    },
    [{
      options: {
        ...curveFrame(TEXT.reliability.x, TEXT.reliability.y),
        r: { type: "sqrt", domain: [0, Math.max(1, ...bins.map((b) => b.count))], range: [0, 14] },
        marks: [
          Plot.line([[0, 0], [1, 1]], { stroke: MUTED, strokeDasharray: "4,3" }),
          Plot.line(bins, { x: "meanPredicted", y: "observedRate", stroke: INK, strokeWidth: 1.5 }),
          Plot.dot(bins, { x: "meanPredicted", y: "observedRate", r: "count", fill: INK, fillOpacity: 0.75 }),
          Plot.text(bins, {
            x: "meanPredicted",
            y: "observedRate",
            text: "text",
            dx: 16,
            dy: -8,
            textAnchor: "start",
            fontSize: SMALL_SIZE,
            fill: MUTED,
          }),
        ],
      },
    }],
  );
}
