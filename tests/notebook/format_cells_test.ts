/** Notebook code cells are formatted as the project's .ts files; the checker names a cell that is not. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { formatNotebooks } from "../../src/notebook/format_cells.ts";
import { projectNotebooks } from "../../src/notebook/strip.ts";

Deno.test("the project's notebooks: every code cell formatted", async () => {
  assert.deepEqual(await formatNotebooks(await projectNotebooks(), { check: true }), []);
});

Deno.test("a cell that is not formatted is named by --check, left as is, then formatted in place", async () => {
  const [first] = await projectNotebooks();
  const file = join(await Deno.makeTempDir(), "nb.ipynb");
  const nb = JSON.parse(await Deno.readTextFile(first!));
  const code = nb.cells.filter((c: { cell_type: string }) => c.cell_type === "code");
  code[1].source = ["const   x = {a:1,\n", "  b: 2}"];
  const before = JSON.stringify(nb, null, 1) + "\n";
  await Deno.writeTextFile(file, before);

  assert.deepEqual(await formatNotebooks([file], { check: true }), [{ file, cell: 2 }]);
  assert.equal(await Deno.readTextFile(file), before, "--check changes nothing");

  assert.deepEqual(await formatNotebooks([file], { check: false }), [{ file, cell: 2 }]);
  const after = JSON.parse(await Deno.readTextFile(file));
  const cell = after.cells.filter((c: { cell_type: string }) => c.cell_type === "code")[1];
  assert.deepEqual(cell.source, ["const x = { a: 1, b: 2 };"]);
  assert.deepEqual(after.cells.map((c: { id: string }) => c.id), nb.cells.map((c: { id: string }) => c.id));
  assert.deepEqual(await formatNotebooks([file], { check: true }), []);
});
