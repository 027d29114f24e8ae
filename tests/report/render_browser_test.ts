/**
 * The rendered report in a real browser: a headless Chromium screenshot, and
 * the printed PDF's pages through pdftoppm and pdftotext (Cyrillic intact,
 * page numbers from the @page counters, the demo banner on every page).
 * Skipped when Chromium or poppler-utils are absent. Set
 * ONECLICK_SCREENSHOT_DIR to keep the screenshot and page images.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { chromiumArgs, printPdf } from "../../src/report/build.ts";
import { renderReport } from "../../src/report/render.ts";
import { commandAvailable, writeFixtureArtifacts } from "./render_fixtures_test.ts";

const CHROMIUM = await commandAvailable("chromium");
const POPPLER = await commandAvailable("pdftoppm", ["-v"]);
const PNG = [0x89, 0x50, 0x4e, 0x47];

async function renderedReport(): Promise<{ dir: string; html: string }> {
  const dir = await Deno.makeTempDir();
  await writeFixtureArtifacts(join(dir, "artifacts"), { demo: true, charts: ["roc", "pr", "shap_importance"] });
  const html = join(dir, "report.html");
  await Deno.writeTextFile(
    html,
    await renderReport(join(dir, "artifacts"), { builtAt: new Date(Date.UTC(2025, 0, 1)) }),
  );
  return { dir, html };
}

async function keep(files: string[]): Promise<void> {
  const to = Deno.env.get("ONECLICK_SCREENSHOT_DIR");
  if (!to) return;
  await Deno.mkdir(to, { recursive: true });
  for (const f of files) await Deno.copyFile(f, join(to, f.split("/").pop()!));
}

Deno.test({
  name: "browser: headless Chromium renders report.html to a screenshot",
  ignore: !CHROMIUM,
  async fn() {
    const { dir, html } = await renderedReport();
    const shot = join(dir, "report-screenshot.png");
    const r = await new Deno.Command("chromium", {
      args: chromiumArgs(
        join(dir, "profile"),
        "--hide-scrollbars",
        `--screenshot=${shot}`,
        "--window-size=1200,1600",
        `file://${html}`,
      ),
      stdout: "null",
      stderr: "null",
    }).output();
    assert.ok(r.success, `chromium exit code ${r.code}`);
    const png = await Deno.readFile(shot);
    assert.deepEqual([...png.slice(0, 4)], PNG);
    assert.ok(png.length > 20_000, `a real page, not a blank one (${png.length} bytes)`);
    await keep([shot]);
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test({
  name: "browser: the A4 PDF has Cyrillic text, page numbers and the demo banner on every page",
  ignore: !CHROMIUM || !POPPLER,
  async fn() {
    const { dir, html } = await renderedReport();
    const pdf = join(dir, "report.pdf");
    await printPdf("chromium", html, pdf, join(dir, "profile"));
    const info = new TextDecoder().decode((await new Deno.Command("pdfinfo", { args: [pdf] }).output()).stdout);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    assert.ok(pages >= 6, `one page per section at least (${pages})`);
    assert.match(info, /Page size:\s+59[45](\.\d+)? x 841\.\d+ pts \(A4\)/);

    const text = new TextDecoder().decode(
      (await new Deno.Command("pdftotext", { args: ["-layout", pdf, "-"] }).output()).stdout,
    );
    const perPage = text.split("\f").filter((p) => p.trim() !== "");
    assert.equal(perPage.length, pages);
    assert.match(text, /Главное/);
    assert.match(text, /Кто из постоянных покупателей/);
    for (let p = 2; p <= pages; p++) {
      assert.match(perPage[p - 1]!, new RegExp(`${p} из ${pages}`), `page number on page ${p}`);
    }
    for (const [i, page] of perPage.entries()) assert.match(page, /ДЕМО-ДАННЫЕ/, `banner on page ${i + 1}`);

    const r = await new Deno.Command("pdftoppm", { args: ["-png", "-r", "60", pdf, join(dir, "page")] }).output();
    assert.ok(r.success);
    const images = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => /^page-\d+\.png$/.test(n)).sort();
    assert.equal(images.length, pages);
    assert.deepEqual([...(await Deno.readFile(join(dir, images[0]!))).slice(0, 4)], PNG);
    await keep([pdf, ...images.map((n) => join(dir, n))]);
    await Deno.remove(dir, { recursive: true });
  },
});
