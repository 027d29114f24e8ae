/** The report rendered from a fixture artifact set: sections, numbers, escaping, charts, demo banner. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { prepareSvg, readArtifacts, renderReport } from "../../src/report/render.ts";
import { parseOffersCsv, topActions } from "../../src/report/view_model.ts";
import { writeFixtureArtifacts } from "./render_fixtures_test.ts";

const BUILT = new Date(Date.UTC(2025, 10, 22, 9, 5));
const XSS = "<script>alert(1)</script>";

async function render(options: Parameters<typeof writeFixtureArtifacts>[1] = {}) {
  const dir = await Deno.makeTempDir();
  try {
    await writeFixtureArtifacts(dir, options);
    return await renderReport(dir, { builtAt: BUILT, utcOffsetMinutes: 180 });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("report: every section, Russian numbers, the build time on the title page", async () => {
  const html = await render();
  for (const id of ["title", "summary", "data", "eda", "model", "drivers", "segments", "contacts", "method"]) {
    assert.match(html, new RegExp(`<section[^>]* id="${id}"`), `section ${id}`);
  }
  assert.match(html, /Отчёт сформирован 22\u00A0ноября 2025\u00A0г\., 12:05/);
  assert.match(html, /<span class="kpi-value">40<\/span>/, "customers");
  assert.match(html, /40,0\u00A0%/, "share whose activity dropped: 16 of 40");
  assert.match(html, /0,900/, "repeated-CV AUC with a decimal comma");
  assert.match(html, /\[0,870; 0,930\]/, "interval with a semicolon");
  assert.match(html, /106\u202F862,2/, "thousands grouped with a narrow no-break space");
  assert.match(html, /Логистическая регрессия/);
  assert.match(html, /Напоминать о брошенной корзине/, "the top action by profit at risk");
  assert.match(html, /exact linear SHAP of the log-odds \(fixture\)/, "SHAP method from explanations.json");
  assert.match(html, /чем меньше значение, тем выше риск/, "direction from the beeswarm");
  assert.match(html, /Активность снизилась у 40 % покупателей\./, "EDA conclusion");
  assert.doesNotMatch(html, /<body class="demo">|class="demo-banner"/, "no demo banner on the store's data");
});

Deno.test("report: self-contained — inline CSS and SVG, no script, no external URL", async () => {
  const html = await render();
  assert.match(html, /<style>[\s\S]*@page[\s\S]*<\/style>/);
  assert.doesNotMatch(html, /<script|<link|https?:\/\/|src="/i);
  assert.match(html, /<clipPath id="roc-clip">/, "ids prefixed with the chart's name");
  assert.match(html, /clip-path="url\(#roc-clip\)"/);
  assert.match(html, /<clipPath id="shap_importance-clip">/);
  assert.match(html, /viewBox="0 0 640 320"/, "a viewBox so the chart shrinks to the page");
});

Deno.test("report: a missing chart is a visible note, not a crash", async () => {
  const html = await render({ charts: ["roc"] });
  assert.match(
    html,
    /<p class="missing">График «Вклад признаков для каждого покупателя \(SHAP\)» не показан: нет файла charts\/shap_beeswarm\.svg\.<\/p>/,
  );
});

Deno.test("report: data are escaped — a segment name, an offer cell and a conclusion render as text", async () => {
  const html = await render({ hostile: XSS });
  assert.ok(!html.includes(XSS), "no raw script tag");
  assert.doesNotMatch(html, /<script/i);
  const escaped = html.split("&lt;script&gt;alert(1)&lt;/script&gt;").length - 1;
  assert.ok(escaped >= 3, `escaped in the segment, the offers table and the EDA list (${escaped} times)`);
});

Deno.test("report: demo data put a banner on the page", async () => {
  const html = await render({ demo: true });
  assert.match(html, /<body class="demo">/);
  assert.match(html, /<div class="demo-banner" role="note">ДЕМО-ДАННЫЕ/);
});

Deno.test("report: two renders of the same artifacts differ only in the build-time line", async () => {
  const dir = await Deno.makeTempDir();
  await writeFixtureArtifacts(dir);
  const a = await renderReport(dir, { builtAt: new Date(Date.UTC(2025, 0, 1)) });
  const b = await renderReport(dir, { builtAt: new Date(Date.UTC(2026, 5, 30, 13, 45)) });
  const strip = (h: string) => h.replace(/<p class="build-date"[^>]*>[^<]*<\/p>/, "");
  assert.notEqual(a, b);
  assert.equal(strip(a), strip(b));
  assert.equal(a.split("\n").filter((l, i) => l !== b.split("\n")[i]).length, 1);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("report: a missing required artifact names the file and the notebook that writes it", async () => {
  const dir = await Deno.makeTempDir();
  await writeFixtureArtifacts(dir);
  await Deno.remove(join(dir, "segments.json"));
  await assert.rejects(() => readArtifacts(dir), /segments\.json is missing \(notebook 04_segments writes it\)/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("prepareSvg: refuses scripts, event handlers, foreign objects and external references", () => {
  for (
    const bad of [
      "<svg><script>alert(1)</script></svg>",
      '<svg onload="alert(1)"></svg>',
      "<svg><foreignObject><div/></foreignObject></svg>",
      '<svg><image href="https://example.com/x.png"/></svg>',
      '<svg><style>@import "x.css";</style></svg>',
      "<html><body>no chart</body></html>",
    ]
  ) {
    assert.ok("problem" in prepareSvg("x", bad), bad);
  }
  const ok = prepareSvg(
    "x",
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><use href="#a"/><g id="a"/></svg>',
  );
  assert.deepEqual(ok, { svg: '<svg viewBox="0 0 1 1"><use href="#x-a"/><g id="x-a"/></svg>' });
});

Deno.test("parseOffersCsv: BOM, quotes, separators and line breaks inside quotes, Excel's formula guard", () => {
  const csv = '\uFEFFid;Причины;Действие\r\n1;"a; ""b""";\'=SUM(A1)\r\n2;"две\r\nстроки";x\r\n';
  assert.deepEqual(parseOffersCsv(csv), {
    header: ["id", "Причины", "Действие"],
    rows: [["1", 'a; "b"', "=SUM(A1)"], ["2", "две\r\nстроки", "x"]],
  });
  assert.deepEqual(parseOffersCsv("a;b\n1;\n"), { header: ["a", "b"], rows: [["1", ""]] });
});

Deno.test("topActions: each rule once, from the segment with the most profit at risk", () => {
  const seg = (id: string, risk: number, rules: string[]) => ({
    id,
    kind: "matrix",
    name: id,
    definition: "",
    size: 1,
    customerShare: 0,
    profitShare: 0,
    meanProbability: 0.5,
    profitAtRisk: risk,
    profitAtRiskShare: 0,
    horizonMonths: 3,
    profile: [],
    recommendations: rules.map((rule) => ({ rule, text: `${id}:${rule}` })),
  });
  const top = topActions([seg("a", 10, ["x", "y"]), seg("b", 30, ["y", "z"]), seg("c", 20, ["w", "x"])]);
  assert.deepEqual(top.map((t) => t.text), ["b:y", "b:z", "c:w"]);
});
