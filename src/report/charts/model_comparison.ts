/**
 * The model families side by side on ROC-AUC: the search's CV mean ± SD, the
 * repeated-CV 95 % interval and the hold-out score of each family's best
 * candidate; the selected family starred.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { ruNumber } from "../../text/ru_format.ts";
import { renderChart } from "./render.ts";
import { familyLabel, TEXT } from "./texts.ts";
import { ACCENT, CHART_WIDTH, INK, LIGHT, SMALL_SIZE, textWidth, tick } from "./theme.ts";
import type { ModelMetrics } from "./types.ts";

const ROW = 46;

/**
 * Per family: CV AUC ± SD, hold-out AUC and repeated-CV interval.
 *
 * @param metrics parsed metrics.json
 * @returns an `<svg>` string, 680 px wide
 * @example
 * ```ts
 * const svg = modelComparisonChart(JSON.parse(await Deno.readTextFile("out/metrics.json")));
 * ```
 */
export function modelComparisonChart(metrics: ModelMetrics): string {
  const best = metrics.best.family;
  const rows = [...metrics.families]
    .sort((a, b) => b.cvAuc - a.cvAuc || (a.family < b.family ? -1 : 1))
    .map((f) => ({
      name: familyLabel(f.family) + (f.family === best ? " ★" : ""),
      cv: f.cvAuc,
      lo: f.cvAuc - f.cvAucStd,
      hi: f.cvAuc + f.cvAucStd,
      test: f.testAuc,
      r1: f.repeatedCv.interval[0] ?? f.repeatedCv.mean,
      r2: f.repeatedCv.interval[1] ?? f.repeatedCv.mean,
      values: `${ruNumber(f.cvAuc, 3)} ± ${ruNumber(f.cvAucStd, 3)} · ${ruNumber(f.testAuc, 3)}`,
    }));
  const all = rows.flatMap((r) => [r.lo, r.hi, r.test, r.r1, r.r2]).filter(Number.isFinite);
  const lo = Math.max(0, Math.floor((Math.min(...all) - 0.01) * 50) / 50);
  const hi = Math.min(1, Math.ceil((Math.max(...all) + 0.01) * 50) / 50);
  const marginLeft = Math.max(...rows.map((r) => textWidth(r.name))) + 14;
  return renderChart(
    {
      title: TEXT.modelComparison.title,
      subtitle: TEXT.modelComparison.subtitle(familyLabel(best)),
      legend: [
        { label: TEXT.modelComparison.repeated(metrics.config.cv), color: LIGHT, shape: "band" },
        { label: TEXT.modelComparison.cv, color: INK, shape: "dot" },
        { label: TEXT.modelComparison.holdout, color: ACCENT, shape: "diamond" },
      ],
    },
    [{
      options: {
        width: CHART_WIDTH,
        height: 50 + rows.length * ROW,
        marginLeft,
        marginRight: 130,
        marginBottom: 40,
        x: {
          domain: [lo, hi],
          grid: true,
          tickFormat: tick,
          label: TEXT.modelComparison.x,
          labelArrow: "none",
          labelAnchor: "center",
        },
        y: { domain: rows.map((r) => r.name), label: null, tickSize: 0 },
        marks: [
          Plot.ruleY(rows, { y: "name", x1: "r1", x2: "r2", stroke: LIGHT, strokeWidth: 14 }),
          Plot.ruleY(rows, { y: "name", x1: "lo", x2: "hi", stroke: INK, strokeWidth: 1.5, dy: -3 }),
          Plot.dot(rows, { y: "name", x: "cv", fill: INK, r: 4, dy: -3 }),
          Plot.dot(rows, { y: "name", x: "test", fill: ACCENT, symbol: "diamond", r: 5, dy: 5 }),
          Plot.text(rows, {
            y: "name",
            text: "values",
            frameAnchor: "right",
            textAnchor: "start",
            dx: 10,
            fontSize: SMALL_SIZE,
          }),
        ],
      },
    }],
  );
}
