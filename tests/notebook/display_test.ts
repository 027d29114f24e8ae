/** The notebooks' frame display: shape, column types, truncation marker, rounding, escaping. */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { displayFrame, escapeHtml, frameBundle, frameShape } from "../../src/notebook/display.ts";

Deno.test("the shape reads as Russian counts: 1297 строк × 21 столбец", () => {
  assert.equal(frameShape(1297, 21), "1297\u00A0строк × 21\u00A0столбец");
  assert.equal(frameShape(1, 3), "1\u00A0строка × 3\u00A0столбца");
  const b = frameBundle(pl.DataFrame({ a: [1, 2, 3], b: ["x", "y", "z"] }));
  assert.match(b["text/plain"], /^3\u00A0строки × 2\u00A0столбца/);
  assert.match(b["text/html"], /<caption[^>]*>3\u00A0строки × 2\u00A0столбца<\/caption>/);
});

Deno.test("only the first rows show, followed by a visible «… ещё N строк» marker; none when all fit", () => {
  const frame = pl.DataFrame({ id: Array.from({ length: 25 }, (_, i) => i) });
  const b = frameBundle(frame, { rows: 4 });
  assert.equal((b["text/html"].match(/<tr>/g) ?? []).length, 1 + 4, "header and four rows");
  assert.match(b["text/html"], /<tr class="more"><td colspan="1">… ещё 21\u00A0строка<\/td><\/tr>/);
  assert.ok(b["text/plain"].endsWith("… ещё 21\u00A0строка"));
  assert.ok(!b["text/plain"].includes("\n4\n"), "the fifth row (id 4) is not shown");
  const all = frameBundle(frame, { rows: 25 });
  assert.ok(!all["text/html"].includes("ещё"), "no marker when every row shows");
});

Deno.test("floats are rounded the Russian way; integers stay whole; nulls are a dash", () => {
  const frame = pl.DataFrame({ f: [0.123456, 5234.5, null], n: [1, 2, 3] }, { schema: { f: pl.Float64, n: pl.Int64 } });
  const plain = frameBundle(frame)["text/plain"].split("\n");
  assert.equal(plain[1], "f (Float64) | n (Int64)", "column types under the shape");
  assert.deepEqual(plain.slice(2), ["0,123 | 1", "5235 | 2", "— | 3"]);
  const fixed = frameBundle(frame, { digits: 1 })["text/plain"].split("\n");
  assert.deepEqual(fixed.slice(2), ["0,1 | 1", "5234,5 | 2", "— | 3"], "a fixed number of decimals when asked");
  assert.match(frameBundle(frame)["text/html"], /<th title="f">f<br><small>Float64<\/small><\/th>/);
});

Deno.test("every header, value and caption is HTML-escaped; labels replace names", () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), "&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;");
  const frame = pl.DataFrame({ "<b>": ["<script>alert(1)</script>"], k: ["a&b"] });
  const html = frameBundle(frame, { labels: { k: "Кат<ег>ория" }, caption: "x<y" })["text/html"];
  assert.ok(!html.includes("<script>") && !html.includes("<b>"), html);
  assert.ok(html.includes("&#60;script&#62;alert(1)&#60;/script&#62;"));
  assert.ok(html.includes("Кат&#60;ег&#62;ория") && html.includes("a&#38;b") && html.includes("x&#60;y · "));
});

Deno.test("displayFrame gives the kernel the same bundle through Symbol.for('Jupyter.display')", () => {
  const frame = pl.DataFrame({ a: [1.5, 2.25] });
  const shown = displayFrame(frame, { rows: 1 }) as unknown as Record<symbol, () => unknown>;
  assert.deepEqual(shown[Symbol.for("Jupyter.display")]!(), frameBundle(frame, { rows: 1 }));
});

Deno.test("a frame of the first rows of a larger table shows the table's shape and the rows left", () => {
  const frame = pl.DataFrame({ a: [1, 2, 3], b: ["x", "y", "z"] });
  const whole = frameBundle(pl.DataFrame({ a: [1, 2, 3, 4, 5, 6, 7], b: ["x", "y", "z", "u", "v", "w", "q"] }), {
    rows: 3,
  });
  const head = frameBundle(frame, { rows: 3, total: 7 });
  assert.equal(head["text/plain"], whole["text/plain"]);
  assert.equal(head["text/html"], whole["text/html"]);
});
