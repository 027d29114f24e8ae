/**
 * The notebooks' code type-checks against src/ as it is now: a renamed stage,
 * artifact field or chart input fails here, not in the middle of a build.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const NOTEBOOKS = join(ROOT, "notebooks");
const names = [...Deno.readDirSync(NOTEBOOKS)].map((e) => e.name).filter((n) => n.endsWith(".ipynb")).sort();

for (const name of names) {
  Deno.test(`notebook ${name}: its code cells type-check`, async () => {
    const nb = JSON.parse(await Deno.readTextFile(join(NOTEBOOKS, name)));
    const code = (nb.cells as { cell_type: string; source: string[] | string }[])
      .filter((c) => c.cell_type === "code")
      .map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source))
      .join("\n;\n");
    // Imports are relative to notebooks/: make them absolute so the file can live in a temp folder.
    const src = pathToFileURL(join(ROOT, "src")).href;
    const dir = await Deno.makeTempDir();
    const file = join(dir, `${name}.ts`);
    await Deno.writeTextFile(file, code.replaceAll('"../src/', `"${src}/`) + "\nexport {};\n");
    const r = await new Deno.Command(Deno.execPath(), {
      args: ["check", "--quiet", "--config", join(ROOT, "deno.json"), file],
      env: { NO_COLOR: "1" },
    }).output();
    await Deno.remove(dir, { recursive: true });
    assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
  });
}
