/**
 * Categorical features by class: for each value, the share of each class's
 * customers that have it, as grouped horizontal bars — one feature, or all
 * of them stacked on a common axis.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { CategorySummary, EdaSummary } from "../../eda/mod.ts";
import { ruPercent } from "../../text/ru_format.ts";
import { type Panel, renderChart } from "./render.ts";
import { TEXT } from "./texts.ts";
import { CHART_WIDTH, CLASS_COLOR_SCALE, CLASS_LEGEND, SMALL_SIZE, textWidth, tick, wrapText } from "./theme.ts";

/** Labels longer than this wrap onto a second line. */
const WRAP = 24;
/** Height per value (two bars and padding), px. */
const ROW = 50;
/** Gap between stacked features, px. */
const GAP = 12;

/**
 * Grouped bars of `feature`'s values for «Снизилась» and «Прежний уровень».
 *
 * @param summary the EDA summary
 * @param feature a categorical feature, e.g. "popular_category"
 * @returns an `<svg>` string, 680 px wide
 * @example
 * ```ts
 * import type pl from "nodejs-polars";
 * import { edaSummary } from "../../eda/eda_summary.ts";
 * import { categoricalByTargetChart } from "./categorical_by_target.ts";
 * declare const frame: pl.DataFrame;
 * const svg = categoricalByTargetChart(edaSummary(frame), "popular_category");
 * ```
 */
export function categoricalByTargetChart(summary: EdaSummary, feature: string): string {
  const s = summary.categorical.find((c) => c.feature === feature);
  if (!s) throw new Error(`No categorical feature "${feature}" in the summary`);
  return renderChart(
    {
      title: TEXT.categoricalByTarget.title(s.label),
      subtitle: TEXT.categoricalByTarget.subtitle,
      legend: CLASS_LEGEND,
    },
    [{ options: panelOptions(summary, s, leftMargin([s]), topShare([s]), true) }],
  );
}

/**
 * Every categorical feature of `summary`, one captioned block each, on one
 * share axis so the blocks compare.
 *
 * @param summary the EDA summary
 * @returns an `<svg>` string, 680 px wide
 * @example
 * ```ts
 * import type pl from "nodejs-polars";
 * import { edaSummary } from "../../eda/eda_summary.ts";
 * import { categoricalGridChart } from "./categorical_by_target.ts";
 * declare const frame: pl.DataFrame;
 * const svg = categoricalGridChart(edaSummary(frame));
 * ```
 */
export function categoricalGridChart(summary: EdaSummary): string {
  const all = summary.categorical;
  const marginLeft = leftMargin(all), top = topShare(all);
  let y = 0;
  const panels: Panel[] = all.map((s, i) => {
    const options = panelOptions(summary, s, marginLeft, top, i === all.length - 1);
    const panel = { y, title: s.label, titleLines: 1, options };
    y += options.height + 18 + GAP;
    return panel;
  });
  return renderChart(
    { title: TEXT.categoricalGrid.title, subtitle: TEXT.categoricalByTarget.subtitle, legend: CLASS_LEGEND },
    panels,
  );
}

const leftMargin = (features: readonly CategorySummary[]) =>
  Math.max(60, ...features.flatMap((s) => s.levels.flatMap((l) => wrapText(l.value, WRAP))).map((l) => textWidth(l))) +
  14;

const topShare = (features: readonly CategorySummary[]) =>
  Math.max(
    0.05,
    ...features.flatMap((s) => s.levels.flatMap((l) => [l.shares.dropped, l.shares.same])).filter(Number.isFinite),
  );

function panelOptions(summary: EdaSummary, s: CategorySummary, marginLeft: number, top: number, axisLabel: boolean) {
  const data = s.levels.flatMap((l) =>
    (["dropped", "same"] as const).map((key) => ({
      value: l.value,
      label: summary.classes[key].label,
      share: l.shares[key],
    }))
  );
  const marginBottom = axisLabel ? 40 : 24;
  return {
    width: CHART_WIDTH,
    height: 10 + marginBottom + s.levels.length * ROW,
    marginLeft,
    marginRight: 20,
    marginTop: 10,
    marginBottom,
    x: {
      // With `percent`, the domain is in percent too.
      domain: [0, top * 118],
      percent: true,
      grid: true,
      tickFormat: tick,
      label: axisLabel ? TEXT.categoricalByTarget.x : null,
      labelArrow: "none" as const,
      labelAnchor: "center" as const,
    },
    y: { domain: [summary.classes.dropped.label, summary.classes.same.label], axis: null },
    fy: {
      domain: s.levels.map((l) => l.value),
      axis: "left" as const,
      label: null,
      tickFormat: (v: string) => wrapText(v, WRAP).join("\n"),
      padding: 0.2,
    },
    color: CLASS_COLOR_SCALE,
    marks: [
      Plot.barX(data, { fy: "value", y: "label", x: "share", fill: "label" }),
      Plot.text(data, {
        fy: "value",
        y: "label",
        x: "share",
        text: (d: { share: number }) => ruPercent(d.share),
        dx: 4,
        textAnchor: "start",
        fontSize: SMALL_SIZE,
      }),
      Plot.ruleX([0]),
    ],
  };
}
