/**
 * The look shared by every chart: a fixed width that prints at A4 text width,
 * legible fonts, and one colour per target class used everywhere.
 *
 * @module
 */
import { LABEL_DROPPED, LABEL_SAME } from "../../data/schema.ts";
import { ruShort } from "../../text/ru_format.ts";

/** Chart width in px: 680 px ≈ 180 mm at 96 dpi, the text width of an A4 page with 15 mm margins. */
export const CHART_WIDTH = 680;
/** Base font size in px (ticks, labels). */
export const FONT_SIZE = 12;
/** Title font size in px. */
export const TITLE_SIZE = 15;
/** Small print (notes, cell values) in px. */
export const SMALL_SIZE = 10.5;
export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
/** Grey for secondary text. */
export const MUTED = "#555555";
/** Neutral ink for marks that are not about a class. */
export const INK = "#3d4a5c";
/** Light neutral for backgrounds of marks (intervals, bands). */
export const LIGHT = "#c9d3df";
/** Accent for a second neutral series (e.g. the hold-out score). */
export const ACCENT = "#7b3fa0";

/** «Снизилась» red, «Прежний уровень» blue: distinct for colour-blind readers and in greyscale. */
export const CLASS_COLORS = { dropped: "#d1495b", same: "#2e86ab" } as const;

/** The classes in legend order with their labels and colours. */
export const CLASS_LEGEND = [
  { label: LABEL_DROPPED, color: CLASS_COLORS.dropped },
  { label: LABEL_SAME, color: CLASS_COLORS.same },
] as const;

/** A Plot colour scale mapping the class labels to their colours. */
export const CLASS_COLOR_SCALE = {
  domain: [LABEL_DROPPED, LABEL_SAME],
  range: [CLASS_COLORS.dropped, CLASS_COLORS.same],
};

/** Low → high colours for a feature's value (SHAP beeswarm): purple, teal, amber — none of the class colours. */
export const VALUE_RAMP = ["#3f2a8c", "#2a9d8f", "#e9a400"] as const;

/** Sequential colours for association strength 0 → 1. */
export const STRENGTH_RAMP = ["#f7f7fb", "#9e9ac8", "#3f007d"] as const;

/**
 * Width estimate of a text in px. Cyrillic glyphs in sans-serif fonts average
 * ≈ 0.58 em; 0.62 em leaves room for wider fonts, so margins computed from it
 * do not clip labels.
 *
 * @example
 * ```ts
 * textWidth("Страниц за визит"); // ≈ 119
 * ```
 */
export function textWidth(text: string, fontSize = FONT_SIZE): number {
  return Math.ceil(text.length * fontSize * 0.62);
}

/**
 * Splits `text` into lines of at most `maxChars` characters at spaces (a
 * longer word stays whole).
 *
 * @example
 * ```ts
 * wrapText("Минут на сайте, предыдущий месяц", 20); // ["Минут на сайте,", "предыдущий месяц"]
 * ```
 */
export function wrapText(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) lines.push(line), line = word;
    else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * An axis tick in Russian notation. Plot calls `tickFormat(value, index)`, so
 * formatters with a second parameter must not be passed to it directly.
 *
 * @example
 * ```ts
 * tick(0.25); // "0,25"
 * ```
 */
export const tick = (d: number): string => ruShort(d);
