/**
 * Revenue and minutes on the site month by month: the class means with 95 %
 * confidence intervals (mean ± 1.96 · SD / √n), one panel per measure.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { EdaSummary } from "../../eda/mod.ts";
import { ruNumber } from "../../text/ru_format.ts";
import { renderChart } from "./render.ts";
import { TEXT } from "./texts.ts";
import { CHART_WIDTH, CLASS_COLOR_SCALE, CLASS_LEGEND, tick } from "./theme.ts";

const HEIGHT = 300;
const Z95 = 1.959963984540054;

/**
 * Mean revenue and mean minutes per period by class.
 *
 * @param summary the EDA summary
 * @returns an `<svg>` string, 680 px wide
 * @example
 * ```ts
 * import type pl from "nodejs-polars";
 * import { edaSummary } from "../../eda/eda_summary.ts";
 * import { periodsChart } from "./periods.ts";
 * declare const frame: pl.DataFrame;
 * const svg = periodsChart(edaSummary(frame));
 * ```
 */
export function periodsChart(summary: EdaSummary): string {
  const measures = [
    { measure: "revenue", label: TEXT.periods.revenue },
    { measure: "minutes", label: TEXT.periods.minutes },
  ] as const;
  const present = measures.filter((m) => summary.periods.some((p) => p.measure === m.measure));
  // Panel widths follow the number of periods (plus room for the axis), so the periods are equally spaced.
  const count = present.map((m) => summary.periods.filter((p) => p.measure === m.measure).length + 1);
  const total = count.reduce((a, b) => a + b, 0);
  let x = 0;
  return renderChart(
    { title: TEXT.periods.title, subtitle: TEXT.periods.subtitle, legend: CLASS_LEGEND },
    present.map((m, i) => {
      const width = Math.floor((CHART_WIDTH * count[i]!) / total);
      const panelX = x;
      x += width;
      return { x: panelX, title: m.label, options: panel(summary, m.measure, width) };
    }),
  );
}

function panel(summary: EdaSummary, measure: "revenue" | "minutes", width: number) {
  const periods = summary.periods.filter((p) => p.measure === measure);
  const points = periods.flatMap((p) =>
    (["dropped", "same"] as const).map((key, k) => {
      const d = p.byClass[key];
      const half = d.count > 1 ? (Z95 * d.std) / Math.sqrt(d.count) : 0;
      return {
        period: p.periodLabel,
        label: summary.classes[key].label,
        mean: d.mean,
        lo: d.mean - half,
        hi: d.mean + half,
        k,
      };
    })
  );
  const byClass = (k: number) => points.filter((p) => p.k === k);
  // The classes sit 5 px apart so their intervals do not hide each other.
  const marks = [0, 1].flatMap((k) => [
    Plot.line(byClass(k), { x: "period", y: "mean", stroke: "label", strokeWidth: 2, dx: k ? 5 : -5 }),
    Plot.ruleX(byClass(k), { x: "period", y1: "lo", y2: "hi", stroke: "label", strokeWidth: 1.5, dx: k ? 5 : -5 }),
    Plot.dot(byClass(k), {
      x: "period",
      y: "mean",
      fill: "label",
      r: 4,
      dx: k ? 5 : -5,
      title: (p: { label: string; period: string; mean: number; lo: number; hi: number }) =>
        `${p.label}, ${p.period}: ${ruNumber(p.mean, 1)} (${ruNumber(p.lo, 1)}…${ruNumber(p.hi, 1)})`,
    }),
  ]);
  return {
    width: width - 8,
    height: HEIGHT,
    marginLeft: 56,
    marginRight: 24,
    marginBottom: 44,
    x: {
      domain: periods.map((p) => p.periodLabel),
      type: "point" as const,
      padding: 0.3,
      label: null,
      tickFormat: (d: string) => d.replace(" ", "\n"),
    },
    y: { grid: true, nice: true, tickFormat: tick, label: null },
    color: CLASS_COLOR_SCALE,
    marks,
  };
}
