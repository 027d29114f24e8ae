/**
 * The interactive report's entry: reads the embedded data (one JSON script
 * element, never evaluated as code) and sets up the customer table, the
 * explorer and the chart tips. Without it the page is the printable report.
 *
 * @module
 */
import { setUpExplorer } from "./explorer.js";
import { setUpTable } from "./table.js";
import { setUpTips } from "./tips.js";

/** Starts everything once the document is parsed. */
export function main() {
  const source = document.getElementById("report-data");
  if (!source) return;
  const data = JSON.parse(source.textContent ?? "null");
  document.documentElement.classList.add("interactive-on");
  setUpTable(data);
  setUpExplorer(data);
  setUpTips();
}
