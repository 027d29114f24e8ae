/**
 * The SHAP beeswarm: one row per feature (most important on top), one dot
 * per customer at its φ, coloured by the feature's value (rank within the
 * feature). All customers would be ~20 000 dots (≈ 1 MB of SVG), so each
 * feature keeps at most `maxPerFeature` customers, chosen without randomness
 * as evenly spaced order statistics of φ (the smallest and the largest
 * included): the φ distribution of the row is preserved. Dots pile up
 * vertically where φ is dense, as in the shap library: φ is binned, and
 * within a bin dots alternate above and below the row's centre line.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { interpolateColors, renderChart } from "./render.ts";
import { outputText } from "./shap_importance.ts";
import { TEXT } from "./texts.ts";
import { CHART_WIDTH, MUTED, textWidth, tick, VALUE_RAMP } from "./theme.ts";
import type { ExplanationsArtifact } from "./types.ts";

/** Defaults: dots kept per feature, φ bins across the axis, row height and dot radius in px, colour steps. */
export const BEESWARM_DEFAULTS = { maxPerFeature: 200, bins: 100, row: 32, radius: 2.2, colors: 16 } as const;

/** A dot of the chart. */
interface Dot {
  row: number;
  phi: number;
  y: number;
  /** Colour step of the value rank. */
  level: number;
  fill: string;
}

/**
 * Beeswarm of φ per feature and customer, colour = value rank.
 *
 * @param explanations parsed explanations.json (`importance` orders the rows, `beeswarm` gives the dots)
 * @param options dots kept per feature (default 200)
 * @returns an `<svg>` string, 680 px wide
 * @example
 * ```ts
 * import { readExplanations } from "../../artifacts/explanations.ts";
 * import { shapBeeswarmChart } from "./shap_beeswarm.ts";
 * const explanations = await readExplanations("out/artifacts");
 * const svg = shapBeeswarmChart(explanations, { maxPerFeature: 300 });
 * ```
 */
export function shapBeeswarmChart(
  explanations: ExplanationsArtifact,
  options: { maxPerFeature?: number } = {},
): string {
  const perFeature = options.maxPerFeature ?? BEESWARM_DEFAULTS.maxPerFeature;
  if (!(Number.isInteger(perFeature) && perFeature >= 2)) {
    throw new Error(`maxPerFeature must be an integer ≥ 2, got "${perFeature}"`);
  }
  const byFeature = new Map<string, { phi: number; valueRank: number; i: number }[]>();
  const labels = new Map<string, string>();
  explanations.beeswarm.forEach((p, i) => {
    if (!Number.isFinite(p.phi)) return;
    const list = byFeature.get(p.feature) ?? [];
    list.push({ phi: p.phi, valueRank: p.valueRank, i });
    byFeature.set(p.feature, list);
    labels.set(p.feature, p.label);
  });
  // Rows: the importance order, then any feature it does not list.
  const order = [
    ...explanations.importance.map((r) => r.feature).filter((f) => byFeature.has(f)),
    ...[...byFeature.keys()].filter((f) => !explanations.importance.some((r) => r.feature === f)).sort(),
  ];
  const sampled = order.map((f) => sample(byFeature.get(f)!, perFeature));
  const all = sampled.flat();
  const lo = Math.min(0, ...all.map((p) => p.phi)), hi = Math.max(0, ...all.map((p) => p.phi));
  const dots = sampled.flatMap((points, row) => layout(points, row, lo, hi));
  const rowLabels = order.map((f) => labels.get(f) ?? f);
  const output = outputText(explanations);
  const marginLeft = Math.max(60, ...rowLabels.map((l) => textWidth(l))) + 12;
  const total = order.reduce((n, f) => n + byFeature.get(f)!.length, 0);
  return renderChart(
    {
      title: TEXT.shapBeeswarm.title,
      subtitle: TEXT.shapBeeswarm.subtitle(output, explanations.beeswarmSample),
      ramp: {
        label: TEXT.shapBeeswarm.ramp,
        low: TEXT.shapBeeswarm.low,
        high: TEXT.shapBeeswarm.high,
        colors: VALUE_RAMP,
      },
      note: TEXT.shapBeeswarm.note(dots.length, total, perFeature),
    },
    [{
      options: {
        width: CHART_WIDTH,
        height: 50 + order.length * BEESWARM_DEFAULTS.row,
        marginLeft,
        marginRight: 20,
        marginBottom: 40,
        x: {
          domain: [lo, hi],
          nice: true,
          grid: true,
          tickFormat: tick,
          label: TEXT.shapBeeswarm.x(output),
          labelArrow: "none",
          labelAnchor: "center",
        },
        y: {
          domain: [order.length - 0.5, -0.5],
          ticks: order.map((_, i) => i),
          tickFormat: (i: number) => rowLabels[i] ?? "",
          tickSize: 0,
          label: null,
        },
        marks: [
          Plot.ruleY(order.slice(1).map((_, i) => i + 0.5), { stroke: "#eeeeee" }),
          Plot.ruleX([0], { stroke: MUTED }),
          // One mark per colour step: the colour is written once on the group, not on every dot.
          ...groupByFill(dots).map(([fill, group]) =>
            Plot.dot(group, { x: "phi", y: "y", fill, r: BEESWARM_DEFAULTS.radius })
          ),
        ],
      },
    }],
  );
}

/** At most `n` points: evenly spaced order statistics of φ, ends included. */
function sample<T extends { phi: number; valueRank: number; i: number }>(points: T[], n: number): T[] {
  const sorted = [...points].sort((a, b) => a.phi - b.phi || a.valueRank - b.valueRank || a.i - b.i);
  if (sorted.length <= n) return sorted;
  return Array.from({ length: n }, (_, k) => sorted[Math.round((k * (sorted.length - 1)) / (n - 1))]!);
}

/** Rows are 1 apart; a bin's dots alternate ±1, ±2, … steps around the row, at most 0.42 of a row away. */
function layout(points: { phi: number; valueRank: number }[], row: number, lo: number, hi: number): Dot[] {
  const { bins, row: rowPx, radius, colors } = BEESWARM_DEFAULTS;
  const span = hi - lo || 1;
  const layers = new Map<number, number>();
  const offsets = points.map((p) => {
    const bin = Math.round((bins * (p.phi - lo)) / span);
    const layer = layers.get(bin) ?? 0;
    layers.set(bin, layer + 1);
    return Math.ceil(layer / 2) * (layer % 2 ? 1 : -1);
  });
  const widest = Math.max(1, ...offsets.map(Math.abs));
  // One step is at most a dot's diameter, and the widest pile stays within the row.
  const step = Math.min((2 * radius) / rowPx, 0.42 / widest);
  return points.map((p, k) => ({
    row,
    phi: p.phi,
    y: row + offsets[k]! * step,
    ...colourStep(p.valueRank, colors),
  }));
}

/** The value rank's colour step (0 … steps − 1) and its colour. */
function colourStep(valueRank: number, steps: number): { level: number; fill: string } {
  const level = Math.round(Math.min(1, Math.max(0, valueRank)) * (steps - 1));
  return { level, fill: interpolateColors(VALUE_RAMP, level / (steps - 1)) };
}

/** Dots grouped by colour step, low values first (high values are drawn on top). */
function groupByFill(dots: Dot[]): [string, Dot[]][] {
  const groups = new Map<number, Dot[]>();
  for (const d of dots) {
    const group = groups.get(d.level);
    if (group) group.push(d);
    else groups.set(d.level, [d]);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, g]) => [g[0]!.fill, g]);
}
