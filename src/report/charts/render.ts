/**
 * Assembles a chart: one or more Observable Plot panels rendered server-side
 * into a single self-contained `<svg>` with the title, subtitle, legend and
 * note drawn inside it (no HTML wrapper, so the string works inline in HTML,
 * as an .svg file, and in print). Coordinates are rounded to 0.01 px, which
 * keeps files small and output identical run to run.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { type ChartDocument, chartDocument, type ChartNode, svgElement } from "./dom.ts";
import { CHART_WIDTH, FONT_FAMILY, FONT_SIZE, MUTED, SMALL_SIZE, textWidth, TITLE_SIZE, wrapText } from "./theme.ts";

/** One entry of a legend. */
export interface LegendItem {
  label: string;
  color: string;
  /** How the swatch looks; a filled square by default. */
  shape?: "square" | "dot" | "line" | "dash" | "diamond" | "band";
}

/** A continuous colour legend: a few steps of `colors` between two captions. */
export interface RampLegend {
  label: string;
  low: string;
  high: string;
  colors: readonly string[];
}

/** Texts around the panels. */
export interface ChartHeader {
  title: string;
  subtitle?: string;
  legend?: readonly LegendItem[];
  ramp?: RampLegend;
  /** Small print under the panels (method notes, sampling). */
  note?: string;
}

/** A Plot panel placed in the chart body; `options.width` and `options.height` give its size. */
export interface Panel {
  options: Plot.PlotOptions & { width: number; height: number };
  /** Offset within the body, px. */
  x?: number;
  y?: number;
  /** A bold caption above the panel (small multiples), wrapped to the panel's width. */
  title?: string;
  /** Lines reserved for the caption (default: as many as it wraps to), so panels in a row align. */
  titleLines?: number;
}

const LINE = 1.3;
/** Left inset of the header and the note, px. */
const PAD = 4;
/** Panel captions: font size and line height, px. */
const CAPTION_SIZE = 11.5, CAPTION_LINE = 14;
const ROUNDED = ["x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height", "d", "transform", "points"];

/**
 * Renders `panels` under `header` into one SVG string.
 *
 * @example
 * ```ts
 * const svg = renderChart({ title: "Заголовок" }, [{ options: { width: 680, height: 300, marks: [] } }]);
 * svg.startsWith("<svg"); // true
 * ```
 */
export function renderChart(header: ChartHeader, panels: readonly Panel[], width = CHART_WIDTH): string {
  const doc = chartDocument();
  const root = svgElement(doc, "svg", {
    xmlns: "http://www.w3.org/2000/svg",
    role: "img",
    "aria-label": header.title,
    width,
    "font-family": FONT_FAMILY,
    "font-size": FONT_SIZE,
    fill: "currentColor",
    "text-anchor": "middle",
    class: "oneclick-chart",
  });
  root.appendChild(svgElement(doc, "title", {}, header.title));
  root.appendChild(
    svgElement(
      doc,
      "style",
      {},
      ".oneclick-chart{display:block;height:auto;max-width:100%;background:#fff;color:#1a1a1a}" +
        ".oneclick-chart text{white-space:pre}",
    ),
  );
  root.appendChild(svgElement(doc, "rect", { width: "100%", height: "100%", fill: "#fff" }));

  let y = 6;
  const text = (s: string, at: number, attrs: Record<string, string | number>) =>
    root.appendChild(svgElement(doc, "text", { x: PAD, y: at, "text-anchor": "start", ...attrs }, s));
  for (const line of wrapText(header.title, Math.floor((width - 2 * PAD) / (TITLE_SIZE * 0.62)))) {
    y += TITLE_SIZE * LINE;
    text(line, y - TITLE_SIZE * 0.3, { "font-size": TITLE_SIZE, "font-weight": "bold" });
  }
  if (header.subtitle) {
    for (const line of wrapText(header.subtitle, Math.floor((width - 2 * PAD) / (FONT_SIZE * 0.62)))) {
      y += FONT_SIZE * LINE;
      text(line, y - FONT_SIZE * 0.3, { fill: MUTED });
    }
  }
  if (header.legend?.length) y = drawLegend(doc, root, header.legend, y + 6, width);
  if (header.ramp) y = drawRamp(doc, root, header.ramp, y + 6);
  y += 8;

  let bottom = y;
  for (const panel of panels) {
    const top = y + (panel.y ?? 0);
    const x = panel.x ?? 0;
    const caption = panel.title ? panelCaption(panel.title, panel.options.width) : [];
    caption.forEach((line, k) =>
      root.appendChild(svgElement(doc, "text", {
        x: x + 4,
        y: top + CAPTION_SIZE + k * CAPTION_LINE,
        "text-anchor": "start",
        "font-weight": "bold",
        "font-size": CAPTION_SIZE,
      }, line))
    );
    const lines = panel.titleLines ?? caption.length;
    const plotTop = top + (lines ? lines * CAPTION_LINE + 4 : 0);
    const g = svgElement(doc, "g", { transform: `translate(${x},${plotTop})` });
    const svg = Plot.plot({ ...panel.options, document: doc }) as unknown as ChartNode;
    if (svg.tagName.toLowerCase() !== "svg") throw new Error(`A panel must render to <svg>, got <${svg.tagName}>`);
    // Plot's own <style> only repeats what the chart's style says.
    for (const child of Array.from(svg.childNodes)) if (child.tagName?.toLowerCase() !== "style") g.appendChild(child);
    root.appendChild(g);
    bottom = Math.max(bottom, plotTop + panel.options.height);
  }

  if (header.note) {
    bottom += 4;
    for (const line of wrapText(header.note, Math.floor((width - 2 * PAD) / (SMALL_SIZE * 0.6)))) {
      bottom += SMALL_SIZE * LINE;
      text(line, bottom - SMALL_SIZE * 0.3, { fill: MUTED, "font-size": SMALL_SIZE });
    }
  }
  const height = Math.ceil(bottom + 6);
  root.setAttribute("height", String(height));
  root.setAttribute("viewBox", `0 0 ${width} ${height}`);
  roundCoordinates(root);
  return root.outerHTML;
}

/**
 * Width of a bold caption glyph, em. Measured in print (Chromium, DejaVu Sans
 * Bold, the fallback of the chart's font stack): Russian captions run 0.61–0.70
 * em a glyph and lowercase Cyrillic alone 0.74; at 0.64 «Выручка,
 * препредыдущий месяц» (224 px) overran its 212 px panel into the next caption.
 */
const CAPTION_GLYPH_EM = 0.74;

/**
 * The lines of a panel caption of `width` px.
 *
 * @example
 * ```ts
 * panelCaption("Выручка, препредыдущий месяц", 220); // ["Выручка, препредыдущий", "месяц"]
 * ```
 */
export function panelCaption(title: string, width: number): string[] {
  return wrapText(title, Math.floor((width - 8) / (CAPTION_SIZE * CAPTION_GLYPH_EM)));
}

function drawLegend(doc: ChartDocument, root: ChartNode, items: readonly LegendItem[], top: number, width: number) {
  const row = FONT_SIZE * 1.7;
  let x = PAD, y = top;
  for (const item of items) {
    const swatch = item.shape === "line" || item.shape === "dash" || item.shape === "band" ? 20 : 12;
    const w = swatch + 6 + textWidth(item.label) + 18;
    if (x > PAD && x + w > width) x = PAD, y += row;
    const cy = y + row / 2;
    const g = svgElement(doc, "g", { transform: `translate(${x},${cy})` });
    g.appendChild(swatchOf(doc, item, swatch));
    g.appendChild(svgElement(doc, "text", { x: swatch + 6, y: 0, dy: "0.35em", "text-anchor": "start" }, item.label));
    root.appendChild(g);
    x += w;
  }
  return y + row;
}

function swatchOf(doc: ChartDocument, item: LegendItem, size: number): ChartNode {
  const c = item.color;
  switch (item.shape) {
    case "dot":
      return svgElement(doc, "circle", { cx: 6, cy: 0, r: 5, fill: c });
    case "line":
      return svgElement(doc, "line", { x1: 0, x2: size, y1: 0, y2: 0, stroke: c, "stroke-width": 2.5 });
    case "dash":
      return svgElement(doc, "line", {
        x1: 0,
        x2: size,
        y1: 0,
        y2: 0,
        stroke: c,
        "stroke-width": 1.5,
        "stroke-dasharray": "4,3",
      });
    case "diamond":
      return svgElement(doc, "path", { d: "M6,-6L12,0L6,6L0,0Z", fill: c });
    case "band":
      return svgElement(doc, "rect", { x: 0, y: -5, width: size, height: 10, fill: c });
    default:
      return svgElement(doc, "rect", { x: 0, y: -6, width: size, height: 12, fill: c });
  }
}

function drawRamp(doc: ChartDocument, root: ChartNode, ramp: RampLegend, top: number) {
  const steps = 12, stepWidth = 14, cy = top + FONT_SIZE;
  let x = PAD;
  const g = svgElement(doc, "g", { "text-anchor": "start" });
  g.appendChild(svgElement(doc, "text", { x, y: cy, dy: "0.35em" }, ramp.label));
  x += textWidth(ramp.label) + 10;
  g.appendChild(svgElement(doc, "text", { x, y: cy, dy: "0.35em", fill: MUTED }, ramp.low));
  x += textWidth(ramp.low) + 6;
  for (let k = 0; k < steps; k++) {
    g.appendChild(svgElement(doc, "rect", {
      x: x + k * stepWidth,
      y: cy - 6,
      width: stepWidth,
      height: 12,
      fill: interpolateColors(ramp.colors, k / (steps - 1)),
    }));
  }
  x += steps * stepWidth + 6;
  g.appendChild(svgElement(doc, "text", { x, y: cy, dy: "0.35em", fill: MUTED }, ramp.high));
  root.appendChild(g);
  return top + FONT_SIZE * 2;
}

/**
 * The colour at `t` ∈ [0, 1] along evenly spaced hex `colors`, mixed in RGB.
 *
 * @example
 * ```ts
 * interpolateColors(["#000000", "#ffffff"], 0.5); // "#808080"
 * ```
 */
export function interpolateColors(colors: readonly string[], t: number): string {
  const k = colors.length - 1;
  const at = Math.max(0, Math.min(1, t)) * k;
  const i = Math.min(Math.floor(at), k - 1), f = at - i;
  const rgb = (hex: string) => [1, 3, 5].map((p) => parseInt(hex.slice(p, p + 2), 16));
  const a = rgb(colors[i]!), b = rgb(colors[i + 1] ?? colors[i]!);
  return "#" + a.map((v, j) => Math.round(v + f * (b[j]! - v)).toString(16).padStart(2, "0")).join("");
}

/** Rounds every number in geometry attributes to 0.01 px. */
function roundCoordinates(root: ChartNode): void {
  for (const node of Array.from(root.querySelectorAll("*"))) {
    for (const name of ROUNDED) {
      const v = node.getAttribute(name);
      if (v === null || !/\d\.\d{3}|e-/.test(v)) continue;
      node.setAttribute(
        name,
        v.replace(/-?\d*\.?\d+(?:e[-+]?\d+)?/g, (m) => String(Math.round(Number(m) * 100) / 100)),
      );
    }
  }
}
