/**
 * Small multiples of every numeric feature: each panel its own axis, the
 * class distributions as step outlines (share of the class per bin), so the
 * whole set fits one A4 page.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { EdaSummary, NumericSummary } from "../../eda/mod.ts";
import { valueTicks } from "./numeric_by_target.ts";
import { type Panel, panelCaption, renderChart } from "./render.ts";
import { TEXT } from "./texts.ts";
import { CHART_WIDTH, CLASS_COLOR_SCALE, CLASS_LEGEND, tick } from "./theme.ts";

/** Grid layout defaults. */
export const GRID_DEFAULTS = { columns: 3, panelHeight: 130, gap: 14 } as const;

/**
 * All numeric features of `summary` in one SVG, `columns` panels per row.
 *
 * @returns an `<svg>` string, 680 px wide, ≈ 870 px tall for 14 features
 * @example
 * ```ts
 * import type pl from "nodejs-polars";
 * import { edaSummary } from "../../eda/eda_summary.ts";
 * import { numericGridChart } from "./numeric_grid.ts";
 * declare const frame: pl.DataFrame;
 * const svg = numericGridChart(edaSummary(frame));
 * ```
 */
export function numericGridChart(summary: EdaSummary, options: { columns?: number } = {}): string {
  const columns = options.columns ?? GRID_DEFAULTS.columns;
  const width = Math.floor(CHART_WIDTH / columns);
  // Every caption gets the lines of the longest, so the panels of a row line up.
  const titleLines = Math.max(1, ...summary.numeric.map((s) => panelCaption(s.label, width - 6).length));
  const rowHeight = titleLines * 14 + 4 + GRID_DEFAULTS.panelHeight + GRID_DEFAULTS.gap;
  const panels: Panel[] = summary.numeric.map((s, i) => ({
    x: (i % columns) * width,
    y: Math.floor(i / columns) * rowHeight,
    title: s.label,
    titleLines,
    options: panelOptions(summary, s, width),
  }));
  return renderChart(
    { title: TEXT.numericGrid.title, subtitle: TEXT.numericGrid.subtitle, legend: CLASS_LEGEND },
    panels,
  );
}

function panelOptions(summary: EdaSummary, s: NumericSummary, width: number) {
  const { edges, counts } = s.histogram;
  const outline = (key: "dropped" | "same") => {
    const n = s.byClass[key].count, c = counts[key];
    const share = (k: number) => (n ? c[k]! / n : 0);
    const label = summary.classes[key].label;
    // A step outline: each bin's share from its left edge, held to the last edge.
    return edges.map((x, k) => ({ label, x, share: share(Math.min(k, c.length - 1)) }));
  };
  const points = [...outline("dropped"), ...outline("same")];
  const ticks = valueTicks(s);
  return {
    width: width - 6,
    height: GRID_DEFAULTS.panelHeight,
    marginLeft: 34,
    marginRight: 12,
    marginTop: 8,
    marginBottom: 22,
    x: {
      domain: [edges[0] ?? 0, edges[edges.length - 1] ?? 1],
      tickFormat: tick,
      label: null,
      // Wide values (revenue in thousands) need fewer ticks to keep their labels apart.
      ...(ticks && ticks.length <= 8 ? { ticks } : { ticks: Math.abs(edges[edges.length - 1] ?? 0) >= 1000 ? 3 : 4 }),
    },
    y: { percent: true, ticks: 3, grid: true, tickFormat: tick, label: null },
    color: CLASS_COLOR_SCALE,
    marks: [
      Plot.areaY(points, {
        x: "x",
        y1: 0,
        y2: "share",
        fill: "label",
        fillOpacity: 0.12,
        curve: "step-after",
        z: "label",
      }),
      Plot.lineY(points, { x: "x", y: "share", stroke: "label", strokeWidth: 1.6, curve: "step-after", z: "label" }),
      Plot.ruleY([0]),
    ],
  };
}
