import assert from "node:assert/strict";
import * as Plot from "@observablehq/plot";
import { interpolateColors, panelCaption, renderChart } from "../../src/report/charts/render.ts";
import { textWidth, wrapText } from "../../src/report/charts/theme.ts";

Deno.test("renderChart: title, subtitle, legend and note inside one svg, height fits the panels", () => {
  const svg = renderChart(
    { title: "Заголовок", subtitle: "Подзаголовок", legend: [{ label: "Ряд", color: "#123456" }], note: "Примечание" },
    [{ options: { width: 680, height: 200, marks: [Plot.dot([{ x: 1, y: 2 }], { x: "x", y: "y" })] } }],
  );
  assert.match(svg, /^<svg /);
  assert.ok(svg.includes("<title>Заголовок</title>"));
  for (const t of ["Заголовок", "Подзаголовок", "Ряд", "Примечание"]) assert.ok(svg.includes(`>${t}</text>`), t);
  const height = Number(/ height="(\d+)"/.exec(svg)![1]);
  assert.ok(height > 200 && height < 330, String(height));
  // Plot's <style> is dropped from the panel; the chart has one of its own.
  assert.equal((svg.match(/<style>/g) ?? []).length, 1);
});

Deno.test("renderChart refuses a panel Plot would wrap in a <figure>", () => {
  assert.throws(
    () => renderChart({ title: "x" }, [{ options: { width: 100, height: 100, title: "t", marks: [] } }]),
    /A panel must render to <svg>, got <figure>/i,
  );
});

Deno.test("colour interpolation, text wrapping and width estimates", () => {
  assert.equal(interpolateColors(["#000000", "#ffffff"], 0.5), "#808080");
  assert.equal(interpolateColors(["#000000", "#ff0000", "#ffffff"], 1), "#ffffff");
  assert.equal(interpolateColors(["#000000", "#ffffff"], -3), "#000000");
  assert.deepEqual(wrapText("Минут на сайте, предыдущий месяц", 20), ["Минут на сайте,", "предыдущий месяц"]);
  assert.deepEqual(wrapText("", 10), []);
  assert.equal(textWidth("абв", 10), 19);
  assert.deepEqual(panelCaption("Короткая", 200), ["Короткая"]);
  assert.deepEqual(panelCaption("Выручка, препредыдущий месяц", 220), ["Выручка, препредыдущий", "месяц"]);
});
