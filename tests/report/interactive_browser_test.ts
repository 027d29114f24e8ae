/**
 * The interactive report in a real browser (puppeteer-core driving the
 * system's Chromium; no browser download): it loads offline with no console
 * errors and no request but the file itself; an id search finds exactly that
 * customer; a header sorts; a filter narrows the rows and the counter agrees;
 * the download is offers.csv's text for the rows shown; the slider moves the
 * flagged count to the value TypeScript computes; a chart dot's tip names its
 * customer; a 390 px viewport has no horizontal scrolling of the page; data
 * holding "</script>" stays text. Skipped, with a line saying so, without
 * Chromium. Set ONECLICK_SCREENSHOT_DIR to keep screenshots.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import puppeteer, { type Page } from "puppeteer-core";
import { buildOffersArtifact, writeOffers } from "../../src/artifacts/offers.ts";
import { renderReport } from "../../src/report/render.ts";
import type { DigestLimits } from "../../src/report/offers_digest.ts";
import { offersCsv } from "../../src/segments/offers_csv.ts";
import { ruNumber, ruPercent } from "../../src/text/ru_format.ts";
import { smallRunOnce, writeFixtureArtifacts } from "./render_fixtures_test.ts";
import { readCampaignPlan } from "../../src/artifacts/campaign_plan.ts";

const CHROMIUM = "/usr/bin/chromium";
const HAVE_CHROMIUM = await Deno.stat(CHROMIUM).then(() => true, () => false);
const HOSTILE = "</script><script>window.__pwned = 1</script>";
if (!HAVE_CHROMIUM) console.log(`interactive_browser_test: SKIPPED — no Chromium at ${CHROMIUM}`);

/**
 * A report whose offers and campaign plan come from one small real run; one offer's texts are hostile.
 * `limits` makes the page hold only the first rows, as it does above TABLE_CUSTOMERS customers.
 */
async function report(dir: string, limits?: DigestLimits) {
  const run = await smallRunOnce();
  const artifacts = join(dir, "artifacts");
  await writeFixtureArtifacts(artifacts, { charts: ["roc"] });
  const offers = run.segments.offers.map((o, i) =>
    i === 4 ? { ...o, category: HOSTILE, reasons: [HOSTILE, ...o.reasons.slice(1)] } : o
  );
  await writeOffers(artifacts, buildOffersArtifact({ cuts: run.segments.cuts, offers }, run.config));
  const plan = await readCampaignPlan(artifacts);
  const html = join(dir, "report.html");
  await Deno.writeTextFile(
    html,
    await renderReport(artifacts, { builtAt: new Date(Date.UTC(2025, 0, 1)), ...(limits ? { limits } : {}) }),
  );
  return { html, offers, plan, horizon: run.config.horizonMonths, unit: run.config.moneyUnit };
}

const text = (page: Page, selector: string) => page.$eval(selector, (e) => e.textContent ?? "");
// (Callbacks run in the page; this file is checked without the DOM library, hence attributes and strings.)
const count = (page: Page) => page.$eval("#t-counter", (e) => Number(e.getAttribute("data-count")));
const dataValue = (page: Page, selector: string) => page.$eval(selector, (e) => Number(e.getAttribute("data-value")));
const column = (page: Page, k: number) =>
  page.$$eval("#t-customers tbody tr", (rows, k) => rows.map((r) => r.children[k as number]?.textContent ?? ""), k);

async function shot(page: Page, name: string): Promise<void> {
  const to = Deno.env.get("ONECLICK_SCREENSHOT_DIR");
  if (!to) return;
  await Deno.mkdir(to, { recursive: true });
  await page.screenshot({ path: join(to, `interactive-${name}.png`) as `${string}.png` });
}

Deno.test({
  name: "interactive report in Chromium: search, sort, filter, download, slider, tips, phone width, no breakout",
  ignore: !HAVE_CHROMIUM,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const dir = await Deno.makeTempDir();
    const { html, offers, plan, horizon, unit } = await report(dir);
    const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage();
      const problems: string[] = [], requests: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(m.text());
      });
      page.on("pageerror", (e) => problems.push(String(e)));
      page.on("request", (r) => requests.push(r.url()));
      await page.setViewport({ width: 1366, height: 900 });
      await page.goto(`file://${html}`, { waitUntil: "load" });

      await t.step("loads with no console error and no request but the file", async () => {
        assert.deepEqual(problems, []);
        assert.deepEqual(requests, [`file://${html}`]);
        assert.equal(await count(page), offers.length);
        assert.equal(await page.evaluate(() => "__pwned" in window), false, "no script from the data ran");
        await shot(page, "wide");
      });

      await t.step("an id finds exactly that customer, its numbers in Russian", async () => {
        const o = offers[9]!;
        await page.type("#f-id", o.id);
        assert.equal(await count(page), 1);
        assert.deepEqual(await column(page, 0), [o.id]);
        assert.deepEqual(await column(page, 1), [ruPercent(o.probability, 0)]);
        assert.deepEqual(await column(page, 2), [ruNumber(o.profit, 2)]);
        await page.click("#f-reset");
        assert.equal(await count(page), offers.length);
      });

      await t.step("data holding </script> is shown as text", async () => {
        await page.type("#f-id", offers[4]!.id);
        assert.deepEqual(await column(page, 6), [HOSTILE]);
        await page.click("#f-reset");
      });

      await t.step("a header sorts, and again the other way", async () => {
        const byP = (dir: number) =>
          offers.map((o, i) => ({ o, i })).sort((a, b) => dir * (a.o.probability - b.o.probability) || a.i - b.i)
            .slice(0, 50).map((x) => x.o.id);
        await page.click('th[data-key="probability"] button');
        assert.deepEqual(await column(page, 0), byP(-1));
        assert.equal(await page.$eval('th[data-key="probability"]', (e) => e.getAttribute("aria-sort")), "descending");
        await page.click('th[data-key="probability"] button');
        assert.deepEqual(await column(page, 0), byP(1));
      });

      await t.step(
        "a filter narrows the rows, the counter agrees, the download is those rows as offers.csv",
        async () => {
          const k = plan.segments.findIndex((s) => s.id === "prevent_valuable");
          const wanted = offers.map((o, i) => ({ o, i })).filter((x) => x.o.actionSegment === "prevent_valuable");
          assert.ok(wanted.length > 0 && wanted.length < offers.length);
          await page.select("#f-segment", String(k));
          assert.equal(await count(page), wanted.length);
          assert.match(await text(page, "#t-counter"), new RegExp(`из ${wanted.length} \\(всего ${offers.length}\\)`));
          for (const s of await column(page, 4)) assert.equal(s, plan.segments[k]!.name);

          const downloads = join(dir, "downloads");
          await Deno.mkdir(downloads);
          const cdp = await page.createCDPSession();
          await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: downloads });
          await page.click("#f-download");
          const file = join(downloads, `offers_${wanted.length}.csv`);
          for (let k = 0; k < 100 && !(await Deno.stat(file).then(() => true, () => false)); k++) {
            await new Promise((r) => setTimeout(r, 100));
          }
          // The table's order: probability ascending (the last sort), ties in offers.csv's order.
          const rows = wanted.sort((a, b) => a.o.probability - b.o.probability || a.i - b.i).map((x) => x.o);
          assert.equal(await Deno.readTextFile(file), offersCsv(rows, horizon));
          await page.click("#f-reset");
        },
      );

      await t.step("at the run's values the explorer shows the campaign section's figures", async () => {
        const m = plan.modelThreshold;
        assert.equal(await dataValue(page, "#x-customers"), m.customers);
        const net = `${ruNumber(m.net, 1)}\u00A0${unit.replaceAll(" ", "\u00A0")}`;
        assert.equal(await text(page, "#x-net"), net);
        assert.ok((await text(page, "#campaign")).includes(ruNumber(m.net, 1)), "the static section's net value");
      });

      await t.step("the slider, moved by keyboard, gives TypeScript's flagged count", async () => {
        await page.focus("#x-threshold");
        await page.keyboard.press("Home");
        for (let k = 0; k < 29; k++) await page.keyboard.press("ArrowRight");
        const t = Number(await page.$eval("#x-threshold", (e) => (e as unknown as { value: string }).value));
        assert.equal(t, 0.3);
        const flagged = offers.filter((o) => o.probability >= t).length;
        assert.equal(await dataValue(page, "#x-flagged"), flagged);
        const point = plan.curve.find((p) => p.threshold === t)!;
        assert.equal(await dataValue(page, "#x-customers"), point.customers);
        assert.equal(await text(page, "#x-net"), `${ruNumber(point.net, 1)}\u00A0${unit.replaceAll(" ", "\u00A0")}`);
        await (await page.$("#explorer"))!.scrollIntoView();
        await shot(page, "slider");
      });

      await t.step("a dot of the risk × profit chart shows its customer in a tip", async () => {
        const at = await page.evaluate(`(() => {
          const dot = [...document.querySelectorAll("figure.chart svg circle")]
            .find((c) => c.querySelector("title")?.textContent?.startsWith("id "));
          if (!dot) return null;
          dot.scrollIntoView({ block: "center" });
          const r = dot.getBoundingClientRect();
          return [r.x + r.width / 2, r.y + r.height / 2];
        })()`) as [number, number] | null;
        assert.ok(at, "a dot with a customer's tip");
        await page.mouse.move(at[0], at[1]);
        const tip = await page.$eval(".chart-tip", (e) => ({ hidden: e.hasAttribute("hidden"), text: e.textContent }));
        assert.equal(tip.hidden, false);
        assert.match(
          tip.text ?? "",
          /^id \S+\nВероятность снижения: \d+\u00A0%\nПрибыль в месяц: .+\nСегмент действия: .+/,
        );
      });

      await t.step("390 px wide: no horizontal scrolling of the page", async () => {
        await page.setViewport({ width: 390, height: 844 });
        const [scroll, width] = await page.evaluate("[document.documentElement.scrollWidth, innerWidth]") as number[];
        assert.ok(scroll! <= width!, `page ${scroll} px wide in a ${width} px window`);
        await page.evaluate("scrollTo(0, 0)");
        await shot(page, "narrow");
      });

      assert.deepEqual(problems, []);
      assert.ok(requests.every((u) => u === `file://${html}` || u.startsWith("blob:")), requests.join(", "));
    } finally {
      await browser.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "a page holding the first rows only: the table says so, the explorer and the chart still cover everyone",
  ignore: !HAVE_CHROMIUM,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const dir = await Deno.makeTempDir();
    const { html, offers, plan, unit } = await report(dir, { table: 40, points: 30 });
    const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on("pageerror", (e) => problems.push(String(e)));
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(m.text());
      });
      await page.setViewport({ width: 1366, height: 900 });
      await page.goto(`file://${html}`, { waitUntil: "load" });
      assert.equal(await count(page), 40, "the table's rows");
      assert.match(
        await text(page, "#t-counter"),
        new RegExp(`^Показаны 1–40 из 40 \\(в таблице 40 из ${offers.length}\\)\\.$`),
      );
      assert.deepEqual(
        await column(page, 0),
        offers.slice(0, 40).map((o) => o.id),
        "the first rows, in the file's order",
      );
      assert.match(
        await text(page, "#t-limit"),
        new RegExp(`первые 40 покупателей по прибыли под риском из ${offers.length}; полный список — в offers\\.csv`),
      );
      // The explorer: every customer's figures, at the run's values and at a slider step.
      const m = plan.modelThreshold;
      assert.equal(await dataValue(page, "#x-customers"), m.customers);
      assert.equal(await text(page, "#x-net"), `${ruNumber(m.net, 1)}\u00A0${unit.replaceAll(" ", "\u00A0")}`);
      await page.focus("#x-threshold");
      await page.keyboard.press("Home");
      for (let k = 0; k < 29; k++) await page.keyboard.press("ArrowRight");
      assert.equal(await dataValue(page, "#x-flagged"), offers.filter((o) => o.probability >= 0.3).length);
      assert.equal(await dataValue(page, "#x-customers"), plan.curve.find((p) => p.threshold === 0.3)!.customers);
      // The chart: every k-th customer, and it says so.
      const dots = await page.$$eval(
        "figure.chart svg circle title",
        (ts) => ts.filter((t) => t.textContent?.startsWith("id ")).length,
      );
      assert.equal(dots, Math.ceil(offers.length / Math.ceil(offers.length / 30)));
      assert.ok((await page.content()).includes(`из ${offers.length} покупателей (каждый k-й по порядку)`));
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
