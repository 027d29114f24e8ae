/**
 * Demo data is loud: notebook 01 run without a data folder (no $ONECLICK_DATA,
 * no data/raw/) shows the DEMO DATA block as its first output and stamps its
 * artifacts as demo. Skipped without Jupyter and the Deno kernel, or when real
 * data would be picked up.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { DEMO_NOTE, PROJECT_ROOT } from "../../src/data/source.ts";
import { findPython, runNotebooks } from "../../src/report/notebooks.ts";
import { jupyterAvailable } from "../report/render_fixtures_test.ts";

const JUPYTER = await jupyterAvailable();
const realData = Deno.env.get("ONECLICK_DATA") !== undefined ||
  await Deno.stat(join(PROJECT_ROOT, "data", "raw")).then(() => true, () => false);

type Output = { output_type: string; data?: Record<string, string | string[]> };

Deno.test({
  name: "notebook 01 on the demo data: the first output is the DEMO DATA block; the stamp says demo",
  ignore: !JUPYTER || realData,
  async fn() {
    const out = await Deno.makeTempDir(), executed = await Deno.makeTempDir();
    await runNotebooks({
      notebooks: [join(PROJECT_ROOT, "notebooks", "01_data.ipynb")],
      outDir: executed,
      env: {},
      parameters: { out, config: { seed: 3 } },
      python: await findPython(),
      log: () => {},
    });
    const cells: { cell_type: string; metadata: { tags?: string[] }; outputs?: Output[] }[] =
      JSON.parse(await Deno.readTextFile(join(executed, "01_data.ipynb"))).cells;
    const first = cells.flatMap((c) => c.outputs ?? [])[0];
    assert.equal(first?.output_type, "display_data");
    assert.ok([first?.data?.["text/markdown"] ?? ""].flat().join("").includes(DEMO_NOTE), JSON.stringify(first));
    assert.match([first?.data?.["text/html"] ?? ""].flat().join(""), /DEMO DATA/);
    const stamp = JSON.parse(await Deno.readTextFile(join(out, "sources", "01_data.json")));
    const quality = JSON.parse(await Deno.readTextFile(join(out, "quality.json")));
    assert.deepEqual(stamp, {
      notebook: "01_data",
      kind: "demo",
      hash: quality.source.identity.hash,
      folder: quality.source.identity.folder,
    });
    assert.equal(quality.config.seed, 3, "the injected config reached the data stage");
    for (const d of [out, executed]) await Deno.remove(d, { recursive: true });
  },
});
