/**
 * The reliability (calibration) diagram of the selected model on the hold-out
 * customers: per probability bin, the mean prediction against the observed
 * share of «Снизилась» (dot area by the bin's size), and under it, on the
 * same probability axis, how many customers each bin holds — so the counts
 * sit apart from the curve and the diagonal, never crossed by them. When the
 * probabilities were calibrated (metrics.json `best.calibration.holdout`),
 * the curve before calibration is drawn too, lighter, and the subtitle gives
 * the Brier score before → after; the counts are those of the calibrated
 * probabilities, the ones the report's money figures use.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { renderChart } from "./render.ts";
import { CURVE_HEIGHT, curveFrame, unitAxis } from "./roc.ts";
import { TEXT } from "./texts.ts";
import { ACCENT, INK, LIGHT, MUTED, SMALL_SIZE } from "./theme.ts";
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
  const calibrated = metrics.best.calibration?.holdout ?? null;
  const bins = h.reliability.filter((b) => b.count > 0).map((b) => ({ ...b, text: TEXT.reliability.count(b.count) }));
  const before = (calibrated?.reliabilityBefore ?? []).filter((b) => b.count > 0);
  const frame = curveFrame(TEXT.reliability.x, TEXT.reliability.y);
  const curveHeight = CURVE_HEIGHT - COUNTS_HEIGHT;
  const largest = Math.max(1, ...bins.map((b) => b.count), ...before.map((b) => b.count));
  return renderChart(
    {
      title: TEXT.reliability.title,
      subtitle: calibrated
        ? TEXT.reliability.subtitleCalibrated(calibrated.brierBefore, calibrated.brierAfter)
        : TEXT.reliability.subtitle(h.brier),
      legend: [
        ...(calibrated ? [{ label: TEXT.reliability.before, color: ACCENT, shape: "dot" as const }] : []),
        { label: calibrated ? TEXT.reliability.after : TEXT.reliability.model, color: INK, shape: "dot" },
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
          r: { type: "sqrt", domain: [0, largest], range: [0, 14] },
          marks: [
            Plot.line([[0, 0], [1, 1]], { stroke: MUTED, strokeDasharray: "4,3" }),
            // Before calibration: lighter and hollow, under the calibrated curve the money figures use.
            ...(before.length === 0 ? [] : [
              Plot.line(before, { x: "meanPredicted", y: "observedRate", stroke: ACCENT, strokeOpacity: 0.6 }),
              Plot.dot(before, {
                x: "meanPredicted",
                y: "observedRate",
                r: "count",
                stroke: ACCENT,
                fill: "white",
                fillOpacity: 0.6,
                title: (b: { meanPredicted: number; observedRate: number; count: number }) =>
                  TEXT.reliability.tip(TEXT.reliability.before, b.meanPredicted, b.observedRate, b.count),
              }),
            ]),
            Plot.line(bins, { x: "meanPredicted", y: "observedRate", stroke: INK, strokeWidth: 1.5 }),
            Plot.dot(bins, {
              x: "meanPredicted",
              y: "observedRate",
              r: "count",
              fill: INK,
              fillOpacity: 0.75,
              title: (b: { meanPredicted: number; observedRate: number; count: number }) =>
                TEXT.reliability.tip(
                  calibrated ? TEXT.reliability.after : null,
                  b.meanPredicted,
                  b.observedRate,
                  b.count,
                ),
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
