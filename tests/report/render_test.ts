/** The report rendered from a fixture artifact set: sections, numbers, escaping, charts, demo banner. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { DataError } from "../../src/data/errors.ts";
import { prepareSvg, readArtifacts, renderReport } from "../../src/report/render.ts";
import { topActions } from "../../src/report/view_model.ts";
import { fixtureConfig, smallRunOnce, writeFixtureArtifacts } from "./render_fixtures_test.ts";
import { buildCampaignPlanArtifact } from "../../src/artifacts/campaign_plan.ts";

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
  for (
    const id of [
      "title",
      "summary",
      "data",
      "eda",
      "model",
      "drivers",
      "segments",
      "campaign",
      "explorer",
      "contacts",
      "customers",
      "method",
    ]
  ) {
    assert.match(html, new RegExp(`<section[^>]* id="${id}"`), `section ${id}`);
  }
  assert.match(html, /Отчёт сформирован 22\u00A0ноября 2025\u00A0г\., 12:05/);
  assert.match(html, /<strong>16<\/strong> из <strong>40<\/strong>/, "dropped of all customers");
  assert.match(html, /40,0\u00A0%/, "share whose activity dropped: 16 of 40");
  assert.match(html, /0,900/, "repeated-CV AUC with a decimal comma");
  assert.match(html, /\[0,870; 0,930\]/, "interval with a semicolon");
  assert.match(html, /106\u00A0862,2/, "thousands grouped with a no-break space");
  assert.match(html, /Логистическая регрессия/);
  assert.match(html, /<p class="action-title">[^<]+: [^<]+<\/p>/, "a first action: segment and what it gets");
  assert.match(html, /Если эффект другой/, "the campaign's sensitivity table");
  assert.match(html, /exact linear SHAP of the log-odds \(fixture\)/, "SHAP method from explanations.json");
  assert.match(html, /чем меньше значение, тем выше риск/, "direction from the beeswarm");
  assert.match(html, /Активность снизилась у 40 % покупателей\./, "EDA conclusion");
  assert.doesNotMatch(html, /<body class="demo">|class="demo-banner"/, "no demo banner on the store's data");
});

/** The page's script elements: the embedded data and our own script, nothing else. */
const OUR_SCRIPTS = ['<script type="application/json" id="report-data">', "<script>"];

Deno.test("report: self-contained — inline CSS, SVG and our script only, no external URL", async () => {
  const html = await render();
  assert.match(html, /<style>[\s\S]*@page[\s\S]*<\/style>/);
  assert.deepEqual(html.match(/<script[^>]*>/gi), OUR_SCRIPTS);
  // The SVG namespace is a name the script passes to createElementNS, never fetched.
  assert.doesNotMatch(html.replaceAll('"http://www.w3.org/2000/svg"', ""), /<link|https?:\/\/|src="/i);
  assert.doesNotMatch(html, /\beval\(|new Function\(|\son[a-z]+="/i, "no eval, no inline handlers");
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
  assert.deepEqual(html.match(/<script[^>]*>/gi), OUR_SCRIPTS, "no script but ours");
  assert.equal(html.match(/<\/script/gi)?.length, 2, "no value ends a script element");
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

Deno.test("report: a missing required artifact names the file and the stage that writes it", async () => {
  const dir = await Deno.makeTempDir();
  await writeFixtureArtifacts(dir);
  await Deno.remove(join(dir, "segments.json"));
  await assert.rejects(
    () => readArtifacts(dir),
    (e: unknown) =>
      e instanceof DataError &&
      e.format() ===
        `Data problem:\n  ${join(dir, "segments.json")}: expected segments.json written by the segment stage ` +
          "(it does not exist)",
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("report: a corrupted or wrong-version artifact fails with one line naming the file and the field", async () => {
  const dir = await Deno.makeTempDir();
  await writeFixtureArtifacts(dir);
  const metrics = join(dir, "metrics.json");
  const good = await Deno.readTextFile(metrics);
  const problem = async () => {
    const e = await renderReport(dir, { builtAt: BUILT }).then(() => undefined, (e: unknown) => e);
    assert.ok(e instanceof DataError, `a DataError, not ${e}`);
    assert.equal(e.problems.length, 1);
    assert.doesNotMatch(e.format(), /\n\s+at /, "no stack trace");
    return e.format().split("\n")[1]!.trim();
  };
  const corrupt = JSON.parse(good);
  corrupt.best.holdout.confusion.fn = "one";
  await Deno.writeTextFile(metrics, JSON.stringify(corrupt));
  assert.equal(
    await problem(),
    `${metrics}: found "one", expected field "best.holdout.confusion.fn" to be a finite number`,
  );
  await Deno.writeTextFile(metrics, good.replace('"schemaVersion": 1', '"schemaVersion": 2'));
  assert.equal(
    await problem(),
    `${metrics}: found "2", expected field "schemaVersion" to be 1 (metrics.json from another version of the ` +
      "pipeline: run the model stage again)",
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("report: folds, repeats, horizon, recall and significance levels follow the run's config", async () => {
  const html = await render({
    config: {
      cv: { folds: 3, repeats: 2 },
      horizonMonths: 2,
      threshold: { minRecall: 0.7 },
      significance: { alpha: 0.01, minCliffsDelta: 0.33, minCramersV: 0.3 },
    },
  });
  const text = html.replace(/<[^>]+>/g, " ").replace(/[ \t\r\n]+/g, " ");
  assert.doesNotMatch(text, /5×5|5-кратн|за три месяца|за 3 мес|× 3»|p &lt; 0,05|0,147|80\u00A0%/);
  assert.match(text, /CV 3×2 \[95-процентный интервал\]/, "families table");
  assert.match(
    text,
    /Для сравнения кандидатов между собой — повторная кросс-валидация 3×2 на всех покупателях/,
    "method",
  );
  assert.match(text, /Стратифицированная 3-кратная кросс-валидация/);
  assert.match(text, /их прибыль за два месяца/, "model section");
  assert.match(text, /прибыли под риском за 2\u00A0месяца/, "summary");
  assert.match(text, /Прибыль под риском за 2 месяца/, "segments table");
  assert.match(text, /прибыль под риском за 2 мес\./, "segment facts");
  assert.match(text, /Под риском за 2 мес\./, "contacts table");
  assert.match(text, /прибыль в месяц × 2»/, "method: profit at risk");
  assert.match(text, /не менее 70\u00A0%/, "threshold rule");
  assert.match(text, /p &lt; 0,01 после поправки/);
  assert.match(text, /\|δ\| ≥ 0,33, V ≥ 0,3\)/);
});

Deno.test("report: the defaults read as before — 5 folds, 5×5, three months, 0,05", async () => {
  const text = (await render()).replace(/<[^>]+>/g, " ").replace(/[ \t\r\n]+/g, " ");
  assert.match(text, /Для сравнения кандидатов между собой — повторная кросс-валидация 5×5 на всех покупателях/);
  assert.match(text, /Стратифицированная 5-кратная кросс-валидация/);
  assert.match(text, /их прибыль за три месяца/);
  assert.match(text, /не менее 80\u00A0%/);
  assert.match(text, /p &lt; 0,05 после поправки и эффекте не меньше малого \(\|δ\| ≥ 0,147, V ≥ 0,1\)/);
  assert.match(text, /Сравнивались два семейства моделей/, "the families in metrics.json, counted");
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

Deno.test("topActions: three different action segments with an offer, the largest net value first", async () => {
  const { plan, cuts } = (await smallRunOnce()).segments;
  const top = topActions(buildCampaignPlanArtifact({ plan, cuts }, fixtureConfig()));
  assert.ok(top.length > 0);
  assert.equal(new Set(top.map((s) => s.id)).size, top.length);
  assert.ok(top.every((s) => s.id !== "maintain" && s.actions.some((a) => a.offer > 0)));
  top.slice(1).forEach((s, k) => assert.ok(s.economics.net <= top[k]!.economics.net));
});

Deno.test("report: section 1 speaks plainly — no p-values, effect sizes or metric jargon; three different segments", async () => {
  const html = await render();
  const summary = html.slice(html.indexOf('id="summary"'), html.indexOf('id="data"'));
  const text = summary.replace(/<[^>]+>/g, " ").replace(/[ \t\r\n]+/g, " ");
  assert.doesNotMatch(text, /\bp\s*[<=≤]|p-value|δ|Клифф|Крамер|\bV\s*[=≥]|ROC-AUC|AUC|SHAP/);
  const titles = [...summary.matchAll(/<p class="action-title">([^<:]+):/g)].map((m) => m[1]);
  assert.ok(titles.length >= 2, `first actions: ${titles}`);
  assert.equal(new Set(titles).size, titles.length, "each first action for a different action segment");
});
