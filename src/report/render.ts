/**
 * The report as one self-contained HTML file: artifacts read from a run's
 * artifact folder through their validating readers, the view model built, and `templates/report.hbs` rendered
 * with its section partials. Handlebars escapes every `{{value}}`; the only
 * raw output is our own chart SVGs (through the `inlineSvg` helper, after
 * {@linkcode prepareSvg}), our own stylesheet (through `styles`), our own
 * script (`clientScript`, from `interactive/browser/`) and the interactive
 * parts' data, which enters the page only as JSON through `embedJson`
 * (`scriptJson` of interactive/embed.ts: no value can end its element).
 *
 * @module
 */
import { basename, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { readCampaignPlan } from "../artifacts/campaign_plan.ts";
import { readEda } from "../artifacts/eda.ts";
import { readExplanations } from "../artifacts/explanations.ts";
import { readMetrics } from "../artifacts/metrics.ts";
import { readQuality } from "../artifacts/quality.ts";
import { readSearch } from "../artifacts/search.ts";
import { readSegments } from "../artifacts/segments.ts";
import { ruNumber, ruPercent } from "../text/ru_format.ts";
import { quadrantLabels, riskProfitChart } from "./charts/risk_profit.ts";
import { describeData, readStamps, SOURCES_DIR } from "./data_provenance.ts";
import { clientScript } from "./interactive/client_script.ts";
import { scriptJson } from "./interactive/embed.ts";
import { type DigestLimits, readOffersDigest } from "./offers_digest.ts";
import { buildView, CHARTS, type ReportArtifacts, type ReportView, type ViewOptions } from "./view_model.ts";

/** Height over width from which a chart may fill a page instead of a third of one. */
export const TALL_RATIO = 0.85;

/** The project's templates folder. */
export const TEMPLATES_DIR = fileURLToPath(new URL("../../templates", import.meta.url));

/** A template folder that cannot be rendered (an artifact problem is a `DataError` of its reader). */
export class ArtifactError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArtifactError";
  }
}

/**
 * Reads a run's artifacts through their validating readers (src/artifacts/).
 * quality.json, metrics.json, segments.json and offers.json are required;
 * eda.json, search.json and explanations.json are optional (their sections
 * then say what is missing). A missing required file, malformed JSON, another
 * schemaVersion or a bad field is one `DataError` naming the file and field.
 *
 * @example
 * ```ts
 * const artifacts = await readArtifacts("out/artifacts");
 * ```
 */
export async function readArtifacts(dir: string, limits: DigestLimits = {}): Promise<ReportArtifacts> {
  // One after another, so that the first problem is reported, always the same one.
  const quality = await readQuality(dir);
  const metrics = await readMetrics(dir);
  const segments = await readSegments(dir);
  // The plan first: the digest of offers.json needs its cuts for the explorer's sums.
  const plan = await readCampaignPlan(dir);
  const offers = await readOffersDigest(dir, plan, limits);
  const search = await readSearch(dir, "optional");
  const explanations = await readExplanations(dir, "optional");
  const eda = await readEda(dir, "optional");
  return { quality, metrics, segments, offers, plan, search, explanations, eda };
}

/**
 * Makes one of our chart files safe and self-contained to inline into the
 * report: drops the XML prolog, doctype, comments and namespace attributes,
 * gives every id the chart's name as a prefix (several charts share one
 * document), and adds a viewBox when only width and height are given so the
 * chart can shrink to the page. Returns an explanation instead when the file
 * is not an SVG or would run code or fetch something.
 *
 * @example
 * ```ts
 * prepareSvg("roc", '<svg width="10" height="5"><clipPath id="c"/><g clip-path="url(#c)"/></svg>');
 * // { svg: '<svg width="10" height="5" viewBox="0 0 10 5"><clipPath id="roc-c"/><g clip-path="url(#roc-c)"/></svg>' }
 * ```
 */
export function prepareSvg(name: string, text: string): { svg: string } | { problem: string } {
  let s = text.replace(/<\?xml[\s\S]*?\?>/g, "").replace(/<!DOCTYPE[^>]*>/gi, "").replace(/<!--[\s\S]*?-->/g, "")
    .trim();
  if (!/^<(svg|figure|div)[\s>]/i.test(s) || !/<svg[\s>]/i.test(s)) return { problem: "файл не содержит SVG" };
  if (/<script|<foreignObject|<iframe|<object|<embed|\son[a-z]+\s*=|javascript:/i.test(s)) {
    return { problem: "файл содержит скрипт или встроенный документ" };
  }
  s = s.replace(/\s+xmlns(:[a-z]+)?\s*=\s*("[^"]*"|'[^']*')/gi, "");
  if (/(href|src)\s*=\s*["']?\s*(https?:|\/\/|file:)|url\(\s*["']?\s*(https?:|\/\/|file:)|@import/i.test(s)) {
    return { problem: "файл ссылается на внешние ресурсы" };
  }
  const ids = new Set([...s.matchAll(/\sid\s*=\s*"([^"]+)"/g)].map((m) => m[1]!));
  if (ids.size > 0) {
    const prefix = `${name}-`;
    s = s.replace(/(\sid\s*=\s*")([^"]+)(")/g, (_, a, id, b) => `${a}${prefix}${id}${b}`)
      .replace(/url\(\s*#([^)\s]+)\s*\)/g, (m, id) => (ids.has(id) ? `url(#${prefix}${id})` : m))
      .replace(/((?:xlink:)?href\s*=\s*")#([^"]+)(")/g, (m, a, id, b) => (ids.has(id) ? `${a}#${prefix}${id}${b}` : m));
  }
  s = s.replace(/<svg\b[^>]*>/i, (tag) => {
    if (/\sviewBox\s*=/.test(tag)) return tag;
    const w = /\swidth\s*=\s*"(\d+(?:\.\d+)?)(?:px)?"/.exec(tag)?.[1];
    const h = /\sheight\s*=\s*"(\d+(?:\.\d+)?)(?:px)?"/.exec(tag)?.[1];
    return w && h ? tag.replace(/\s*(\/?)>$/, ` viewBox="0 0 ${w} ${h}"$1>`) : tag;
  });
  return { svg: s };
}

/** Reads the charts the notebooks wrote (`charts/<name>.svg`) that exist, prepared for inlining. *
 * @example
 * ```ts
 * const charts = await readCharts("out/artifacts"); // { roc: { svg: "<svg …" }, … }
 * ```
 */
export async function readCharts(dir: string): Promise<Record<string, { svg: string } | { problem: string }>> {
  const out: Record<string, { svg: string } | { problem: string }> = {};
  for (const name of Object.keys(CHARTS)) {
    try {
      out[name] = prepareSvg(name, await Deno.readTextFile(join(dir, "charts", `${name}.svg`)));
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
  }
  return out;
}

const escape = (s: string) => Handlebars.Utils.escapeExpression(s);

/**
 * Renders the report from a view and the prepared charts.
 *
 * @param view the texts (escaped on output)
 * @param charts prepared SVGs by chart name; a missing one shows a visible note
 * @param templatesDir folder with report.hbs, the section partials and report.css
 * @returns the HTML document
 * @example
 * ```ts
 * import { buildView } from "./view_model.ts";
 * const dir = "out/artifacts";
 * const html = await renderHtml(buildView(await readArtifacts(dir), { builtAt: new Date() }), await readCharts(dir));
 * ```
 */
export async function renderHtml(
  view: ReportView,
  charts: Record<string, { svg: string } | { problem: string }>,
  templatesDir: string = TEMPLATES_DIR,
): Promise<string> {
  const hb = Handlebars.create();
  const css = await Deno.readTextFile(join(templatesDir, "report.css"));
  let main = "";
  for await (const entry of Deno.readDir(templatesDir)) {
    if (!entry.isFile || extname(entry.name) !== ".hbs") continue;
    const text = await Deno.readTextFile(join(templatesDir, entry.name));
    if (entry.name === "report.hbs") main = text;
    else hb.registerPartial(basename(entry.name, ".hbs"), text);
  }
  if (main === "") throw new ArtifactError(`Template ${join(templatesDir, "report.hbs")} is missing`);
  const script = await clientScript();
  // Our stylesheet, verbatim.
  hb.registerHelper("styles", () => new hb.SafeString(css));
  // Our script, verbatim (checked free of "</script").
  hb.registerHelper("clientScript", () => new hb.SafeString(script));
  // The one way data reaches the page's script: escaped JSON.
  hb.registerHelper("embedJson", (value: unknown) => new hb.SafeString(scriptJson(value)));
  // Our chart SVGs, verbatim after prepareSvg; anything else is a visible note.
  hb.registerHelper("inlineSvg", (name: unknown) => {
    const key = String(name);
    const chart = charts[key];
    if (chart && "svg" in chart) return new hb.SafeString(chart.svg);
    const why = chart ? chart.problem : `нет файла charts/${key}.svg`;
    return new hb.SafeString(
      `<p class="missing">График «${escape(CHARTS[key] ?? key)}» не показан: ${escape(why)}.</p>`,
    );
  });
  hb.registerHelper("caption", (name: unknown) => CHARTS[String(name)] ?? String(name));
  // Tall charts (grids, matrices, beeswarms) may take a whole page; the others a third of one.
  hb.registerHelper("chartClass", (name: unknown) => {
    const chart = charts[String(name)];
    const box = chart && "svg" in chart ? /viewBox="[\d.]+ [\d.]+ ([\d.]+) ([\d.]+)"/.exec(chart.svg) : null;
    return box && Number(box[2]) / Number(box[1]) >= TALL_RATIO ? "chart tall" : "chart";
  });
  hb.registerHelper("hasChart", (name: unknown) => {
    const chart = charts[String(name)];
    return chart !== undefined && "svg" in chart;
  });
  const template = hb.compile(main, { strict: true, noEscape: false });
  return template(view);
}

/**
 * Refuses an artifact folder whose notebooks ran on different data: every
 * stamp in `sources/` (one per notebook, `stampSource` of data_provenance.ts) must name
 * the kind and hash quality.json records — never demo artifacts beside real
 * ones in one report.
 *
 * @throws ArtifactError naming the first notebook that disagrees and both data sets
 * @example
 * ```ts
 * await checkOneDataSet("out/artifacts", (await readArtifacts("out/artifacts")).quality.source);
 * ```
 */
export async function checkOneDataSet(
  dir: string,
  source: { kind: "user" | "demo"; identity: { hash: string; folder: string } },
): Promise<void> {
  const expected = { kind: source.kind, hash: source.identity.hash, folder: source.identity.folder };
  for (const { file, stamp } of await readStamps(dir)) {
    if (stamp === undefined) {
      throw new ArtifactError(
        `${file}: expected a data stamp {notebook, kind, hash, folder}; rebuild the report to rewrite it`,
      );
    }
    if (stamp.kind !== expected.kind || stamp.hash !== expected.hash) {
      throw new ArtifactError(
        `The artifacts in ${dir} come from different data: quality.json from ${describeData(expected)}, ` +
          `notebook ${stamp.notebook} (${SOURCES_DIR}/${stamp.notebook}.json) from ${describeData(stamp)}. ` +
          "A report never mixes them: run all notebooks on one data set.",
      );
    }
  }
}

/**
 * Reads the artifacts and charts of `artifactDir` and renders the report.
 *
 * @example
 * ```ts
 * await Deno.writeTextFile("report.html", await renderReport("out/artifacts", { builtAt: new Date() }));
 * ```
 */
export async function renderReport(
  artifactDir: string,
  options: ViewOptions & { templatesDir?: string | undefined; limits?: DigestLimits },
): Promise<string> {
  const artifacts = await readArtifacts(artifactDir, options.limits);
  await checkOneDataSet(artifactDir, artifacts.quality.source);
  const view = buildView(artifacts, options);
  const charts = await readCharts(artifactDir);
  charts.risk_profit = { svg: riskProfitWithTips(artifacts) };
  return renderHtml(view, charts, options.templatesDir);
}

/**
 * The risk × profit scatter drawn from offers.json with a tip per customer
 * (id, probability, monthly profit, action segment). The notebook's
 * `risk_profit.svg` is the same chart from the same numbers without the
 * customers' ids; the report draws its own so that every dot names its customer.
 *
 * @example
 * ```ts
 * const svg = riskProfitWithTips(await readArtifacts("out/artifacts"));
 * ```
 */
export function riskProfitWithTips(a: Pick<ReportArtifacts, "offers" | "segments">): string {
  const unit = a.offers.moneyUnit;
  const points = a.offers.scatter.map((o) => ({
    probability: o.probability,
    profit: o.profit,
    title: `id ${o.id}\nВероятность снижения: ${ruPercent(o.probability, 0)}\n` +
      `Прибыль в месяц: ${ruNumber(o.profit, 2)} ${unit}\nСегмент действия: ${o.actionSegmentName}`,
  }));
  const svg = riskProfitChart(points, a.segments.cuts, {
    quadrants: quadrantLabels(a.segments),
    unit,
    sampledFrom: a.offers.customers,
  });
  const prepared = prepareSvg("risk_profit", svg);
  if (!("svg" in prepared)) throw new ArtifactError(`The risk × profit chart cannot be inlined: ${prepared.problem}`);
  return prepared.svg;
}
