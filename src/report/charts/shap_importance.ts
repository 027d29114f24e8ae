/**
 * Global feature importance: mean |φ| per feature over all customers, as
 * horizontal bars, most important on top.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { ruNumber } from "../../text/ru_format.ts";
import { renderChart } from "./render.ts";
import { TEXT } from "./texts.ts";
import { CHART_WIDTH, INK, SMALL_SIZE, textWidth, tick } from "./theme.ts";
import type { ExplanationsArtifact } from "./types.ts";

const ROW = 24;

/** What φ is in, in words (probability unless the artifact says otherwise). */
export const outputText = (e: { output?: string }): string =>
  TEXT.output[e.output ?? "probability"] ?? TEXT.output.probability!;

/**
 * Mean |SHAP| per feature.
 *
 * @param explanations parsed explanations.json (its `importance`)
 * @returns an `<svg>` string, 680 px wide
 * @example
 * ```ts
 * const svg = shapImportanceChart(JSON.parse(await Deno.readTextFile("out/explanations.json")));
 * ```
 */
export function shapImportanceChart(explanations: Pick<ExplanationsArtifact, "importance" | "output">): string {
  const rows = [...explanations.importance]
    .sort((a, b) => b.meanAbs - a.meanAbs || (a.feature < b.feature ? -1 : 1))
    .map((r) => ({ ...r, text: ruNumber(r.meanAbs, 3) }));
  const output = outputText(explanations);
  const marginLeft = Math.max(60, ...rows.map((r) => textWidth(r.label))) + 12;
  return renderChart(
    { title: TEXT.shapImportance.title, subtitle: TEXT.shapImportance.subtitle(output) },
    [{
      options: {
        width: CHART_WIDTH,
        height: 50 + rows.length * ROW,
        marginLeft,
        marginRight: 50,
        marginBottom: 40,
        x: {
          grid: true,
          nice: true,
          tickFormat: tick,
          label: TEXT.shapImportance.x(output),
          labelArrow: "none",
          labelAnchor: "center",
        },
        y: { domain: rows.map((r) => r.label), label: null, tickSize: 0, padding: 0.25 },
        marks: [
          Plot.barX(rows, {
            y: "label",
            x: "meanAbs",
            fill: INK,
            title: (r: { label: string; text: string }) => `${r.label}: ${r.text}`,
          }),
          Plot.text(rows, { y: "label", x: "meanAbs", text: "text", dx: 4, textAnchor: "start", fontSize: SMALL_SIZE }),
          Plot.ruleX([0]),
        ],
      },
    }],
  );
}
