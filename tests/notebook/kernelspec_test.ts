/**
 * The project-local Deno kernelspec: what it says, that writing it is
 * idempotent, that JUPYTER_PATH puts it before the user's own (checked with
 * Jupyter itself when it is installed), and the notebook server's command line.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { NOTEBOOK_SERVER_DEFAULTS, serverLaunch } from "../../src/cli/notebook_server.ts";
import { UsageError } from "../../src/cli/run.ts";
import { denoKernelJson, installKernelspec, jupyterPath, KERNELSPEC_DEFAULTS } from "../../src/notebook/kernelspec.ts";

Deno.test("installKernelspec writes the Deno kernel.json once and leaves an identical one alone", async () => {
  const dir = await Deno.makeTempDir({ prefix: "oneclick-jupyter-" });
  try {
    const file = await installKernelspec(dir, "/clone/deno");
    assert.equal(file, join(dir, "kernels/deno/kernel.json"));
    assert.deepEqual(JSON.parse(await Deno.readTextFile(file)), {
      argv: ["/clone/deno", "jupyter", "--kernel", "--conn", "{connection_file}"],
      display_name: "Deno",
      language: "typescript",
    });
    const mtime = (await Deno.stat(file)).mtime;
    await installKernelspec(dir, "/clone/deno");
    assert.deepEqual((await Deno.stat(file)).mtime, mtime);
    await installKernelspec(dir, "/other/deno");
    assert.equal(JSON.parse(await Deno.readTextFile(file)).argv[0], "/other/deno");
    assert.deepEqual([...Deno.readDirSync(join(dir, "kernels/deno"))].map((e) => e.name), ["kernel.json"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("jupyterPath puts the project's directory first, once, keeping the others", () => {
  assert.equal(jupyterPath("/p/.tools/jupyter", undefined), "/p/.tools/jupyter");
  assert.equal(jupyterPath("/p/.tools/jupyter", ""), "/p/.tools/jupyter");
  assert.equal(jupyterPath("/p/.tools/jupyter", "/opt/j:/p/.tools/jupyter::/usr/j"), "/p/.tools/jupyter:/opt/j:/usr/j");
  assert.ok(KERNELSPEC_DEFAULTS.dir.endsWith("/.tools/jupyter"));
});

const PYTHON_JUPYTER = await new Deno.Command("/usr/bin/python3", {
  args: ["-c", "import jupyter_client"],
  stdout: "null",
  stderr: "null",
}).output().then((r) => r.success, () => false);
if (!PYTHON_JUPYTER) console.log("SKIPPED a kernelspec test: /usr/bin/python3 has no jupyter_client");

Deno.test({
  name: "Jupyter finds the project's Deno kernel before a user's stale one, and writes nothing in HOME",
  ignore: !PYTHON_JUPYTER,
  fn: async () => {
    const home = await Deno.makeTempDir({ prefix: "oneclick-home-" });
    const project = await Deno.makeTempDir({ prefix: "oneclick-jupyter-" });
    try {
      // A user-wide kernelspec pointing into a deleted clone: what `deno jupyter --install` used to leave.
      const stale = join(home, ".local/share/jupyter/kernels/deno/kernel.json");
      await Deno.mkdir(join(stale, ".."), { recursive: true });
      await Deno.writeTextFile(stale, JSON.stringify(denoKernelJson("/deleted/clone/deno")));
      await installKernelspec(project, "/this/clone/deno");
      const r = await new Deno.Command("/usr/bin/python3", {
        args: [
          "-c",
          "from jupyter_client.kernelspec import KernelSpecManager\n" +
          "print(KernelSpecManager().get_kernel_spec('deno').argv[0])",
        ],
        env: { HOME: home, JUPYTER_PATH: jupyterPath(project, undefined) },
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.ok(r.success, new TextDecoder().decode(r.stderr));
      assert.equal(new TextDecoder().decode(r.stdout).trim(), "/this/clone/deno");
    } finally {
      await Deno.remove(home, { recursive: true });
      await Deno.remove(project, { recursive: true });
    }
  },
});

Deno.test("the notebook server's command line: loopback, the exact port, notebooks/, the project's Jupyter dirs", () => {
  const launch = serverLaunch(["--port", "9123", "--no-browser", "--data", "/d", "--", "--NotebookApp.token=t"]);
  assert.deepEqual(launch.args.filter((a) => a !== "--allow-root"), [
    `--notebook-dir=${NOTEBOOK_SERVER_DEFAULTS.notebooks}`,
    "--ip=127.0.0.1",
    "--port=9123",
    "--NotebookApp.port_retries=0",
    "--MultiKernelManager.default_kernel_name=deno",
    "--no-browser",
    "--NotebookApp.token=t",
  ]);
  assert.equal(launch.env.JUPYTER_DATA_DIR, KERNELSPEC_DEFAULTS.dir);
  assert.equal(launch.env.JUPYTER_PATH!.split(":")[0], KERNELSPEC_DEFAULTS.dir);
  assert.equal(launch.env.ONECLICK_DATA, "/d");
  assert.ok(serverLaunch([]).args.includes("--port=8888"));
  assert.equal(serverLaunch([]).env.ONECLICK_DATA, undefined);
  for (const bad of [["--port", "0"], ["--port", "70000"], ["--port", "x"], ["--browser"]]) {
    assert.throws(() => serverLaunch(bad), UsageError, bad.join(" "));
  }
});
