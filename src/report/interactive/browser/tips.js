/**
 * Tips for the charts: a mark drawn with a `title` (Observable Plot's title
 * channel, one `<title>` per dot or bar) shows its text in a box next to the
 * pointer, at once and on touch screens too, instead of the browser's slow
 * native tooltip. The chart's own title (the `<svg>`'s) is never a tip.
 *
 * @module
 */

/**
 * The text of the nearest element under `target` that has its own `<title>` (not the chart's).
 * @param {Element | null} target
 * @param {Element} root the chart's `<svg>`
 * @returns {string | null}
 */
function tipText(target, root) {
  for (let e = target; e && e !== root; e = e.parentElement) {
    const t = Array.from(e.children).find((c) => c.tagName.toLowerCase() === "title");
    // Plot indents a title's later lines; the box shows them flush.
    if (t) return (t.textContent ?? "").split("\n").map((line) => line.trim()).join("\n");
  }
  return null;
}

/** Attaches the tips to every chart of the page. */
export function setUpTips() {
  const tip = document.createElement("div");
  tip.className = "chart-tip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  document.body.append(tip);
  for (const svg of document.querySelectorAll("figure.chart svg")) {
    svg.addEventListener("pointermove", (ev) => {
      const e = /** @type {PointerEvent} */ (ev);
      const text = tipText(/** @type {Element} */ (e.target), svg);
      if (text === null) {
        tip.hidden = true;
        return;
      }
      tip.textContent = text;
      tip.hidden = false;
      // Beside the pointer, kept inside the window.
      const w = tip.offsetWidth, h = tip.offsetHeight;
      const x = Math.min(e.clientX + 14, globalThis.innerWidth - w - 4);
      const y = e.clientY + 16 + h > globalThis.innerHeight ? e.clientY - h - 10 : e.clientY + 16;
      tip.style.left = `${Math.max(4, x) + globalThis.scrollX}px`;
      tip.style.top = `${Math.max(4, y) + globalThis.scrollY}px`;
    });
    svg.addEventListener("pointerleave", () => tip.hidden = true);
  }
}
