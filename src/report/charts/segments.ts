/**
 * The segments side by side: profit at risk (left) and size (right), one row
 * per segment in the artifact's order, bars shaded by the kind of segment.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { DEFAULT_CONFIG } from "../../config/run_config.ts";
import { ruCount, ruInt, ruNumber, ruPercent } from "../../text/ru_format.ts";
import { renderChart } from "./render.ts";
import { SEGMENT_KIND_LABELS, TEXT } from "./texts.ts";
import { CHART_WIDTH, INK, SMALL_SIZE, textWidth, tick } from "./theme.ts";
import type { SegmentsArtifact } from "./types.ts";

const ROW = 30;
/** Shades per segment kind; kinds not listed get the last. */
const KIND_COLORS = ["#3d4a5c", "#8fa3ba", "#b9c4d0"];
/** Width of the size panel, px. */
const SIZE_WIDTH = 210;

/**
 * Profit at risk and number of customers per segment.
 *
 * @param segments parsed segments.json (its config names the money unit; the default config's without it)
 * @returns an `<svg>` string, 680 px wide
 * @example
 * ```ts
 * const svg = segmentsChart(JSON.parse(await Deno.readTextFile("out/segments.json")));
 * ```
 */
export function segmentsChart(segments: SegmentsArtifact): string {
  const rows = segments.segments.map((s) => ({
    ...s,
    kindLabel: SEGMENT_KIND_LABELS[s.kind] ?? s.kind,
    riskText: ruNumber(s.profitAtRisk, 0),
    sizeText: `${ruInt(s.size)} (${ruPercent(s.customerShare)})`,
    // The bar's tip on screen.
    tip:
      `${s.name}\n${ruCount(s.size, ["покупатель", "покупателя", "покупателей"])} (${ruPercent(s.customerShare)})\n` +
      `Прибыль под риском: ${ruNumber(s.profitAtRisk, 0)}\u00A0${
        segments.config?.moneyUnit ?? DEFAULT_CONFIG.moneyUnit
      }`,
  }));
  const kinds = [...new Set(rows.map((r) => r.kindLabel))];
  const colors = kinds.map((_, i) => KIND_COLORS[Math.min(i, KIND_COLORS.length - 1)]!);
  const months = rows[0]?.horizonMonths ?? 3;
  const names = rows.map((r) => r.name);
  const marginLeft = Math.max(60, ...names.map((n) => textWidth(n))) + 12;
  const height = 50 + rows.length * ROW;
  const color = { domain: kinds, range: colors };
  const y = { domain: names, label: null, tickSize: 0, padding: 0.25 };
  const x = (label: string, ticks: number) => ({
    grid: true,
    nice: true,
    tickFormat: tick,
    label,
    labelArrow: "none" as const,
    labelAnchor: "center" as const,
    ticks,
  });
  return renderChart(
    {
      title: TEXT.segments.title,
      subtitle: TEXT.segments.subtitle(months),
      legend: kinds.map((label, i) => ({ label, color: colors[i]! })),
    },
    [
      {
        options: {
          width: CHART_WIDTH - SIZE_WIDTH,
          height,
          marginLeft,
          marginRight: 60,
          marginTop: 16,
          marginBottom: 40,
          x: x(TEXT.segments.risk(months, segments.config?.moneyUnit ?? DEFAULT_CONFIG.moneyUnit), 4),
          y,
          color,
          marks: [
            Plot.barX(rows, { y: "name", x: "profitAtRisk", fill: "kindLabel", title: "tip" }),
            Plot.text(rows, {
              y: "name",
              x: "profitAtRisk",
              text: "riskText",
              dx: 4,
              textAnchor: "start",
              fontSize: SMALL_SIZE,
            }),
            Plot.ruleX([0]),
          ],
        },
      },
      {
        x: CHART_WIDTH - SIZE_WIDTH,
        options: {
          width: SIZE_WIDTH,
          height,
          marginLeft: 8,
          marginRight: 92,
          marginTop: 16,
          marginBottom: 40,
          x: x(TEXT.segments.size, 2),
          y: { ...y, axis: null },
          color,
          marks: [
            Plot.barX(rows, { y: "name", x: "size", fill: "kindLabel", title: "tip" }),
            Plot.text(rows, {
              y: "name",
              x: "size",
              text: "sizeText",
              dx: 4,
              textAnchor: "start",
              fontSize: SMALL_SIZE,
              fill: INK,
            }),
            Plot.ruleX([0]),
          ],
        },
      },
    ],
  );
}
