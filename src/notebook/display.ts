/**
 * How a notebook shows a polars frame: its shape, its column types, the first
 * rows with a visible «… ещё N строк» marker, floats rounded the Russian way
 * and every value HTML-escaped.
 *
 * {@linkcode frameBundle} is pure (testable); {@linkcode displayFrame} wraps it
 * in an object the Deno kernel displays when a cell ends with it, so this
 * module never calls `Deno.jupyter` itself.
 *
 * @module
 */
import type pl from "nodejs-polars";
import { NO_VALUE, ruAuto, ruCount, ruNumber } from "../text/ru_format.ts";

/** How {@linkcode frameBundle} lays a frame out. */
export interface FrameDisplayOptions {
  /** Rows shown before the truncation marker (default 10). */
  rows?: number;
  /** Decimals of every float (default: about three significant digits each, {@linkcode ruAuto}). */
  digits?: number;
  /** Column headers to show instead of the names (e.g. Russian labels). */
  labels?: Readonly<Record<string, string>>;
  /** A caption above the table. */
  caption?: string;
  /**
   * Rows of the whole table when `frame` holds only its first rows (a million offers are not made into a frame to
   * show fifteen): the shape and the "… more rows" line count them.
   */
  total?: number;
}

/** The MIME bundle a Jupyter kernel displays. */
export interface MimeBundle {
  "text/html": string;
  "text/plain": string;
}

const ROWS: readonly ["строка", "строки", "строк"] = ["строка", "строки", "строк"];
const COLUMNS: readonly ["столбец", "столбца", "столбцов"] = ["столбец", "столбца", "столбцов"];

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** «1297 строк × 21 столбец». */
export function frameShape(height: number, width: number): string {
  return `${ruCount(height, ROWS)} × ${ruCount(width, COLUMNS)}`;
}

/** One cell's text: floats rounded, null as «—», objects as JSON. */
function cellText(value: unknown, float: boolean, digits: number | undefined): string {
  if (value === null || value === undefined) return NO_VALUE;
  if (typeof value === "number") {
    if (!float && Number.isInteger(value)) return String(value);
    // A fixed number of decimals keeps a column aligned; by default about three significant digits.
    return digits === undefined ? ruAuto(value) : ruNumber(value, digits);
  }
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/**
 * A frame's Jupyter display: an HTML table and its plain-text twin.
 *
 * @param frame the frame
 * @param options rows shown, float digits, column labels, caption
 * @returns `{ "text/html", "text/plain" }`
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { frameBundle } from "./display.ts";
 * frameBundle(pl.DataFrame({ a: [1.23456] }))["text/plain"]; // "1 строка × 1 столбец …"
 * ```
 */
export function frameBundle(frame: pl.DataFrame, options: FrameDisplayOptions = {}): MimeBundle {
  const limit = Math.max(0, Math.floor(options.rows ?? 10));
  const names = frame.columns;
  // polars prints types as "DataType(Float64)": the reader wants "Float64".
  const types = frame.dtypes.map((t) => String(t).replace(/^DataType\((.*)\)$/, "$1"));
  const floats = types.map((t) => /^Float/.test(t));
  const head = frame.head(limit).toRecords() as Record<string, unknown>[];
  const height = Math.max(frame.height, options.total ?? 0);
  const rest = height - head.length;
  const shape = frameShape(height, frame.width);
  const header = names.map((n) => options.labels?.[n] ?? n);
  const rows = head.map((r) => names.map((n, j) => cellText(r[n], floats[j] ?? false, options.digits)));
  const more = rest > 0 ? `… ещё ${ruCount(rest, ROWS)}` : "";

  const th = header.map((h, j) =>
    `<th title="${escapeHtml(names[j] ?? "")}">${escapeHtml(h)}<br><small>${escapeHtml(types[j] ?? "")}</small></th>`
  );
  const tr = rows.map((r) =>
    `<tr>${
      r.map((v, j) => `<td${floats[j] || types[j]?.startsWith("Int") ? ' class="num"' : ""}>${escapeHtml(v)}</td>`)
        .join("")
    }</tr>`
  );
  if (more) tr.push(`<tr class="more"><td colspan="${Math.max(1, names.length)}">${escapeHtml(more)}</td></tr>`);
  const caption = options.caption ? `${escapeHtml(options.caption)} · ` : "";
  const html = [
    `<table class="oneclick-frame">`,
    `<caption style="text-align:left">${caption}${escapeHtml(shape)}</caption>`,
    `<thead><tr>${th.join("")}</tr></thead>`,
    `<tbody>${tr.join("")}</tbody>`,
    `</table>`,
  ].join("");

  const plain = [
    `${options.caption ? `${options.caption} · ` : ""}${shape}`,
    header.map((h, j) => `${h} (${types[j]})`).join(" | "),
    ...rows.map((r) => r.join(" | ")),
    ...(more ? [more] : []),
  ].join("\n");
  return { "text/html": html, "text/plain": plain };
}

/** What the Deno kernel displays when a cell's last expression has this method. */
const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");

/** A value the Deno kernel shows as its MIME bundle. */
export interface Displayable {
  [JUPYTER_DISPLAY](): MimeBundle;
}

/**
 * A frame to end a notebook cell with: the kernel shows {@linkcode frameBundle}.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * import { displayFrame } from "./display.ts";
 * displayFrame(pl.DataFrame({ a: [1, 2] }), { rows: 1 });
 * ```
 */
export function displayFrame(frame: pl.DataFrame, options: FrameDisplayOptions = {}): Displayable {
  return { [JUPYTER_DISPLAY]: () => frameBundle(frame, options) };
}
