/**
 * The README's first command on the store's real data (when ../shared is
 * beside the project): the whole report build, then a check of every artifact.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const REAL = fileURLToPath(new URL("../../../shared/data/one-click", import.meta.url));
const present = await Deno.stat(join(REAL, "money.csv")).then(() => true, () => false);
const tools = await new Deno.Command("sh", { args: ["-c", "command -v jupyter-nbconvert && command -v chromium"] })
  .output().then((o) => o.success, () => false);

Deno.test({
  name: "report on the real data: HTML, PDF, executed notebooks and consistent artifacts",
  ignore: !present || !tools,
  fn: async () => {
    const out = await Deno.makeTempDir();
    const r = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", join(ROOT, "src/cli/report.ts"), "--data", REAL, "--out", out],
      cwd: ROOT,
      env: { NO_COLOR: "1" },
    }).output();
    assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
    const art = (f: string) => join(out, "artifacts", f);
    const json = async (f: string) => JSON.parse(await Deno.readTextFile(art(f)));
    const q = await json("quality.json");
    assert.equal(q.customers, 1297);
    assert.equal(q.source.kind, "user");
    assert.deepEqual(q.classBalance, { "Снизилась": 495, "Прежний уровень": 802 });
    const m = await json("metrics.json");
    assert.deepEqual(m.families.map((f: { family: string }) => f.family), ["knn", "tree", "logistic", "svc"]);
    assert.equal(m.data.customers, 1297);
    assert.ok(m.best.repeatedCv.mean > 0.88, `repeated-CV AUC ${m.best.repeatedCv.mean}`);
    const e = await json("explanations.json");
    assert.equal(e.customers, 1297);
    const s = await json("segments.json");
    assert.ok(s.segments.length >= 8);
    const offers = (await Deno.readTextFile(art("offers.csv"))).trim().split("\r\n");
    assert.equal(offers.length, 1298);
    for (const chart of ["eda_numeric", "model_comparison", "roc", "shap_beeswarm", "segments"]) {
      assert.match(await Deno.readTextFile(art(`charts/${chart}.svg`)), /^<svg/);
    }
    const html = await Deno.readTextFile(join(out, "report.html"));
    assert.match(html, /В один клик/);
    assert.doesNotMatch(html, /созданные генератором/); // the demo note (the CSS always holds the banner text)
    const pdf = await Deno.readFile(join(out, "report.pdf"));
    assert.equal(new TextDecoder().decode(pdf.subarray(0, 5)), "%PDF-");
    for (const nb of ["01_data", "02_eda", "03_model", "04_segments"]) {
      await Deno.stat(join(out, "notebooks", `${nb}.ipynb`));
      await Deno.stat(join(out, "notebooks", `${nb}.html`));
    }
  },
});
