/**
 * The association matrix as a heatmap: rows named (numbered), columns by
 * number to keep the cells wide enough for their values.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { EdaSummary } from "../../eda/mod.ts";
import { ruNumber } from "../../text/ru_format.ts";
import { interpolateColors, renderChart } from "./render.ts";
import { TEXT } from "./texts.ts";
import { CHART_WIDTH, SMALL_SIZE, STRENGTH_RAMP, textWidth, wrapText } from "./theme.ts";

/** Row labels longer than this wrap onto a second line. */
const WRAP = 22;
/** Cell fill where the association is undefined. */
const MISSING = "#e6e6e6";

/**
 * Heatmap of every feature's association with every other and the target.
 *
 * @param summary the EDA summary (its `association` matrix)
 * @returns an `<svg>` string, 680 px wide, about as tall
 * @example
 * ```ts
 * import type pl from "nodejs-polars";
 * import { edaSummary } from "../../eda/eda_summary.ts";
 * import { associationHeatmap } from "./association_heatmap.ts";
 * declare const frame: pl.DataFrame;
 * const svg = associationHeatmap(edaSummary(frame));
 * ```
 */
export function associationHeatmap(summary: EdaSummary): string {
  const m = summary.association;
  const k = m.columns.length;
  const rowLabel = (i: number) => `${i + 1}. ${m.labels[i]}`;
  const rows = m.labels.map((_, i) => rowLabel(i));
  const lines = rows.flatMap((r) => wrapText(r, WRAP));
  const marginLeft = Math.max(...lines.map((l) => textWidth(l))) + 12;
  const cell = Math.floor((CHART_WIDTH - marginLeft - 10) / Math.max(1, k));
  const cells = m.values.flatMap((row, i) =>
    row.map((v, j) => {
      const value = typeof v === "number" && Number.isFinite(v) ? v : NaN;
      return {
        row: rows[i]!,
        column: String(j + 1),
        value,
        fill: Number.isNaN(value) ? MISSING : interpolateColors(STRENGTH_RAMP, value),
        ink: value > 0.55 ? "white" : "#1a1a1a",
        text: Number.isNaN(value) ? TEXT.association.missing : i === j ? "" : ruNumber(value, 2),
      };
    })
  );
  return renderChart(
    {
      title: TEXT.association.title,
      subtitle: TEXT.association.subtitle,
      ramp: {
        label: TEXT.association.ramp,
        low: TEXT.association.low,
        high: TEXT.association.high,
        colors: STRENGTH_RAMP,
      },
    },
    [{
      options: {
        width: CHART_WIDTH,
        height: cell * k + 30,
        marginLeft,
        marginRight: 10,
        marginTop: 24,
        marginBottom: 6,
        x: { domain: m.columns.map((_, j) => String(j + 1)), axis: "top", label: null, tickSize: 0, padding: 0.04 },
        y: {
          domain: rows,
          label: null,
          tickSize: 0,
          padding: 0.04,
          tickFormat: (r: string) => wrapText(r, WRAP).join("\n"),
        },
        color: { type: "identity" },
        marks: [
          Plot.cell(cells, { x: "column", y: "row", fill: "fill" }),
          Plot.text(cells, { x: "column", y: "row", text: "text", fill: "ink", fontSize: SMALL_SIZE - 1 }),
        ],
      },
    }],
  );
}
