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
      args: ["run", "-A", join(ROOT, "src/cli/report.ts"), "--data", REAL, "--data-date", "2026-11-30", "--out", out],
      cwd: ROOT,
      // A cache of its own: the real build runs every notebook, and the project's .cache is untouched.
      env: { NO_COLOR: "1", ONECLICK_CACHE_DIR: await Deno.makeTempDir() },
    }).output();
    assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
    const art = (f: string) => join(out, "artifacts", f);
    const json = async (f: string) => JSON.parse(await Deno.readTextFile(art(f)));
    const q = await json("quality.json");
    assert.equal(q.customers, 1297);
    assert.equal(q.source.kind, "user");
    // --data-date reached the notebooks' data stage; the hash is of the four files' bytes.
    assert.deepEqual(
      { ...q.source.identity, hash: undefined },
      { folder: "one-click", exportDate: "2026-11-30", exportDateFrom: "given", hash: undefined },
    );
    assert.match(q.source.identity.hash, /^[0-9a-f]{12}$/);
    assert.deepEqual(q.classBalance, { "Снизилась": 495, "Прежний уровень": 802 });
    const m = await json("metrics.json");
    const families = ["knn", "tree", "logistic", "svc", "ensemble"];
    assert.deepEqual(m.families.map((f: { family: string }) => f.family), families);
    assert.equal(m.data.customers, 1297);
    // The headline: nested CV of the whole selection, every outer fold won by someone.
    assert.ok(m.nestedCv.selected.mean > 0.88, `nested-CV AUC ${m.nestedCv.selected.mean}`);
    assert.equal(m.nestedCv.families.reduce((n: number, f: { wins: number }) => n + f.wins, 0), 5);
    assert.match(m.selection.sentence, /^Выбрана модель «/);
    // Calibrated probabilities: Platt below 1000 training customers; the seed stability over five seeds.
    assert.equal(m.best.calibration.method, "sigmoid");
    assert.deepEqual(m.stability.seeds, [42, 1, 2, 3, 4]);
    assert.ok(m.stability.flagSameUnderAll > 0.5 && m.stability.flagSameUnderAll <= 1);
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
    // Nothing a person reads shows where the data lie on this machine.
    assert.ok(!html.includes(REAL), "the data's path in report.html");
    assert.match(html, new RegExp(`выгрузка «one-click» от 30\u00A0ноября 2026\u00A0г\..*${q.source.identity.hash}`));
    const pdf = await Deno.readFile(join(out, "report.pdf"));
    assert.equal(new TextDecoder().decode(pdf.subarray(0, 5)), "%PDF-");
    for (const nb of ["01_data", "02_eda", "03_model", "04_segments"]) {
      await Deno.stat(join(out, "notebooks", `${nb}.ipynb`));
      const page = await Deno.readTextFile(join(out, "notebooks", `${nb}.html`));
      assert.ok(!page.includes(REAL), `the data's path in ${nb}.html`);
      // Papermill's convention: the run's values in a cell tagged injected-parameters right after `parameters`.
      const cells: { metadata: { tags?: string[] }; source: string | string[]; outputs?: unknown[] }[] =
        JSON.parse(await Deno.readTextFile(join(out, "notebooks", `${nb}.ipynb`))).cells;
      const at = cells.findIndex((c) => c.metadata.tags?.includes("parameters"));
      assert.ok(at >= 0, `${nb}: a parameters cell`);
      assert.deepEqual(cells[at + 1]?.metadata.tags, ["injected-parameters"], `${nb}: injected after parameters`);
      const injected = [cells[at + 1]!.source].flat().join("");
      const values = JSON.parse(/notebookParams\((\{[\s\S]*\})\);$/.exec(injected)?.[1] ?? "null");
      assert.deepEqual(values.config, q.config, `${nb}: the run's config`);
      assert.equal(values.data, "../shared/data/one-click", `${nb}: the data, relative to the project`);
      assert.equal(values.dataDate, "2026-11-30");
      // Real data: no demo block in any output.
      assert.doesNotMatch(JSON.stringify(cells.map((c) => c.outputs ?? [])), /DEMO DATA/, `${nb}: no demo block`);
    }
  },
});
