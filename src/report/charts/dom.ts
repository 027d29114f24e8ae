/**
 * A DOM for rendering charts without a browser: linkedom's document, seen
 * through the few members the charts use (Deno has no DOM types).
 *
 * @module
 */
import { parseHTML } from "linkedom";

/** The SVG namespace. */
export const SVG_NS = "http://www.w3.org/2000/svg";

/** The members of an element the charts use. */
export interface ChartNode {
  readonly tagName: string;
  readonly childNodes: ArrayLike<ChartNode>;
  readonly outerHTML: string;
  textContent: string | null;
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string | null;
  appendChild(child: ChartNode): ChartNode;
  querySelectorAll(selector: string): ArrayLike<ChartNode>;
}

/** The members of a document the charts use. */
export interface ChartDocument {
  createElementNS(namespace: string, name: string): ChartNode;
}

/**
 * A fresh, empty document: every chart gets its own, so no state carries over.
 *
 * @example
 * ```ts
 * const doc = chartDocument();
 * doc.createElementNS(SVG_NS, "svg").outerHTML; // "<svg></svg>"
 * ```
 */
export function chartDocument(): ChartDocument {
  const window = parseHTML("<!doctype html><html><head></head><body></body></html>") as unknown as {
    document: ChartDocument;
  };
  return window.document;
}

/**
 * Creates an SVG element with attributes (and text, escaped by the serialiser).
 *
 * @example
 * ```ts
 * import { chartDocument, svgElement } from "./dom.ts";
 * const doc = chartDocument();
 * svgElement(doc, "text", { x: 0, y: 12 }, "<b>").outerHTML; // '<text x="0" y="12">&lt;b&gt;</text>'
 * ```
 */
export function svgElement(
  doc: ChartDocument,
  name: string,
  attributes: Record<string, string | number>,
  text?: string,
): ChartNode {
  const node = doc.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}
