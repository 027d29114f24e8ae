/**
 * Notebook hygiene: the committed notebooks carry no outputs or execution
 * counts and an id on every cell; `deno task strip` cleans a notebook in
 * place, idempotently.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { notebookProblems, projectNotebooks, stripFiles, stripNotebook } from "../../src/notebook/strip.ts";

const STRIP = fileURLToPath(new URL("../../src/notebook/strip.ts", import.meta.url));

/** An executed notebook as nbclient leaves it: outputs, counts, timings. */
function executed(): string {
  return JSON.stringify(
    {
      cells: [
        { cell_type: "markdown", id: "intro", metadata: {}, source: ["# Заголовок\n", "текст"] },
        {
          cell_type: "code",
          execution_count: 1,
          id: "load",
          metadata: { tags: ["parameters"], execution: { "iopub.execute_input": "2026-12-01T10:00:00Z" } },
          outputs: [{ output_type: "stream", name: "stdout", text: ["1300 покупателей\n"] }],
          source: ["const n = 1300;\n", "console.log(`${n} покупателей`);"],
        },
        {
          cell_type: "code",
          execution_count: 2,
          id: "chart",
          metadata: {},
          outputs: [{
            output_type: "execute_result",
            data: { "text/plain": ["42"] },
            execution_count: 2,
            metadata: {},
          }],
          source: ["6 * 7"],
        },
      ],
      metadata: { kernelspec: { display_name: "Deno", language: "typescript", name: "deno" } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  ) + "\n";
}

Deno.test("the committed notebooks have no outputs, no execution counts and an id on every cell", async () => {
  const files = await projectNotebooks();
  assert.ok(files.length >= 4, `expected the four notebooks, found ${files.length}`);
  const problems = (await Promise.all(files.map(async (f) => notebookProblems(await Deno.readTextFile(f), f)))).flat();
  assert.deepEqual(problems, [], `run \`./oneclick strip\` (and give every cell an id):\n${problems.join("\n")}`);
});

Deno.test("notebookProblems names each problem with the file and the cell", () => {
  assert.deepEqual(notebookProblems(executed(), "x.ipynb"), [
    "x.ipynb: cell 2 (code) has outputs: run `./oneclick strip`",
    "x.ipynb: cell 2 (code) has an execution count (1): run `./oneclick strip`",
    "x.ipynb: cell 2 (code) has execution timings in its metadata: run `./oneclick strip`",
    "x.ipynb: cell 3 (code) has outputs: run `./oneclick strip`",
    "x.ipynb: cell 3 (code) has an execution count (2): run `./oneclick strip`",
  ]);
  const nb = JSON.parse(stripNotebook(executed(), "x.ipynb"));
  delete nb.cells[0].id;
  nb.cells[2].id = "load";
  nb.cells[1].id = "has space";
  nb.nbformat_minor = 4;
  assert.deepEqual(notebookProblems(JSON.stringify(nb), "x.ipynb"), [
    "x.ipynb: nbformat 4.4, expected 4.5 or later (cell ids)",
    "x.ipynb: cell 1 has no id",
    'x.ipynb: cell 2 has id "has space", expected 1–64 letters, digits, "-" or "_"',
  ]);
  nb.cells[1].id = "load";
  assert.ok(
    notebookProblems(JSON.stringify(nb), "x.ipynb").includes('x.ipynb: cell 3 repeats the id "load" of cell 2'),
  );
});

Deno.test("stripNotebook removes outputs, counts and timings, keeps everything else, and is idempotent", () => {
  const dirty = executed();
  const clean = stripNotebook(dirty, "x.ipynb");
  assert.deepEqual(notebookProblems(clean, "x.ipynb"), []);
  assert.equal(stripNotebook(clean, "x.ipynb"), clean);
  const before = JSON.parse(dirty), after = JSON.parse(clean);
  assert.deepEqual(
    after.cells.map((c: { source: string[] }) => c.source),
    before.cells.map((c: { source: string[] }) => c.source),
  );
  assert.deepEqual(after.cells.map((c: { id: string }) => c.id), ["intro", "load", "chart"]);
  assert.deepEqual(after.cells[1].metadata, { tags: ["parameters"] });
  assert.deepEqual(after.cells[1].outputs, []);
  assert.equal(after.cells[1].execution_count, null);
  assert.deepEqual(after.metadata, before.metadata);
  // Jupyter's layout: one-space indent, Cyrillic as is, a final newline.
  assert.ok(clean.includes('\n   "source": [\n    "# Заголовок\\n",'));
  assert.ok(clean.endsWith("}\n"));
});

Deno.test("stripNotebook on a committed notebook returns its exact text", async () => {
  for (const file of await projectNotebooks()) {
    const text = await Deno.readTextFile(file);
    assert.equal(stripNotebook(text, file), text, file);
  }
});

Deno.test("deno task strip cleans files in place, touches clean ones not, and a second run changes nothing", async () => {
  const dir = await Deno.makeTempDir({ prefix: "oneclick-strip-" });
  try {
    const dirty = join(dir, "dirty.ipynb"), clean = join(dir, "clean.ipynb");
    await Deno.writeTextFile(dirty, executed());
    await Deno.writeTextFile(clean, stripNotebook(executed(), clean));
    const cleanMtime = (await Deno.stat(clean)).mtime;
    const run = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-read", "--allow-write", "--allow-env", STRIP, dirty, clean],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(run.code, 0, new TextDecoder().decode(run.stderr));
    assert.equal(
      new TextDecoder().decode(run.stdout),
      `stripped ${dirty}\n1 of 2 notebooks changed; all clean now\n`,
    );
    assert.equal(await Deno.readTextFile(dirty), await Deno.readTextFile(clean));
    assert.deepEqual((await Deno.stat(clean)).mtime, cleanMtime);
    assert.deepEqual(await stripFiles([dirty, clean]), []);
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name).sort(), ["clean.ipynb", "dirty.ipynb"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task strip on a broken notebook: one message with the file and line, no stack, nothing written", async () => {
  const dir = await Deno.makeTempDir({ prefix: "oneclick-strip-" });
  try {
    const broken = join(dir, "broken.ipynb");
    const text = '{\n "cells": [\n  {"cell_type": "code",}\n ]\n}\n';
    await Deno.writeTextFile(broken, text);
    const run = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-read", "--allow-write", "--allow-env", STRIP, broken],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const err = new TextDecoder().decode(run.stderr);
    assert.equal(run.code, 1, err);
    assert.match(err, new RegExp(`${broken.replaceAll(".", "\\.")}.*3`));
    assert.doesNotMatch(err, /\n\s+at /);
    assert.equal(await Deno.readTextFile(broken), text);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
