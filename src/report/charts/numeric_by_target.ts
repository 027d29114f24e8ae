/**
 * One numeric feature by class: histograms over shared bins (share of each
 * class, bars side by side within a bin) above box plots of both classes on
 * the same axis.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { EdaSummary, NumericSummary } from "../../eda/mod.ts";
import { renderChart } from "./render.ts";
import { TEXT } from "./texts.ts";
import { CHART_WIDTH, CLASS_COLOR_SCALE, CLASS_LEGEND, textWidth, tick } from "./theme.ts";

/** Heights of the two panels, px. */
const HISTOGRAM_HEIGHT = 260, BOX_HEIGHT = 110;

/**
 * Histogram and box plot of `feature` for «Снизилась» and «Прежний уровень».
 *
 * @param summary the EDA summary ({@linkcode edaSummary})
 * @param feature a numeric feature, e.g. "pages_per_visit"
 * @returns an `<svg>` string, 680 px wide
 * @example
 * ```ts
 * import type pl from "nodejs-polars";
 * import { edaSummary } from "../../eda/eda_summary.ts";
 * import { numericByTargetChart } from "./numeric_by_target.ts";
 * declare const frame: pl.DataFrame;
 * const svg = numericByTargetChart(edaSummary(frame), "pages_per_visit");
 * ```
 */
export function numericByTargetChart(summary: EdaSummary, feature: string): string {
  const s = numericOf(summary, feature);
  const { dropped, same } = summary.classes;
  return renderChart(
    {
      title: TEXT.numericByTarget.title(s.label),
      subtitle: TEXT.numericByTarget.subtitle(
        dropped.label,
        same.label,
        [s.byClass.dropped.median, s.byClass.same.median],
        s.standardizedDifference,
      ),
      legend: CLASS_LEGEND,
    },
    numericPanels(summary, s),
  );
}

/** The summary of a numeric feature, or an error naming it. */
export function numericOf(summary: EdaSummary, feature: string): NumericSummary {
  const s = summary.numeric.find((n) => n.feature === feature);
  if (!s) throw new Error(`No numeric feature "${feature}" in the summary`);
  return s;
}

/** Bars of one bin: the two classes side by side within [edge, next edge]. */
export function histogramBars(summary: EdaSummary, s: NumericSummary) {
  const { edges, counts } = s.histogram;
  const bars: { label: string; x1: number; x2: number; share: number }[] = [];
  for (let k = 0; k + 1 < edges.length; k++) {
    const lo = edges[k]!, hi = edges[k + 1]!, mid = (lo + hi) / 2;
    const share = (c: number[], n: number) => (n ? c[k]! / n : 0);
    bars.push({
      label: summary.classes.dropped.label,
      x1: lo,
      x2: mid,
      share: share(counts.dropped, s.byClass.dropped.count),
    });
    bars.push({ label: summary.classes.same.label, x1: mid, x2: hi, share: share(counts.same, s.byClass.same.count) });
  }
  return bars;
}

/** Integer ticks for a histogram of few integer values, else Plot's own. */
export function valueTicks(s: NumericSummary): number[] | undefined {
  const { edges, unit } = s.histogram;
  if (!unit || edges.length > 17) return undefined;
  return edges.slice(0, -1).map((e) => e + 0.5);
}

function numericPanels(summary: EdaSummary, s: NumericSummary) {
  const { edges } = s.histogram;
  const domain = [edges[0] ?? 0, edges[edges.length - 1] ?? 1];
  const labels = [summary.classes.dropped.label, summary.classes.same.label];
  const marginLeft = Math.max(...labels.map((l) => textWidth(l))) + 16;
  const ticks = valueTicks(s);
  const x = { domain, tickFormat: tick, ...(ticks ? { ticks } : {}) };
  const boxes = (["dropped", "same"] as const).map((key) => ({ label: summary.classes[key].label, ...s.byClass[key] }));
  return [
    {
      options: {
        width: CHART_WIDTH,
        height: HISTOGRAM_HEIGHT,
        marginLeft,
        marginRight: 20,
        x: { ...x, label: null },
        y: { label: TEXT.classShare, percent: true, grid: true, tickFormat: tick, labelArrow: "none" as const },
        color: CLASS_COLOR_SCALE,
        marks: [
          Plot.rect(histogramBars(summary, s), { x1: "x1", x2: "x2", y1: 0, y2: "share", fill: "label", inset: 0.5 }),
          Plot.ruleY([0]),
        ],
      },
    },
    {
      y: HISTOGRAM_HEIGHT,
      options: {
        width: CHART_WIDTH,
        height: BOX_HEIGHT,
        marginLeft,
        marginRight: 20,
        marginTop: 10,
        marginBottom: 40,
        x: { ...x, label: s.label, labelArrow: "none" as const, labelAnchor: "center" as const },
        y: { domain: labels, label: null },
        color: CLASS_COLOR_SCALE,
        marks: [
          Plot.ruleY(boxes, { y: "label", x1: "min", x2: "max", stroke: "label" }),
          Plot.barX(boxes, {
            y: "label",
            x1: "q1",
            x2: "q3",
            fill: "label",
            fillOpacity: 0.3,
            stroke: "label",
            inset: 6,
          }),
          Plot.tickX(boxes, { y: "label", x: "median", stroke: "label", strokeWidth: 3, inset: 6 }),
          Plot.dot(boxes, { y: "label", x: "mean", fill: "white", stroke: "label", r: 3.5 }),
        ],
      },
    },
  ];
}
