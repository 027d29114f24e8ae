/** Section 6 «Сегменты и рекомендации»: every view profiled and concluded, no phrase repeated. */
import assert from "node:assert/strict";
import { buildSegmentsArtifact } from "../../src/artifacts/segments.ts";
import { renderReport } from "../../src/report/render.ts";
import { segmentsSection } from "../../src/report/sections/segments.ts";
import { fixtureConfig, smallRunOnce, writeFixtureArtifacts } from "./render_fixtures_test.ts";

const BUILT = new Date(Date.UTC(2025, 10, 22, 9, 5));

async function sectionHtml(options: Parameters<typeof writeFixtureArtifacts>[1] = {}): Promise<string> {
  const dir = await Deno.makeTempDir();
  try {
    await writeFixtureArtifacts(dir, options);
    const html = await renderReport(dir, { builtAt: BUILT, utcOffsetMinutes: 180 });
    const m = html.match(/<section class="page" id="segments">[\s\S]*?<\/section>/);
    assert.ok(m, "section 6 is rendered");
    return m[0];
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const articles = (html: string) =>
  [...html.matchAll(/<article class="segment">([\s\S]*?)<\/article>/g)].map((m) => m[1]!);
const items = (html: string, list: string) =>
  [...(html.match(new RegExp(`<ul class="${list}">([\\s\\S]*?)</ul>`))?.[1] ?? "").matchAll(/<li>([\s\S]*?)<\/li>/g)]
    .map((m) => m[1]!);

Deno.test("section 6: says the views overlap and the campaign acts on the action segments of section 7", async () => {
  const html = await sectionHtml();
  assert.match(html, /аналитические срезы: они пересекаются/);
  assert.match(html, /сегментам действия — они в <a href="#campaign">разделе 7<\/a>/);
});

Deno.test("section 6: every view ends in its recommendations or a conclusion, never both or neither", async () => {
  const html = await sectionHtml();
  const all = articles(html);
  assert.equal(all.length, 5, "the four cells and the store's segment of the fixture");
  let concluded = 0;
  for (const a of all) {
    const advice = /<ul class="recommendations">/.test(a), conclusion = /<p class="conclusion">/.test(a);
    assert.ok(advice !== conclusion, a.slice(0, 200));
    if (conclusion) concluded++, assert.match(a, /<p class="conclusion"><strong>Вывод\.<\/strong> Риск низкий/);
    // The conclusion or the last bullet is the article's last text.
    assert.match(a, /(<\/ul>|<\/p>)\s*$/);
  }
  assert.ok(concluded > 0 && concluded < all.length, "the fixture has both kinds");
});

Deno.test("section 6: each view shows its category mix and its revenue and minutes per period", async () => {
  const html = await sectionHtml();
  for (const a of articles(html)) {
    const mix = a.match(/<table class="segment-mix">[\s\S]*?<\/table>/)?.[0] ?? "";
    assert.equal((mix.match(/<tr/g) ?? []).length, 1 + 6, "a header and the six categories");
    assert.match(mix, /<td>Товары для детей<\/td><td class="num">\d+\u00A0%<\/td><td class="num">\d+\u00A0%<\/td>/);
    const dyn = a.match(/<table class="segment-dynamics">[\s\S]*?<\/table>/)?.[0] ?? "";
    assert.match(dyn, /препредыдущий месяц<\/th><th class="num">предыдущий месяц<\/th><th class="num">текущий месяц/);
    assert.match(
      dyn,
      /<th rowspan="2" scope="rowgroup">Выручка<\/th><td>в сегменте<\/td>(<td class="num">[\d\u00A0,]+<\/td>){3}/,
    );
    assert.match(
      dyn,
      /<th rowspan="2" scope="rowgroup">Минут на сайте<\/th><td>в сегменте<\/td><td class="num">—<\/td>/,
    );
    assert.match(dyn, /<td class="num">[+\u2212][\d,]+\u00A0%<\/td><\/tr>/, "the change over the periods");
  }
});

Deno.test("section 6: the money is stated once per view; bullets never repeat it, the name or each other", async () => {
  const html = await sectionHtml();
  for (const a of articles(html)) {
    const name = a.match(/<h3>([^<]+)<\/h3>/)![1]!;
    assert.equal((a.match(/прибыль под риском за/gi) ?? []).length, 1, name);
    const bullets = items(a, "recommendations");
    assert.equal(new Set(bullets).size, bullets.length, name);
    for (const b of bullets) assert.ok(!b.includes(name) && !/под риском/.test(b), b);
    // A difference a bullet rests on is not listed again among the other differences.
    if (bullets.length) assert.doesNotMatch(a, /<li>Неоплаченные товары за квартал:/, name);
  }
});

Deno.test("section 6: the statistics legend quotes the run's significance settings", async () => {
  const html = await sectionHtml({ config: { significance: { alpha: 0.01, minCliffsDelta: 0.2 } } });
  assert.match(html, /значимое \(p &lt; 0,01\) и заметное \(\|δ\| ≥ 0,2, V ≥ 0,1\)/);
});

Deno.test("section 6 of a real small run: each view concluded, profiled, and no sentence repeated within it", async () => {
  const run = await smallRunOnce();
  const section = segmentsSection({ segments: buildSegmentsArtifact(run.segments, fixtureConfig()) });
  assert.equal(section.items.length, run.segments.segments.length);
  for (const item of section.items) {
    assert.ok((item.recommendations.length > 0) !== (item.conclusion !== null), item.name);
    assert.ok(item.categories.length > 0 && item.dynamics.length === 4, item.name);
    assert.deepEqual(item.periods, ["препредыдущий месяц", "предыдущий месяц", "текущий месяц"]);
    const texts = [item.facts, ...item.recommendations, item.conclusion ?? ""];
    assert.equal(texts.join(" ").match(/прибыль под риском за/gi)?.length, 1, item.name);
    const sentences = item.recommendations.flatMap((r) => r.split(/(?<=\.) (?=[А-ЯЁ])/));
    assert.equal(new Set(sentences).size, sentences.length, `${item.name}: ${sentences.join(" | ")}`);
    for (const r of item.recommendations) assert.ok(!r.includes(item.name), r);
  }
});
