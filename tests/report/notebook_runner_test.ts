/**
 * The notebook runner (scripts/run_notebooks.py, through `runNotebooks`)
 * keeps every output in its own cell when the kernel publishes it after the
 * cell's `status: idle`. The late publication is made deterministic by a
 * kernel that does it on purpose (late_output_kernel.py, ordered by events,
 * no timers); the real Deno kernel, which does it by chance, runs 20 cells
 * under CPU load. Kernelspecs live in a temporary JUPYTER_PATH. Skipped, with
 * a message, without a python3 that has nbclient and ipykernel.
 *
 * `ONECLICK_RUNNER_REPEAT=N` repeats the Deno-kernel run N times (default 2).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BuildError, findPython, runNotebooks } from "../../src/report/notebooks.ts";

const LATE_KERNEL = fileURLToPath(new URL("./late_output_kernel.py", import.meta.url));
const REPEAT = Number(Deno.env.get("ONECLICK_RUNNER_REPEAT") ?? "2");
const LOAD_PROCESSES = 2;

/** The Python the build would use, if it also has ipykernel (the late-output kernel needs it). */
async function runnerPython(): Promise<string | undefined> {
  try {
    const python = await findPython();
    const r = await new Deno.Command(python, { args: ["-c", "import ipykernel"], stdout: "null", stderr: "null" })
      .output();
    return r.success ? python : undefined;
  } catch {
    return undefined;
  }
}

const PYTHON = await runnerPython();
if (!PYTHON) {
  console.warn(
    "notebook runner tests skipped: no python3 with nbclient, nbconvert and ipykernel " +
      "(install python3-nbclient jupyter-nbconvert python3-ipykernel)",
  );
}

/** A notebook: strings are code cells, `{ md }` markdown cells. */
function notebook(kernel: string, cells: (string | { md: string })[]): string {
  return JSON.stringify({
    cells: cells.map((c) =>
      typeof c === "string"
        ? { cell_type: "code", execution_count: null, metadata: {}, outputs: [], source: c }
        : { cell_type: "markdown", metadata: {}, source: c.md }
    ),
    metadata: { kernelspec: { name: kernel, display_name: kernel, language: "text" } },
    nbformat: 4,
    nbformat_minor: 5,
  });
}

/** A JUPYTER_PATH holding one kernelspec. */
async function kernelspec(dir: string, name: string, argv: string[]): Promise<string> {
  const root = join(dir, "jupyter");
  await Deno.mkdir(join(root, "kernels", name), { recursive: true });
  await Deno.writeTextFile(
    join(root, "kernels", name, "kernel.json"),
    JSON.stringify({ argv, display_name: name, language: "text" }),
  );
  return root;
}

const lateKernelSpec = (dir: string) =>
  kernelspec(dir, "oneclick-late-output", [PYTHON!, LATE_KERNEL, "-f", "{connection_file}"]);

interface Cell {
  cell_type: string;
  execution_count?: number | null;
  outputs?: { output_type: string; text?: string | string[]; data?: Record<string, string | string[]> }[];
}

// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const joined = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : t ?? "");

/** Each code cell's outputs as `type:text`, ANSI colours and the trailing newline removed. */
async function outputsByCell(path: string): Promise<{ count: number | null | undefined; outputs: string[] }[]> {
  const nb = JSON.parse(await Deno.readTextFile(path)) as { cells: Cell[] };
  return nb.cells.filter((c) => c.cell_type === "code").map((c) => ({
    count: c.execution_count,
    outputs: (c.outputs ?? []).map((o) =>
      `${o.output_type}:${joined(o.text ?? o.data?.["text/plain"]).replace(ANSI, "").replace(/\n$/, "")}`
    ),
  }));
}

// Cells of the late-output kernel (see late_output_kernel.py) and what each must hold.
const LATE_CELLS: (string | { md: string })[] = [
  { md: "# late outputs" },
  "now stream a1\nnow result a2",
  "after-idle stream b1\nafter-idle result b2",
  "now stream c1\nin-next display c2",
  "",
  "now stream e0\nnow clear -\nin-next stream e1",
  "now stream f1",
  { md: "the last cell's late outputs arrive during the drain" },
  "now result z1\nafter-idle stream z2\nin-next result z3",
];
const LATE_EXPECTED = [
  { count: 1, outputs: ["stream:a1", "execute_result:a2"] },
  { count: 2, outputs: ["stream:b1", "execute_result:b2"] },
  { count: 3, outputs: ["stream:c1", "display_data:c2"] },
  { count: null, outputs: [] }, // empty: not executed
  { count: 4, outputs: ["stream:e1"] }, // the cell's own clear_output(wait) removed e0
  { count: 5, outputs: ["stream:f1"] }, // …and nothing of the next cell
  { count: 6, outputs: ["execute_result:z1", "stream:z2", "execute_result:z3"] },
];

Deno.test({
  name: "notebook runner: outputs published after the cell's idle land in their own cell, in order, once",
  ignore: !PYTHON,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const jupyterPath = await lateKernelSpec(dir);
      await Deno.writeTextFile(join(dir, "late.ipynb"), notebook("oneclick-late-output", LATE_CELLS));
      const log: string[] = [];
      await runNotebooks({
        notebooks: [join(dir, "late.ipynb")],
        outDir: join(dir, "out"),
        env: { JUPYTER_PATH: jupyterPath },
        timeoutSeconds: 30,
        python: PYTHON!,
        log: (l) => log.push(l),
      });
      assert.deepEqual(await outputsByCell(join(dir, "out", "late.ipynb")), LATE_EXPECTED);
      const progress = log.filter((l) => l.startsWith("late  "));
      assert.equal(progress.length, 7, log.join("\n"));
      progress.slice(0, 6).forEach((l, k) =>
        assert.match(l, new RegExp(`^late {2}cell ${k + 1}/6 {2}\\d+\\.\\d\\d s$`))
      );
      assert.match(progress[6]!, /^late {2}done {2}6 cells {2}\d+\.\d\d s$/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "notebook runner: the late-output kernel does lose outputs with plain nbclient (the test above can fail)",
  ignore: !PYTHON,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const jupyterPath = await lateKernelSpec(dir);
      await Deno.writeTextFile(join(dir, "late.ipynb"), notebook("oneclick-late-output", LATE_CELLS));
      const plain = "import sys, nbformat\nfrom nbclient import NotebookClient\n" +
        "nb = nbformat.read(sys.argv[1], as_version=4)\nNotebookClient(nb, timeout=30).execute()\n" +
        "nbformat.write(nb, sys.argv[2])";
      const r = await new Deno.Command(PYTHON!, {
        args: ["-c", plain, join(dir, "late.ipynb"), join(dir, "plain.ipynb")],
        env: { JUPYTER_PATH: jupyterPath, PYDEVD_DISABLE_FILE_VALIDATION: "1" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.ok(r.success, new TextDecoder().decode(r.stderr));
      const cells = await outputsByCell(join(dir, "plain.ipynb"));
      assert.deepEqual(cells.map((c) => c.outputs), [
        ["stream:a1", "execute_result:a2"],
        [],
        ["stream:c1"],
        [],
        ["stream:e0"],
        ["stream:f1"],
        ["execute_result:z1"],
      ]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "notebook runner: a failing cell still gives the one error record, after late output of the cell before",
  ignore: !PYTHON,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const jupyterPath = await lateKernelSpec(dir);
      await Deno.writeTextFile(
        join(dir, "fails.ipynb"),
        notebook("oneclick-late-output", ["after-idle stream before", "now stream x\nnow error boom", "now stream no"]),
      );
      const log: string[] = [];
      const error = await runNotebooks({
        notebooks: [join(dir, "fails.ipynb")],
        outDir: join(dir, "out"),
        env: { JUPYTER_PATH: jupyterPath },
        timeoutSeconds: 30,
        python: PYTHON!,
        log: (l) => log.push(l),
      }).then(() => undefined, (e) => e);
      assert.ok(error instanceof BuildError, String(error));
      assert.equal(error.exitCode, 70);
      assert.equal(
        error.message,
        "Notebook fails.ipynb failed in code cell 2 of 3:\n    now stream x\nLateError: boom",
      );
      assert.match(log.join("\n"), /^fails {2}cell 2\/3 {2}\d+\.\d\d s {2}FAILED$/m);
      assert.doesNotMatch(log.join("\n"), /cell 3\/3/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

/** Starts busy-loop processes; the returned function stops them. */
function cpuLoad(python: string, processes: number): () => Promise<void> {
  const children = Array.from(
    { length: processes },
    () => new Deno.Command(python, { args: ["-c", "while True: pass"], stdout: "null", stderr: "null" }).spawn(),
  );
  return async () => {
    for (const c of children) c.kill("SIGKILL");
    await Promise.all(children.map((c) => c.status));
  };
}

const DENO_CELLS = 20;

Deno.test({
  name: `notebook runner: the Deno kernel's ${DENO_CELLS} cells under CPU load keep every output in its cell ` +
    `(${REPEAT} run${REPEAT === 1 ? "" : "s"})`,
  ignore: !PYTHON,
  async fn() {
    const dir = await Deno.makeTempDir();
    // This Deno as the kernel: no dependence on `deno jupyter --install`.
    const jupyterPath = await kernelspec(dir, "oneclick-deno", [
      Deno.execPath(),
      "jupyter",
      "--kernel",
      "--conn",
      "{connection_file}",
    ]);
    const cells = Array.from({ length: DENO_CELLS }, (_, i) => `console.log("line ${i}");\n${i} * 10`);
    await Deno.writeTextFile(join(dir, "deno.ipynb"), notebook("oneclick-deno", cells));
    const expected = cells.map((_, i) => ({ count: i + 1, outputs: [`stream:line ${i}`, `execute_result:${i * 10}`] }));
    const stopLoad = cpuLoad(PYTHON!, LOAD_PROCESSES);
    try {
      for (let run = 1; run <= REPEAT; run++) {
        await runNotebooks({
          notebooks: [join(dir, "deno.ipynb")],
          outDir: join(dir, `out${run}`),
          env: { JUPYTER_PATH: jupyterPath },
          timeoutSeconds: 60,
          python: PYTHON!,
          log: () => {},
        });
        assert.deepEqual(await outputsByCell(join(dir, `out${run}`, "deno.ipynb")), expected, `run ${run}`);
      }
    } finally {
      await stopLoad();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
